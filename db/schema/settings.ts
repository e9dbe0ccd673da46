import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * Web addresses a workspace used to have. Old links redirect to the current slug, and a slug in
 * this table cannot be taken by another workspace (or old links would change meaning).
 */
export const workspaceSlugHistory = sqliteTable(
  "workspace_slug_history",
  {
    slug: text("slug").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    retiredAt: integer("retired_at").notNull().default(now),
  },
  (t) => [index("workspace_slug_history_workspace_idx").on(t.workspaceId)],
);

/** Each workspace's retention periods, in months (a missing row means the defaults). */
export const workspaceRetention = sqliteTable("workspace_retention", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  learningMonths: integer("learning_months").notNull(),
  evidenceMonths: integer("evidence_months").notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: integer("updated_at").notNull().default(now),
});

/**
 * A lease per scheduled job: the process whose `holder` is written here with an `expires_at` in
 * the future runs the job; every other process skips it. A crashed holder's lease runs out.
 */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
  acquiredAt: integer("acquired_at").notNull(),
});
