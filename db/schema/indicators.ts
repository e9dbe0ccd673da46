import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const INDICATOR_POLARITIES = ["higher_is_better", "lower_is_better"] as const;
export type IndicatorPolarity = (typeof INDICATOR_POLARITIES)[number];

/** An outcome measure, Results-Based Accountability style. */
export const indicators = sqliteTable(
  "indicators",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    unit: text("unit").notNull().default(""),
    polarity: text("polarity", { enum: INDICATOR_POLARITIES }).notNull(),
    /** The story behind the curve. */
    story: text("story").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("indicators_workspace_idx").on(t.workspaceId)],
);
