import { aliasedTable, and, asc, eq, inArray, isNotNull, lt, ne, sql, type SQL } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { actionReports, actions, inquiries, learningSets, meetings } from "../../../db/schema/learning";
import { db, preparedOnce, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import type { ReportOutcome } from "../meeting/meeting.constants";
import { participatesInSetSql } from "../set/set-access.server";
import type { Actor } from "../set/set.server";
import { visibleActionSql } from "./action-visibility.server";
import { dayStartUtc } from "./action.policy";
import type { ActionTab } from "./action.schema";

const owner = aliasedTable(users, "action_owner");

const actionColumns = {
  id: actions.id,
  description: actions.description,
  status: actions.status,
  dueOn: actions.dueOn,
  ownerId: actions.ownerId,
  ownerName: owner.displayName,
  setId: actions.setId,
  setName: learningSets.name,
  setFacilitatorId: learningSets.facilitatorId,
  meetingId: actions.meetingId,
  meetingStartsAt: meetings.startsAt,
  inquiryId: actions.inquiryId,
  inquiryQuestion: inquiries.question,
  createdAt: actions.createdAt,
};

export type ActionRow = {
  id: string;
  description: string;
  status: "open" | "partly" | "done";
  dueOn: number | null;
  ownerId: string;
  ownerName: string | null;
  setId: string | null;
  setName: string | null;
  setFacilitatorId: string | null;
  meetingId: string | null;
  meetingStartsAt: number | null;
  inquiryId: string | null;
  inquiryQuestion: string | null;
  createdAt: number;
};

function baseQuery(where: SQL | undefined, database: Pick<ReturnType<typeof db>, "select"> = db()) {
  return database
    .select(actionColumns)
    .from(actions)
    .innerJoin(owner, eq(owner.id, actions.ownerId))
    .leftJoin(learningSets, eq(learningSets.id, actions.setId))
    .leftJoin(meetings, eq(meetings.id, actions.meetingId))
    .leftJoin(inquiries, eq(inquiries.id, actions.inquiryId))
    .where(where);
}

/** Open first, then by due date (undated last), then oldest first. */
const ORDER = [
  sql`case ${actions.status} when 'done' then 1 else 0 end`,
  sql`${actions.dueOn} is null`,
  asc(actions.dueOn),
  asc(actions.createdAt),
];

/**
 * Actions for a tab: mine (I own them), my sets (committed in sets I take part in) or the
 * workspace (everything I may see). Set actions never reach people outside the set.
 */
export async function listActions({ workspaceId, userId, tab }: { workspaceId: string; userId: string; tab: ActionTab }): Promise<ActionRow[]> {
  const scope =
    tab === "mine"
      ? eq(actions.ownerId, userId)
      : tab === "sets"
        ? and(isNotNull(actions.setId), participatesInSetSql(actions.setId, userId))
        : visibleActionSql(userId);
  return baseQuery(and(eq(actions.workspaceId, workspaceId), scope)).orderBy(...ORDER);
}

export async function getVisibleAction({ workspaceId, actionId, userId }: { workspaceId: string; actionId: string; userId: string }): Promise<ActionRow | null> {
  const [row] = await baseQuery(and(eq(actions.workspaceId, workspaceId), eq(actions.id, actionId), visibleActionSql(userId))).limit(1);
  return row ?? null;
}

export async function listActionsForInquiry({ workspaceId, inquiryId, userId }: { workspaceId: string; inquiryId: string; userId: string }) {
  return baseQuery(and(eq(actions.workspaceId, workspaceId), eq(actions.inquiryId, inquiryId), visibleActionSql(userId))).orderBy(...ORDER);
}

/** Not done and due before the day that starts at the `dayStart` placeholder. */
const openAndOverdue = () => and(ne(actions.status, "done"), lt(actions.dueOn, sql.placeholder("dayStart")));

/** The home page's overdue lists, read on every view: compiled once (ADR 008). */
const myOverdueQuery = preparedOnce((database) =>
  baseQuery(
    and(
      eq(actions.workspaceId, sql.placeholder("workspaceId")),
      eq(actions.ownerId, sql.placeholder("userId")),
      openAndOverdue(),
    ),
    database,
  )
    .orderBy(asc(actions.dueOn))
    .prepare(),
);

const leadsASetQuery = preparedOnce((database) =>
  database
    .select({ id: learningSets.id })
    .from(learningSets)
    .where(and(eq(learningSets.workspaceId, sql.placeholder("workspaceId")), eq(learningSets.facilitatorId, sql.placeholder("userId"))))
    .limit(1)
    .prepare(),
);

const facilitatedOverdueQuery = preparedOnce((database) =>
  baseQuery(
    and(
      eq(actions.workspaceId, sql.placeholder("workspaceId")),
      eq(learningSets.facilitatorId, sql.placeholder("userId")),
      ne(actions.ownerId, sql.placeholder("userId")),
      openAndOverdue(),
    ),
    database,
  )
    .orderBy(asc(actions.dueOn))
    .prepare(),
);

export async function listMyOverdueActions({ workspaceId, userId, now = Date.now() }: { workspaceId: string; userId: string; now?: number }): Promise<ActionRow[]> {
  return myOverdueQuery().all({ workspaceId, userId, dayStart: dayStartUtc(now) });
}

/**
 * Overdue actions others own in the sets this person facilitates (they may report on them), or
 * null when they facilitate no set in the workspace: a facilitator follows up on the set's actions.
 */
export async function listFacilitatedOverdueActions({ workspaceId, userId, now = Date.now() }: { workspaceId: string; userId: string; now?: number }): Promise<ActionRow[] | null> {
  const led = await leadsASetQuery().all({ workspaceId, userId });
  if (led.length === 0) return null;
  return facilitatedOverdueQuery().all({ workspaceId, userId, dayStart: dayStartUtc(now) });
}

export type ReportRow = {
  id: string;
  actionId: string;
  outcome: ReportOutcome;
  reflection: string;
  reporterName: string | null;
  meetingId: string | null;
  createdAt: number;
};

/** The report-back history of the given actions, oldest first. */
export async function listReports(actionIds: string[]): Promise<ReportRow[]> {
  if (actionIds.length === 0) return [];
  return db()
    .select({
      id: actionReports.id,
      actionId: actionReports.actionId,
      outcome: actionReports.outcome,
      reflection: actionReports.reflection,
      reporterName: users.displayName,
      meetingId: actionReports.meetingId,
      createdAt: actionReports.createdAt,
    })
    .from(actionReports)
    .leftJoin(users, eq(users.id, actionReports.reporterId))
    .where(inArray(actionReports.actionId, actionIds))
    .orderBy(asc(actionReports.createdAt), asc(actionReports.id));
}

const STATUS_FOR_OUTCOME = { done: "done", partly: "partly", not_yet: "open" } as const;

/**
 * Records a report-back: the history keeps every report; the action takes the reported state.
 * The caller has checked the actor may update the action (owner or the set's facilitator).
 */
export async function reportOnAction(
  actor: Actor,
  input: { workspaceId: string; actionId: string; outcome: ReportOutcome; reflection: string; meetingId?: string | null },
  tx?: Tx,
): Promise<void> {
  const run = async (t: Tx) => {
    const now = Date.now();
    await t.insert(actionReports).values({
      id: newId(),
      actionId: input.actionId,
      meetingId: input.meetingId ?? null,
      reporterId: actor.userId,
      outcome: input.outcome,
      reflection: input.reflection,
      createdAt: now,
    });
    const status = STATUS_FOR_OUTCOME[input.outcome];
    await t
      .update(actions)
      .set({ status, completedAt: status === "done" ? now : null, updatedAt: now })
      .where(and(eq(actions.id, input.actionId), eq(actions.workspaceId, input.workspaceId)));
    await recordAudit(
      {
        kind: "action.reported",
        workspaceId: input.workspaceId,
        actorUserId: actor.userId,
        targetType: "action",
        targetId: input.actionId,
        detail: { outcome: input.outcome, meetingId: input.meetingId ?? null },
        ipAddress: actor.ipAddress,
      },
      t,
    );
  };
  if (tx) await run(tx);
  else await db().transaction(run);
}
