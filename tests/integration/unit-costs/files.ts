import ExcelJS from "exceljs";

/** The GMCA layout's header, as the database's workbook names its columns. */
export const GMCA_HEADER = [
  "Cost code",
  "Outcome category",
  "Outcome detail",
  "Description",
  "Unit",
  "Fiscal cost (£)",
  "Agency",
  "Agency detail",
  "Price year",
  "Source",
  "Confidence",
];

export const GOOD_ROWS = [
  ["TST-FOSTER", "Children and families", "Looked-after children", "Foster care place", "per year", "£28,000", "Local authority", "Children's services", "2015-16", "Test case study (2016)", "medium"],
  ["TST-CAREPROC", "Children and families", "Care proceedings", "Care proceedings", "per family", "93000", "Local authority", "", "2009/10", "Test conference report (2010)", "low"],
  ["TST-VISIT", "Health", "Health visiting", "Health visitor contact, with “quotes”, and commas", "per contact", "54.35", "NHS", "Community health", "2019-20", "Test tariff", "High"],
];

export function csv(rows: string[][], delimiter = ","): string {
  return rows.map((r) => r.map((c) => (/[",\n;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join("\r\n") + "\r\n";
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A workbook like the GMCA database's own: a notes sheet first, then the costs sheet with title
 * rows above the header; costs as numbers (one a formula), a price year as text.
 */
export async function gmcaWorkbook(rows: Array<Array<string | number | { formula: string; result: number }>>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Introduction");
  notes.addRow(["Unit Cost Database"]);
  notes.addRow(["Read the guidance before using these costs."]);
  const sheet = wb.addWorksheet("Unit costs");
  sheet.addRow(["Unit Cost Database (test copy)"]);
  sheet.addRow(["Costs in the price year shown"]);
  sheet.addRow([]);
  sheet.addRow(GMCA_HEADER);
  for (const row of rows) sheet.addRow(row);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function form(file: Uint8Array | null, name: string, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  if (file) data.append("file", new File([new Uint8Array(file)], name));
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}
