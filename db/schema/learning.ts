import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * An action learning set: a facilitator and 4–8 members. What is said in the set stays in the
 * set — its meetings, notes and `set` logs are visible to its participants only.
 */
export const learningSets = sqliteTable(
  "learning_sets",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    facilitatorId: text("facilitator_id").references(() => users.id, { onDelete: "set null" }),
    groundRules: text("ground_rules").notNull().default(""),
    rhythm: text("rhythm").notNull().default(""),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("learning_sets_workspace_idx").on(t.workspaceId)],
);

export const setMembers = sqliteTable(
  "set_members",
  {
    setId: text("set_id")
      .notNull()
      .references(() => learningSets.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: integer("joined_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.setId, t.userId] }), index("set_members_user_idx").on(t.userId)],
);

export const INQUIRY_STATUSES = ["open", "answered", "parked"] as const;

/** An action inquiry question; its page is the learning trail. */
export const inquiries = sqliteTable(
  "inquiries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    rationale: text("rationale").notNull().default(""),
    phase: text("phase").notNull().default(""),
    status: text("status", { enum: INQUIRY_STATUSES }).notNull().default("open"),
    position: integer("position").notNull().default(0),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("inquiries_workspace_idx").on(t.workspaceId, t.position)],
);

/** A meeting of a learning set; its shared notes are the collaborative document `meeting:<id>`. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    setId: text("set_id")
      .notNull()
      .references(() => learningSets.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    location: text("location").notNull().default(""),
    agenda: text("agenda").notNull().default(""),
    notesText: text("notes_text").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("meetings_set_idx").on(t.setId, t.startsAt)],
);
