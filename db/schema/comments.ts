import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";
import { logs } from "./logs";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * A comment thread anchored to a range of a log: the anchor is a `commentAnchor` mark in the log's
 * Yjs document carrying the thread id, so it moves with everyone's edits. `anchor_text` is derived
 * from the document on every compaction (never edited here); when the marked words disappear the
 * thread keeps the last words and records when they went.
 */
export const commentThreads = sqliteTable(
  "comment_threads",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    logId: text("log_id")
      .notNull()
      .references(() => logs.id, { onDelete: "cascade" }),
    anchorText: text("anchor_text").notNull().default(""),
    anchorDerivedAt: integer("anchor_derived_at"),
    anchorRemovedAt: integer("anchor_removed_at"),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("comment_threads_log_idx").on(t.logId, t.createdAt),
    index("comment_threads_workspace_idx").on(t.workspaceId),
  ],
);

export const comments = sqliteTable(
  "comments",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => commentThreads.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("comments_thread_idx").on(t.threadId, t.createdAt)],
);

/** An @mention of a workspace member in a comment; the mentioned person's inbox reads these. */
export const commentMentions = sqliteTable(
  "comment_mentions",
  {
    id: text("id").primaryKey(),
    commentId: text("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: integer("read_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("comment_mentions_comment_user_uq").on(t.commentId, t.userId),
    index("comment_mentions_inbox_idx").on(t.workspaceId, t.userId, t.readAt),
  ],
);
