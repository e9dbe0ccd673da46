import { stringify } from "csv-stringify/sync";

import { neutraliseCell } from "./csv-cells";
import type { LearningSummary } from "./export.schema";
import { ACTION_STATUS_LABELS, KIND_LABELS, REPORT_LABELS, STATUS_LABELS } from "./labels";

function toCsv(head: string[], rows: string[][]): string {
  // A byte-order mark so Excel reads UTF-8 (the £ sign and curly quotes) correctly.
  return `\uFEFF${stringify([head, ...rows.map((r) => r.map(neutraliseCell))], { record_delimiter: "\r\n" })}`;
}

export function renderInsightsCsv(summary: LearningSummary): string {
  const inquiry = new Map(summary.inquiries.map((i) => [i.id, i.question]));
  return toCsv(
    [
      "id",
      "statement",
      "kind",
      "status",
      "confidence",
      "barrier_level",
      "relayed_to",
      "inquiries",
      "excerpts",
      "evidence",
      "created_at",
      "url",
    ],
    summary.insights.map((n) => [
      n.id,
      n.statement,
      KIND_LABELS[n.kind],
      STATUS_LABELS[n.status],
      n.confidence,
      n.barrierLevel ?? "",
      n.relayedTo,
      n.inquiryIds.map((id) => inquiry.get(id) ?? id).join("; "),
      String(n.excerpts.length),
      n.evidence.map((e) => e.label).join("; "),
      n.createdAt,
      n.url,
    ]),
  );
}

export function renderActionsCsv(summary: LearningSummary): string {
  const inquiry = new Map(summary.inquiries.map((i) => [i.id, i.question]));
  return toCsv(
    [
      "id",
      "action",
      "owner",
      "due_on",
      "status",
      "inquiry",
      "latest_report",
      "latest_reflection",
      "reports",
      "url",
    ],
    summary.actions.map((a) => {
      const last = a.reports.at(-1);
      return [
        a.id,
        a.description,
        a.owner ?? "",
        a.dueOn ?? "",
        ACTION_STATUS_LABELS[a.status],
        a.inquiryId ? (inquiry.get(a.inquiryId) ?? "") : "",
        last ? REPORT_LABELS[last.outcome] : "",
        last?.reflection ?? "",
        String(a.reports.length),
        a.url,
      ];
    }),
  );
}
