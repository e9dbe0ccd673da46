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
