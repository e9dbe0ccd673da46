import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import {
  BARRIER_LEVELS,
  INSIGHT_CONFIDENCES,
  INSIGHT_KINDS,
  INSIGHT_STATUSES,
  type BarrierLevel,
  type InsightConfidence,
  type InsightKind,
  type InsightStatus,
} from "../enums";
import { cases, journeyEvents } from "./cases";
import { users, workspaces } from "./core";
import { unitCosts } from "./costs";
import { indicators } from "./indicators";
import { actions, decisions, inquiries } from "./learning";
import { logs } from "./logs";
import { spendLines } from "./spend";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export { BARRIER_LEVELS, INSIGHT_CONFIDENCES, INSIGHT_KINDS, INSIGHT_STATUSES };
export type { BarrierLevel, InsightConfidence, InsightKind, InsightStatus };

/** What the board has learned, distilled from logs and tied to the evidence behind it. */
export const insights = sqliteTable(
  "insights",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    statement: text("statement").notNull(),
    kind: text("kind", { enum: INSIGHT_KINDS }).notNull(),
    status: text("status", { enum: INSIGHT_STATUSES }).notNull().default("emerging"),
    confidence: text("confidence", { enum: INSIGHT_CONFIDENCES }).notNull().default("low"),
    /** Barriers only: ours to fix (local) or to relay to government (national). */
    barrierLevel: text("barrier_level", { enum: BARRIER_LEVELS }),
    relayedTo: text("relayed_to").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("insights_workspace_idx").on(t.workspaceId, t.status),
    // The board's pages: most recently changed first, read in index order (tests/bench/insights-bench.ts).
    index("insights_workspace_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
  ],
);

/*
 * What backs an insight. One link table per kind of target so each link is a real foreign key:
 * deleting the case, spend line or log removes the link with it, and nothing can point across
 * workspaces unnoticed (the model checks the target's workspace before inserting).
 */
const linkColumns = {
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull().default(now),
};

const insightId = () =>
  text("insight_id")
    .notNull()
    .references(() => insights.id, { onDelete: "cascade" });

export const insightInquiries = sqliteTable(
  "insight_inquiries",
  {
    insightId: insightId(),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.inquiryId] }), index("insight_inquiries_inquiry_idx").on(t.inquiryId)],
);

/**
 * The excerpt of one log that an insight quotes. The words are derived from the log's Yjs
 * document (the `insightExcerpt` mark carrying the insight id) on every compaction; when the mark
 * has gone, `removed_at` is set and `text` keeps the last words seen.
 */
export const insightExcerpts = sqliteTable(
  "insight_excerpts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    insightId: insightId(),
    logId: text("log_id")
      .notNull()
      .references(() => logs.id, { onDelete: "cascade" }),
    text: text("text").notNull().default(""),
    /** Null until a compaction has read the words from the document itself. */
    derivedAt: integer("derived_at"),
    removedAt: integer("removed_at"),
    ...linkColumns,
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("insight_excerpts_insight_log_uq").on(t.insightId, t.logId), index("insight_excerpts_log_idx").on(t.logId)],
);

export const insightCases = sqliteTable(
  "insight_cases",
  {
    insightId: insightId(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.caseId] }), index("insight_cases_case_idx").on(t.caseId)],
);

export const insightJourneyEvents = sqliteTable(
  "insight_journey_events",
  {
    insightId: insightId(),
    journeyEventId: text("journey_event_id")
      .notNull()
      .references(() => journeyEvents.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.journeyEventId] }), index("insight_journey_events_event_idx").on(t.journeyEventId)],
);

export const insightSpendLines = sqliteTable(
  "insight_spend_lines",
  {
    insightId: insightId(),
    spendLineId: text("spend_line_id")
      .notNull()
      .references(() => spendLines.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.spendLineId] }), index("insight_spend_lines_line_idx").on(t.spendLineId)],
);

export const insightUnitCosts = sqliteTable(
  "insight_unit_costs",
  {
    insightId: insightId(),
    unitCostId: text("unit_cost_id")
      .notNull()
      .references(() => unitCosts.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.unitCostId] }), index("insight_unit_costs_cost_idx").on(t.unitCostId)],
);

export const insightIndicators = sqliteTable(
  "insight_indicators",
  {
    insightId: insightId(),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.indicatorId] }), index("insight_indicators_indicator_idx").on(t.indicatorId)],
);

export const insightActions = sqliteTable(
  "insight_actions",
  {
    insightId: insightId(),
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.actionId] }), index("insight_actions_action_idx").on(t.actionId)],
);

export const insightDecisions = sqliteTable(
  "insight_decisions",
  {
    insightId: insightId(),
    decisionId: text("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    ...linkColumns,
  },
  (t) => [primaryKey({ columns: [t.insightId, t.decisionId] }), index("insight_decisions_decision_idx").on(t.decisionId)],
);
