import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * The compacted Yjs state of each collaborative document (`<kind>:<id>`). Together with the
 * rows of `collab_updates` for the same name it is the whole document: state first, then every
 * later update in id order. Nothing else is authoritative (derived text lives with each domain).
 */
export const collabDocuments = sqliteTable(
  "collab_documents",
  {
    name: text("name").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    state: blob("state", { mode: "buffer" }).notNull(),
    /** Bytes of `state`, kept for the size cap without reading the blob. */
    size: integer("size").notNull(),
    /**
     * `Y.encodeSnapshot` (state vector + delete set) of `state`, written with it. Lets a loaded
     * document answer a client's first sync and recognise updates it already holds without
     * decoding `state` (null on rows written before it existed: those are decoded on load).
     */
    snapshot: blob("snapshot", { mode: "buffer" }),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("collab_documents_workspace_idx").on(t.workspaceId)],
);

/**
 * Append-only log of incoming Yjs updates, written (group-committed) before the server tells a
 * client its change is saved; compaction folds rows into `collab_documents.state` and deletes
 * them in the same transaction.
 */
export const collabUpdates = sqliteTable(
  "collab_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentName: text("document_name").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    update: blob("update", { mode: "buffer" }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("collab_updates_document_idx").on(t.documentName, t.id)],
);
