import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const IMPORT_KINDS = [
  "spend",
  "unit_costs",
  "deflators",
  "journey_events",
  "indicator_values",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ["preview", "committed", "discarded"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * A staged file import: `POST …/import` parses the upload into `payload` (status `preview`);
 * the preview's commit writes every row in one transaction and marks the import `committed`.
 * `file_sha256` lets a domain refuse the same file twice.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("preview"),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** The publisher named by the person importing (e.g. "North Tyneside Council"). */
    source: text("source").notNull().default(""),
    /** Domain-specific parse result and chosen mapping, as JSON. */
    payload: text("payload", { mode: "json" }).$type<unknown>(),
    /** Counts and totals shown on the preview and kept after commit. */
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    committedAt: integer("committed_at"),
  },
  (t) => [index("imports_workspace_kind_idx").on(t.workspaceId, t.kind, t.fileSha256)],
);
