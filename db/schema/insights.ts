import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const INSIGHT_KINDS = ["finding", "barrier", "opportunity", "question"] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];
export const INSIGHT_STATUSES = ["emerging", "tested", "adopted", "dropped"] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];
export const INSIGHT_CONFIDENCES = ["low", "medium", "high"] as const;
export type InsightConfidence = (typeof INSIGHT_CONFIDENCES)[number];
export const BARRIER_LEVELS = ["local", "national"] as const;
export type BarrierLevel = (typeof BARRIER_LEVELS)[number];

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
  (t) => [index("insights_workspace_idx").on(t.workspaceId, t.status)],
);
