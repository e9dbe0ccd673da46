import { disclosedText } from "./disclosure";
import type { LearningSummary } from "./export.schema";
import {
  ACTION_STATUS_LABELS,
  filtersText,
  formatIsoDateTime,
  formatIsoDay,
  formatPence,
  INQUIRY_STATUS_LABELS,
  KIND_LABELS,
  REDACTION_NOTE,
  REPORT_LABELS,
  STATUS_LABELS,
} from "./labels";

/** A chart already rendered on the server as SVG (the same function the pages use). */
export type Chart = { title: string; svg: string; alt: string; width: number; height: number };

/**
 * The learning summary as a document outline. Every format (DOCX, HTML, Markdown) renders this one
 * outline, so they cannot drift apart in what they include or leave out.
 */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "paragraph"; text: string; muted?: boolean }
  | { type: "list"; items: string[] }
  | { type: "quote"; text: string; source: string }
  | { type: "table"; caption: string; head: string[]; rows: string[][] }
  | { type: "chart"; chart: Chart }
  | { type: "toc" }
  | { type: "pagebreak" };

export type Outline = { title: string; subtitle: string; blocks: Block[] };

function insightBlocks(summary: LearningSummary, ids: string[]): Block[] {
  const insights = summary.insights.filter((n) => ids.includes(n.id));
  if (insights.length === 0)
    return [{ type: "paragraph", text: "No insights recorded yet.", muted: true }];
  const blocks: Block[] = [];
  for (const n of insights) {
    blocks.push({ type: "heading", level: 3, text: n.statement });
    const facts = [
      `${KIND_LABELS[n.kind]}`,
      `${STATUS_LABELS[n.status]}`,
      `confidence ${n.confidence}`,
    ];
    if (n.kind === "barrier" && n.barrierLevel)
      facts.push(n.barrierLevel === "national" ? "national barrier" : "local barrier");
    if (n.relayedTo) facts.push(`relayed to ${n.relayedTo}`);
    blocks.push({ type: "paragraph", text: facts.join(" · ") });
    for (const e of n.excerpts) {
      blocks.push({
        type: "quote",
        text: e.text,
        source: e.removedFromLog ? `${e.logTitle} (since removed from the log)` : e.logTitle,
      });
    }
    if (n.evidence.length > 0)
      blocks.push({ type: "list", items: n.evidence.map((e) => `${e.label}`) });
  }
  return blocks;
}

function actionRows(summary: LearningSummary, ids: string[]): string[][] {
  return summary.actions
    .filter((a) => ids.includes(a.id))
    .map((a) => {
      const last = a.reports.at(-1);
      return [
        a.description,
        a.owner ?? "No owner",
        a.dueOn ? formatIsoDay(a.dueOn) : "No due date",
        ACTION_STATUS_LABELS[a.status],
        last
          ? `${REPORT_LABELS[last.outcome]}${last.reflection ? `: ${last.reflection}` : ""}`
          : "No report yet",
      ];
    });
}

function decisionRows(summary: LearningSummary, ids: string[]): string[][] {
  return summary.decisions
    .filter((d) => ids.includes(d.id))
    .map((d) => [
      d.decision,
      d.rationale || "—",
      d.owner ?? "No owner",
      formatIsoDay(d.decidedOn),
      d.reviewOn ? formatIsoDay(d.reviewOn) : "Not set",
    ]);
}

const ACTION_HEAD = ["Action", "Owner", "Due", "Status", "Latest report"];
const DECISION_HEAD = ["Decision", "Why", "Owner", "Decided", "Review"];

export function buildOutline(
  summary: LearningSummary,
  charts: { byInquiry: Map<string, Chart[]>; evidence: Chart[]; indicators?: Map<string, Chart> } = {
    byInquiry: new Map(),
    evidence: [],
  },
): Outline {
  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `${filtersText(summary)}. Prepared by ${summary.generatedBy} on ${formatIsoDateTime(summary.generatedAt)}.`,
    },
    { type: "paragraph", text: REDACTION_NOTE, muted: true },
    { type: "toc" },
  ];

  for (const inquiry of summary.inquiries) {
    blocks.push({ type: "pagebreak" });
    blocks.push({ type: "heading", level: 1, text: inquiry.question });
    const meta = [INQUIRY_STATUS_LABELS[inquiry.status], inquiry.phase].filter(Boolean).join(" · ");
    blocks.push({ type: "paragraph", text: meta });
    if (inquiry.rationale) blocks.push({ type: "paragraph", text: inquiry.rationale });

    blocks.push({ type: "heading", level: 2, text: "The learning so far" });
    const logs = summary.logs.filter((l) => inquiry.logs.includes(l.id));
    if (logs.length === 0)
      blocks.push({
        type: "paragraph",
        text: "No logs shared with the workspace on this inquiry yet.",
        muted: true,
      });
    for (const log of logs) {
      blocks.push({ type: "heading", level: 3, text: log.title });
      blocks.push({
        type: "paragraph",
        text: `${log.authors.join(", ") || "Unknown author"} · last edited ${formatIsoDateTime(log.updatedAt)}`,
        muted: true,
      });
      if (log.opening) blocks.push({ type: "quote", text: log.opening, source: log.title });
    }

    blocks.push({ type: "heading", level: 2, text: "Insights and their evidence" });
    blocks.push(...insightBlocks(summary, inquiry.insights));

    blocks.push({ type: "heading", level: 2, text: "Actions and outcomes" });
    const actions = actionRows(summary, inquiry.actions);
    if (actions.length)
      blocks.push({
        type: "table",
        caption: "Actions on this inquiry",
        head: ACTION_HEAD,
        rows: actions,
      });
    else
      blocks.push({
        type: "paragraph",
        text: "No workspace actions on this inquiry.",
        muted: true,
      });

    blocks.push({ type: "heading", level: 2, text: "Decisions" });
    const decisions = decisionRows(summary, inquiry.decisions);
    if (decisions.length)
      blocks.push({
        type: "table",
        caption: "Board decisions on this inquiry",
        head: DECISION_HEAD,
        rows: decisions,
      });
    else
      blocks.push({ type: "paragraph", text: "No board decisions on this inquiry.", muted: true });

    for (const chart of charts.byInquiry.get(inquiry.id) ?? [])
      blocks.push({ type: "chart", chart });
  }

  const linked = new Set(summary.inquiries.flatMap((i) => [...i.insights]));
  const unlinkedInsights = summary.insights.filter((n) => !linked.has(n.id)).map((n) => n.id);
  const linkedActions = new Set(summary.inquiries.flatMap((i) => i.actions));
  const otherActions = summary.actions.filter((a) => !linkedActions.has(a.id)).map((a) => a.id);
  const linkedDecisions = new Set(summary.inquiries.flatMap((i) => i.decisions));
  const otherDecisions = summary.decisions
    .filter((d) => !linkedDecisions.has(d.id))
    .map((d) => d.id);
  if (
    !summary.filters.inquiryId &&
    (unlinkedInsights.length || otherActions.length || otherDecisions.length)
  ) {
    blocks.push({ type: "pagebreak" });
    blocks.push({ type: "heading", level: 1, text: "Across the workspace" });
    if (unlinkedInsights.length) {
      blocks.push({ type: "heading", level: 2, text: "Insights not tied to one inquiry" });
      blocks.push(...insightBlocks(summary, unlinkedInsights));
    }
    if (otherActions.length) {
      blocks.push({ type: "heading", level: 2, text: "Other actions" });
      blocks.push({
        type: "table",
        caption: "Actions not tied to an inquiry",
        head: ACTION_HEAD,
        rows: actionRows(summary, otherActions),
      });
    }
    if (otherDecisions.length) {
      blocks.push({ type: "heading", level: 2, text: "Other decisions" });
      blocks.push({
        type: "table",
        caption: "Decisions not tied to an inquiry",
        head: DECISION_HEAD,
        rows: decisionRows(summary, otherDecisions),
      });
    }
  }

  blocks.push({ type: "pagebreak" });
  blocks.push({ type: "heading", level: 1, text: "Barriers" });
  for (const [level, label, note] of [
    ["local", "Local barriers", "Ours to fix."],
    ["national", "National barriers", "To relay to government as learning."],
  ] as const) {
    blocks.push({ type: "heading", level: 2, text: label });
    const ids = summary.barriers[level];
    if (ids.length === 0)
      blocks.push({ type: "paragraph", text: `No ${level} barriers recorded.`, muted: true });
    else {
      blocks.push({ type: "paragraph", text: note });
      blocks.push({
        type: "list",
        items: summary.insights
          .filter((n) => ids.includes(n.id))
          .map((n) => `${n.statement}${n.relayedTo ? ` (relayed to ${n.relayedTo})` : ""}`),
      });
    }
  }

  const cases = summary.evidence.cases;
  blocks.push({ type: "heading", level: 1, text: "Evidence in aggregate" });
  blocks.push({
    type: "table",
    caption: "Families whose journeys were mapped",
    head: ["Measure", "Value"],
    rows: [
      ["Families (pseudonymised cases)", disclosedText(cases.families)],
      ["High-tariff families", disclosedText(cases.highTariffFamilies)],
      ["Journey events recorded", disclosedText(cases.journeyEvents)],
      ["Agencies involved", cases.agenciesInvolved.toLocaleString("en-GB")],
      ["Cost of recorded contacts to date", formatPence(cases.costToDatePence)],
    ],
  });
  if (cases.byLocality.length) {
    blocks.push({
      type: "table",
      caption: "Families by locality",
      head: ["Locality", "Families", "Cost to date"],
      rows: cases.byLocality.map((l) => [
        l.locality,
        disclosedText(l.families),
        l.costPence === null ? "Not shown (fewer than 5 families)" : formatPence(l.costPence),
      ]),
    });
  }
  for (const chart of charts.evidence) blocks.push({ type: "chart", chart });

  const spend = summary.evidence.spend;
  blocks.push({ type: "heading", level: 2, text: "Public spend in the place" });
  if (spend.lines === 0) blocks.push({ type: "paragraph", text: "No spend lines recorded yet.", muted: true });
  else {
    blocks.push({
      type: "paragraph",
      text: `${formatPence(spend.totalPence)} of public spend is recorded in ${spend.lines.toLocaleString("en-GB")} lines, of which ${formatPence(spend.vulnerablePence)} (${(spend.vulnerableBp / 100).toLocaleString("en-GB", { maximumFractionDigits: 1 })}%) is attributed to vulnerable children and families.`,
    });
    blocks.push({
      type: "table",
      caption: "Spend by agency",
      head: ["Agency", "Spend", "Attributed to vulnerable families"],
      rows: spend.byAgency.map((a) => [a.label, formatPence(a.pence), formatPence(a.vulnerablePence)]),
    });
  }

  blocks.push({ type: "heading", level: 2, text: "Outcome indicators" });
  if (summary.evidence.indicators.length === 0) blocks.push({ type: "paragraph", text: "No outcome indicators recorded yet.", muted: true });
  for (const indicator of summary.evidence.indicators) {
    blocks.push({ type: "heading", level: 3, text: indicator.name });
    blocks.push({ type: "paragraph", text: `${indicator.verdict}.${indicator.unit ? ` Unit: ${indicator.unit}.` : ""}` });
    if (indicator.story) blocks.push({ type: "paragraph", text: `The story behind the curve: ${indicator.story}` });
    if (indicator.values.length) {
      blocks.push({ type: "table", caption: `${indicator.name}: values`, head: ["Period", "Value", "Source"], rows: indicator.values.map((v) => [v.period, v.value, v.source]) });
    }
    const trend = charts.indicators?.get(indicator.id);
    if (trend) blocks.push({ type: "chart", chart: trend });
  }

  blocks.push({ type: "pagebreak" });
  blocks.push({ type: "heading", level: 1, text: "Appendix: method" });
  blocks.push({
    type: "paragraph",
    text: `The board learned through action learning sets: small groups meeting regularly, each member bringing a real problem, being questioned, committing to actions and reporting back. What is said in a set stays in the set, so this appendix gives only how the sets worked, not what was said. ${summary.method.meetingsHeld.toLocaleString("en-GB")} set meetings were held; ${disclosedText(summary.method.setActionsCommitted)} actions were committed in sets.`,
  });
  if (summary.method.sets.length) {
    blocks.push({
      type: "table",
      caption: "Action learning sets",
      head: [
        "Set",
        "Participants",
        "Meetings held",
        "Attendance",
        "Actions committed",
        "Actions done",
      ],
      rows: summary.method.sets.map((s) => [
        s.name,
        disclosedText(s.participants),
        s.meetingsHeld.toLocaleString("en-GB"),
        s.attendancePercent === null ? "Not recorded" : `${s.attendancePercent}%`,
        disclosedText(s.actionsCommitted),
        disclosedText(s.actionsDone),
      ]),
    });
  }

  return {
    title: `${summary.workspace.name}: learning summary`,
    subtitle: filtersText(summary),
    blocks,
  };
}
