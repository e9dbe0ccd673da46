import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * The workspace's own list of areas (e.g. "Musselburgh East", "Wallyford"). Cases sit in one;
 * spend lines may name one. Owners edit the list in settings.
 */
export const localities = sqliteTable(
  "localities",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("localities_workspace_name_uq").on(t.workspaceId, t.name),
    index("localities_workspace_idx").on(t.workspaceId, t.position),
  ],
);
