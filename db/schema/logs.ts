import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import {
  LOG_TEMPLATES,
  LOG_VERSION_KINDS,
  LOG_VISIBILITIES,
  type LogTemplate,
  type LogVersionKind,
  type LogVisibility,
} from "../enums";
import { users, workspaces } from "./core";
import { inquiries, learningSets, meetings } from "./learning";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export { LOG_TEMPLATES, LOG_VERSION_KINDS, LOG_VISIBILITIES };
export type { LogTemplate, LogVersionKind, LogVisibility };

/**
 * A reflective learning log. Its text lives in the Yjs document `log:<id>` (the source of truth);
 * `content_json` and `content_text` are derived from it on every compaction and never edited here.
 */
export const logs = sqliteTable(
  "logs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    visibility: text("visibility", { enum: LOG_VISIBILITIES }).notNull(),
    // A `set` log whose set is deleted keeps `set` visibility with no set: only its authors read it.
    setId: text("set_id").references(() => learningSets.id, { onDelete: "set null" }),
    inquiryId: text("inquiry_id").references(() => inquiries.id, { onDelete: "set null" }),
    meetingId: text("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    template: text("template", { enum: LOG_TEMPLATES }).notNull().default("blank"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    /** The last edit of the text or of the log's details; lists sort by it. */
    updatedAt: integer("updated_at").notNull().default(now),
    deletedAt: integer("deleted_at"),
    deletedBy: text("deleted_by").references(() => users.id, { onDelete: "set null" }),
    contentJson: text("content_json", { mode: "json" }).$type<unknown>(),
    contentText: text("content_text").notNull().default(""),
  },
  (t) => [
    index("logs_workspace_updated_idx").on(t.workspaceId, t.updatedAt),
    index("logs_set_idx").on(t.setId),
    index("logs_inquiry_idx").on(t.inquiryId),
  ],
);

/** Everyone who edited the log (the creator first). Authors read their private logs. */
export const logAuthors = sqliteTable(
  "log_authors",
  {
    logId: text("log_id")
      .notNull()
      .references(() => logs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: integer("added_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.logId, t.userId] }), index("log_authors_user_idx").on(t.userId)],
);

/** Tags are stored lower-case and trimmed, so "Housing" and "housing " are one tag. */
export const logTags = sqliteTable(
  "log_tags",
  {
    logId: text("log_id")
      .notNull()
      .references(() => logs.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.logId, t.tag] }), index("log_tags_tag_idx").on(t.tag)],
);

/**
 * Full-state snapshots of a log: named on demand, periodic while it is edited (at most one per
 * ten minutes of activity), and taken automatically before a restore so nothing is lost.
 */
export const logVersions = sqliteTable(
  "log_versions",
  {
    id: text("id").primaryKey(),
    logId: text("log_id")
      .notNull()
      .references(() => logs.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: LOG_VERSION_KINDS }).notNull(),
    name: text("name").notNull().default(""),
    state: blob("state", { mode: "buffer" }).notNull(),
    contentJson: text("content_json", { mode: "json" }).$type<unknown>(),
    contentText: text("content_text").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("log_versions_log_idx").on(t.logId, t.createdAt)],
);
