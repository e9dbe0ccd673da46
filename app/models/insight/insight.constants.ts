/* The insight vocabulary for forms and pages; the stored values are defined with the database (db/enums.ts). */
import { BARRIER_LEVELS, INSIGHT_CONFIDENCES, INSIGHT_KINDS, INSIGHT_STATUSES, type BarrierLevel, type InsightConfidence, type InsightKind, type InsightStatus } from "../../../db/enums";

export { BARRIER_LEVELS, INSIGHT_CONFIDENCES, INSIGHT_KINDS, INSIGHT_STATUSES };
export type { BarrierLevel, InsightConfidence, InsightKind, InsightStatus };

export const KIND_LABELS: Record<InsightKind, string> = {
  finding: "Finding",
  barrier: "Barrier",
  opportunity: "Opportunity",
  question: "Question",
};
export const STATUS_LABELS: Record<InsightStatus, string> = {
  emerging: "Emerging",
  tested: "Tested",
  adopted: "Adopted",
  dropped: "Dropped",
};
export const CONFIDENCE_LABELS: Record<InsightConfidence, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};
export const LEVEL_LABELS: Record<BarrierLevel, string> = {
  local: "Local — ours to fix",
  national: "National — to relay to government",
};

/** What an insight can be linked to through the picker (log excerpts are made in the log itself). */
export const LINK_KINDS = [
  "inquiry",
  "case",
  "journeyEvent",
  "spendLine",
  "unitCost",
  "indicator",
  "action",
  "decision",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, { one: string; many: string }> = {
  inquiry: { one: "Inquiry question", many: "Inquiry questions" },
  case: { one: "Case", many: "Cases" },
  journeyEvent: { one: "Journey event", many: "Journey events" },
  spendLine: { one: "Spend figure", many: "Spend figures" },
  unitCost: { one: "Unit cost", many: "Unit costs" },
  indicator: { one: "Indicator", many: "Indicators" },
  action: { one: "Action", many: "Actions" },
  decision: { one: "Board decision", many: "Board decisions" },
};

/** Kinds that count as evidence in the strength of an insight (inquiries, actions and decisions are what it informs). */
export const EVIDENCE_KINDS: readonly LinkKind[] = [
  "case",
  "journeyEvent",
  "spendLine",
  "unitCost",
  "indicator",
];
