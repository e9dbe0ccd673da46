import { and, asc, count, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { actionReports, actions } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";
import type { ExportWindow } from "../log/log-export.server";

/**
 * Actions for a learning summary: only those not committed in a learning set (what is said in the
 * set stays in the set), with report-backs not given inside a set meeting. Window on creation.
 */
export async function listWorkspaceActionsForExport(window: ExportWindow) {
  const conditions: SQL[] = [
    eq(actions.workspaceId, window.workspaceId),
    isNull(actions.setId),
    isNull(actions.meetingId),
  ];
  if (window.inquiryId) conditions.push(eq(actions.inquiryId, window.inquiryId));
  if (window.from !== undefined) conditions.push(gte(actions.createdAt, window.from));
  if (window.to !== undefined) conditions.push(lte(actions.createdAt, window.to));
  const rows = await db()
    .select({
      id: actions.id,
      description: actions.description,
      status: actions.status,
      dueOn: actions.dueOn,
      owner: users.displayName,
      inquiryId: actions.inquiryId,
      createdAt: actions.createdAt,
    })
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerId))
    .where(and(...conditions))
    .orderBy(asc(actions.createdAt), asc(actions.id));
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await db()
        .select({
          actionId: actionReports.actionId,
          outcome: actionReports.outcome,
          reflection: actionReports.reflection,
          createdAt: actionReports.createdAt,
        })
        .from(actionReports)
        .where(and(inArray(actionReports.actionId, ids), isNull(actionReports.meetingId)))
        .orderBy(asc(actionReports.createdAt), asc(actionReports.id))
    : [];
  return rows.map((r) => ({ ...r, reports: reports.filter((p) => p.actionId === r.id) }));
}

/** Per set: how many actions were committed in it and how many are done (counts only). */
export async function countSetActions(
  workspaceId: string,
  window: Pick<ExportWindow, "from" | "to"> = {},
) {
  const conditions: SQL[] = [
    eq(actions.workspaceId, workspaceId),
    sql`${actions.setId} is not null`,
  ];
  if (window.from !== undefined) conditions.push(gte(actions.createdAt, window.from));
  if (window.to !== undefined) conditions.push(lte(actions.createdAt, window.to));
  const rows = await db()
    .select({
      setId: actions.setId,
      committed: count(),
      done: sql<number>`sum(case when ${actions.status} = 'done' then 1 else 0 end)`,
    })
    .from(actions)
    .where(and(...conditions))
    .groupBy(actions.setId);
  return new Map(
    rows.map((r) => [r.setId as string, { committed: r.committed, done: Number(r.done ?? 0) }]),
  );
}
