import { and, asc, eq, inArray } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { actions } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";
import { containsText, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";
import { visibleActionSql } from "./action-visibility.server";

const STATUS = { open: "open", partly: "partly done", done: "done" } as const;
const day = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

const columns = { id: actions.id, description: actions.description, status: actions.status, dueOn: actions.dueOn, ownerName: users.displayName };

function toTarget(row: { id: string; description: string; status: keyof typeof STATUS; dueOn: number | null; ownerName: string | null }): LinkTarget {
  return {
    id: row.id,
    label: row.description,
    detail: [row.ownerName, STATUS[row.status], row.dueOn ? `due ${day.format(new Date(row.dueOn))}` : null].filter(Boolean).join(" · "),
    agencyId: null,
    datedAt: null,
  };
}

/** Only actions this person may see: actions committed in a set stay with its participants (and owners). */
export async function searchActionTargets({ workspaceId, userId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(columns)
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerId))
    .where(and(eq(actions.workspaceId, workspaceId), visibleActionSql(userId), q ? containsText(actions.description, q) : undefined))
    .orderBy(asc(actions.createdAt))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getActionTargets({ workspaceId, userId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerId))
    .where(and(eq(actions.workspaceId, workspaceId), inArray(actions.id, ids), visibleActionSql(userId)))
    .orderBy(asc(actions.createdAt));
  return rows.map(toTarget);
}
