import type { ExportFormat } from "./export.schema";

/** Each format's address under /w/:ws/export/ and how the form offers it. */
export const EXPORT_FILES: Record<
  ExportFormat,
  { path: string; contentType: string; label: string; hint: string }
> = {
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    path: "summary.docx",
    label: "Word document (.docx)",
    hint: "Headings, contents, tables and charts; opens in Word and LibreOffice.",
  },
  html: {
    contentType: "text/html; charset=utf-8",
    path: "summary.html",
    label: "Print-ready page (.html)",
    hint: "Open it and print, or save as PDF from the browser.",
  },
  md: {
    contentType: "text/markdown; charset=utf-8",
    path: "summary.md",
    label: "Markdown (.md)",
    hint: "Plain text with headings, for wikis and repositories.",
  },
  json: {
    contentType: "application/json; charset=utf-8",
    path: "summary.json",
    label: "Data (.json)",
    hint: "Everything in the summary with ids and links, machine-readable.",
  },
  "insights-csv": {
    contentType: "text/csv; charset=utf-8",
    path: "insights.csv",
    label: "Insights (.csv)",
    hint: "One row per insight, for a spreadsheet.",
  },
  "actions-csv": {
    contentType: "text/csv; charset=utf-8",
    path: "actions.csv",
    label: "Actions (.csv)",
    hint: "One row per workspace action with its latest report.",
  },
  qdc: {
    contentType: "application/xml; charset=utf-8",
    path: "codebook.qdc",
    label: "Codebook (.qdc)",
    hint: "Insight kinds, statuses and tags for NVivo, ATLAS.ti or MAXQDA.",
  },
};
