import { aliasedTable, and, asc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import {
  actionReports,
  actions,
  airtimeQuestions,
  airtimes,
  inquiries,
  learningLines,
  meetingRuns,
  meetings,
  type AirtimePhase,
  type MeetingPhase,
} from "../../../db/schema/learning";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import type { Role } from "../access/access.policy";
import { canUpdateAction } from "../action/action.policy";
import { listReports, reportOnAction } from "../action/action.server";
import { recordAudit } from "../audit/audit.server";
import { ForbiddenError, InputError } from "../set/input-error";
import { canFacilitateSet } from "../set/set.policy";
import type { Actor } from "../set/set.server";
import { dayToUtc } from "./london-time";
import type { RunnerAction } from "./meeting.schema";
import { listSetParticipants, type MeetingRow } from "./meeting.server";

const actionOwner = aliasedTable(users, "owner_user");
const asker = aliasedTable(users, "asker_user");

export type RunnerState = Awaited<ReturnType<typeof getRunnerState>>;

/** Elapsed slot time at `now`, counting the running stretch if the timer is running. */
export function elapsedMs(slot: { timerStartedAt: number | null; timerElapsedMs: number }, now: number): number {
  return slot.timerElapsedMs + (slot.timerStartedAt !== null ? Math.max(0, now - slot.timerStartedAt) : 0);
}

/**
 * Everything the runner shows, read in one place so the page after a reload is the page before it:
 * the round (from meeting_runs), the report-back list, the bids and slots with their questions and
 * committed actions, and the closing lines.
 */
export async function getRunnerState(meeting: MeetingRow) {
  const [run] = await db().select().from(meetingRuns).where(eq(meetingRuns.meetingId, meeting.id)).limit(1);
  const participants = await listSetParticipants(meeting.setId);

  // Open actions from earlier meetings of this set, plus those already reported on in this one
  // (so a report made here stays visible in the opening round after it closes the action).
  const reportBack = await db()
    .select({
      id: actions.id,
      description: actions.description,
      status: actions.status,
      dueOn: actions.dueOn,
      ownerId: actions.ownerId,
      ownerName: actionOwner.displayName,
      committedAt: meetings.startsAt,
      inquiryQuestion: inquiries.question,
    })
    .from(actions)
    .innerJoin(meetings, eq(meetings.id, actions.meetingId))
    .innerJoin(actionOwner, eq(actionOwner.id, actions.ownerId))
    .leftJoin(inquiries, eq(inquiries.id, actions.inquiryId))
    .where(
      and(
        eq(actions.setId, meeting.setId),
        lt(meetings.startsAt, meeting.startsAt),
        or(
          ne(actions.status, "done"),
          sql`exists (select 1 from ${actionReports} where ${actionReports.actionId} = ${actions.id} and ${actionReports.meetingId} = ${meeting.id})`,
        ),
      ),
    )
    .orderBy(asc(actionOwner.displayName), asc(meetings.startsAt));
  const reports = await listReports(reportBack.map((a) => a.id));

  const slots = await db()
    .select({
      id: airtimes.id,
      presenterId: airtimes.presenterId,
      presenterName: users.displayName,
      issue: airtimes.issue,
      position: airtimes.position,
      minutes: airtimes.minutes,
      phase: airtimes.phase,
      phaseStartedAt: airtimes.phaseStartedAt,
      timerStartedAt: airtimes.timerStartedAt,
      timerElapsedMs: airtimes.timerElapsedMs,
    })
    .from(airtimes)
    .innerJoin(users, eq(users.id, airtimes.presenterId))
    .where(eq(airtimes.meetingId, meeting.id))
    .orderBy(asc(airtimes.position), asc(airtimes.createdAt));
  const slotIds = slots.map((s) => s.id);
  const questions = slotIds.length
    ? await db()
        .select({ id: airtimeQuestions.id, airtimeId: airtimeQuestions.airtimeId, text: airtimeQuestions.text, askedByName: asker.displayName })
        .from(airtimeQuestions)
        .leftJoin(asker, eq(asker.id, airtimeQuestions.askedBy))
        .where(inArray(airtimeQuestions.airtimeId, slotIds))
        .orderBy(asc(airtimeQuestions.createdAt), asc(airtimeQuestions.id))
    : [];
  const committed = slotIds.length
    ? await db()
        .select({
          id: actions.id,
          airtimeId: actions.airtimeId,
          description: actions.description,
          dueOn: actions.dueOn,
          status: actions.status,
          ownerName: actionOwner.displayName,
          inquiryQuestion: inquiries.question,
        })
        .from(actions)
        .innerJoin(actionOwner, eq(actionOwner.id, actions.ownerId))
        .leftJoin(inquiries, eq(inquiries.id, actions.inquiryId))
        .where(inArray(actions.airtimeId, slotIds))
        .orderBy(asc(actions.createdAt))
    : [];
  const lines = await db()
    .select({ userId: learningLines.userId, displayName: users.displayName, text: learningLines.text })
    .from(learningLines)
    .innerJoin(users, eq(users.id, learningLines.userId))
    .where(eq(learningLines.meetingId, meeting.id))
    .orderBy(asc(users.displayName));

  return {
    phase: (run?.phase ?? "not_started") as MeetingPhase,
    startedAt: run?.startedAt ?? null,
    phaseStartedAt: run?.phaseStartedAt ?? null,
    participants,
    reportBack: reportBack.map((a) => ({
      ...a,
      reports: reports.filter((r) => r.actionId === a.id),
      reportedHere: reports.some((r) => r.actionId === a.id && r.meetingId === meeting.id),
    })),
    slots: slots.map((s) => ({
      ...s,
      questions: questions.filter((q) => q.airtimeId === s.id),
      actions: committed.filter((a) => a.airtimeId === s.id),
    })),
    lines,
  };
}

type RunnerContext = { actor: Actor; role: Role; meeting: MeetingRow };

const ACTIVE: AirtimePhase[] = ["present", "questions", "actions"];

async function setMeetingPhase(tx: Tx, meetingId: string, phase: MeetingPhase, now: number) {
  await tx
    .insert(meetingRuns)
    .values({ meetingId, phase, startedAt: now, phaseStartedAt: now, finishedAt: phase === "finished" ? now : null, updatedAt: now })
    .onConflictDoUpdate({
      target: meetingRuns.meetingId,
      set: {
        phase,
        phaseStartedAt: now,
        startedAt: sql`coalesce(${meetingRuns.startedAt}, ${now})`,
        finishedAt: phase === "finished" ? now : null,
        updatedAt: now,
      },
    });
}

async function loadSlot(tx: Tx, meetingId: string, airtimeId: string) {
  const [slot] = await tx
    .select()
    .from(airtimes)
    .where(and(eq(airtimes.id, airtimeId), eq(airtimes.meetingId, meetingId)))
    .limit(1);
  if (!slot) throw new InputError({ form: ["That presenter's slot is not part of this meeting"] });
  return slot;
}

/** Stops a slot's clock, folding the running stretch into the elapsed total. */
function pausedTimer(slot: { timerStartedAt: number | null; timerElapsedMs: number }, now: number) {
  return { timerStartedAt: null, timerElapsedMs: elapsedMs(slot, now) };
}

/**
 * Applies one runner form. The set's facilitator runs the meeting; each participant may report on
 * their own actions, bid for their own airtime, ask questions and write their own closing line.
 * Throws ForbiddenError (403) or InputError (400, nothing written).
 */
export async function applyRunnerAction(ctx: RunnerContext, input: RunnerAction): Promise<string> {
  const { actor, meeting } = ctx;
  const isFacilitator = canFacilitateSet(actor.userId, { facilitatorId: meeting.setFacilitatorId });
  const participants = await listSetParticipants(meeting.setId);
  const participantIds = new Set(participants.map((p) => p.id));
  const requireFacilitator = () => {
    if (!isFacilitator) throw new ForbiddenError("Only the set's facilitator can do this");
  };
  const now = Date.now();
  const [run] = await db().select().from(meetingRuns).where(eq(meetingRuns.meetingId, meeting.id)).limit(1);
  const phase: MeetingPhase = run?.phase ?? "not_started";
  if (phase === "finished" && input.intent !== "phase") throw new InputError({ form: ["This meeting has finished; reopen a round to change it"] });

  switch (input.intent) {
    case "phase": {
      requireFacilitator();
      await db().transaction(async (tx) => {
        await setMeetingPhase(tx, meeting.id, input.phase, now);
        if (input.phase === "closing" || input.phase === "finished") {
          // Leaving the presenters behind: no clock keeps running unseen.
          const running = await tx.select().from(airtimes).where(and(eq(airtimes.meetingId, meeting.id), sql`${airtimes.timerStartedAt} is not null`));
          for (const s of running) await tx.update(airtimes).set({ ...pausedTimer(s, now), updatedAt: now }).where(eq(airtimes.id, s.id));
        }
        await recordAudit(
          { kind: "meeting.phase", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "meeting", targetId: meeting.id, detail: { phase: input.phase }, ipAddress: actor.ipAddress },
          tx,
        );
      });
      return `Moved to: ${input.phase}`;
    }
    case "report-back": {
      const [action] = await db()
        .select({ id: actions.id, ownerId: actions.ownerId, setId: actions.setId, startsAt: meetings.startsAt })
        .from(actions)
        .innerJoin(meetings, eq(meetings.id, actions.meetingId))
        .where(and(eq(actions.id, input.actionId), eq(actions.setId, meeting.setId), lt(meetings.startsAt, meeting.startsAt)))
        .limit(1);
      if (!action) throw new InputError({ form: ["That action is not open for report-back in this meeting"] });
      if (!canUpdateAction(ctx.role, actor.userId, { ownerId: action.ownerId, setFacilitatorId: meeting.setFacilitatorId })) {
        throw new ForbiddenError("Only the action's owner or the set's facilitator can report back on it");
      }
      await reportOnAction(actor, { workspaceId: meeting.workspaceId, actionId: action.id, outcome: input.outcome, reflection: input.reflection, meetingId: meeting.id });
      return "Report-back recorded";
    }
    case "bid": {
      const presenterId = input.presenterId ?? actor.userId;
      if (presenterId !== actor.userId) requireFacilitator();
      if (!participantIds.has(presenterId)) throw new InputError({ presenterId: ["Choose a participant of this set"] });
      await db().transaction(async (tx) => {
        const [last] = await tx.select({ max: sql<number | null>`max(${airtimes.position})` }).from(airtimes).where(eq(airtimes.meetingId, meeting.id));
        const id = newId();
        await tx.insert(airtimes).values({
          id,
          workspaceId: meeting.workspaceId,
          meetingId: meeting.id,
          presenterId,
          issue: input.issue,
          minutes: input.minutes ?? meeting.slotMinutes,
          position: (last?.max ?? -1) + 1,
        });
        await recordAudit(
          { kind: "meeting.bid", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "airtime", targetId: id, ipAddress: actor.ipAddress },
          tx,
        );
      });
      return "Bid for airtime added";
    }
    case "move-bid": {
      requireFacilitator();
      await db().transaction(async (tx) => {
        await loadSlot(tx, meeting.id, input.airtimeId);
        const rows = await tx.select({ id: airtimes.id }).from(airtimes).where(eq(airtimes.meetingId, meeting.id)).orderBy(asc(airtimes.position), asc(airtimes.createdAt));
        const order = rows.map((r) => r.id);
        const i = order.indexOf(input.airtimeId);
        const j = input.direction === "up" ? i - 1 : i + 1;
        if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]];
        for (const [position, id] of order.entries()) await tx.update(airtimes).set({ position }).where(eq(airtimes.id, id));
      });
      return "Order of presenters changed";
    }
    case "withdraw-bid": {
      const slot = await loadSlot(db(), meeting.id, input.airtimeId);
      if (slot.presenterId !== actor.userId) requireFacilitator();
      if (slot.phase !== "waiting") throw new InputError({ form: ["A slot that has started cannot be withdrawn"] });
      await db().delete(airtimes).where(eq(airtimes.id, slot.id));
      return "Bid withdrawn";
    }
    case "slot-phase": {
      requireFacilitator();
      await db().transaction(async (tx) => {
        const slot = await loadSlot(tx, meeting.id, input.airtimeId);
        if (input.phase === "present" && slot.phase === "waiting") {
          // One presenter at a time: whoever was still on is finished and their clock stopped.
          const active = await tx.select().from(airtimes).where(and(eq(airtimes.meetingId, meeting.id), inArray(airtimes.phase, ACTIVE)));
          for (const s of active) await tx.update(airtimes).set({ phase: "done", ...pausedTimer(s, now), updatedAt: now }).where(eq(airtimes.id, s.id));
          await tx.update(airtimes).set({ phase: "present", phaseStartedAt: now, timerStartedAt: now, updatedAt: now }).where(eq(airtimes.id, slot.id));
          if (phase !== "presenting") await setMeetingPhase(tx, meeting.id, "presenting", now);
        } else {
          const timer = input.phase === "done" ? pausedTimer(slot, now) : {};
          await tx.update(airtimes).set({ phase: input.phase, phaseStartedAt: now, ...timer, updatedAt: now }).where(eq(airtimes.id, slot.id));
        }
        await recordAudit(
          { kind: "meeting.slot_phase", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "airtime", targetId: slot.id, detail: { phase: input.phase }, ipAddress: actor.ipAddress },
          tx,
        );
      });
      return "Stage changed";
    }
    case "timer": {
      requireFacilitator();
      const slot = await loadSlot(db(), meeting.id, input.airtimeId);
      if (!ACTIVE.includes(slot.phase)) throw new InputError({ form: ["The timer runs only while a presenter is on"] });
      const change = input.command === "start" ? (slot.timerStartedAt === null ? { timerStartedAt: now } : {}) : pausedTimer(slot, now);
      await db().update(airtimes).set({ ...change, updatedAt: now }).where(eq(airtimes.id, slot.id));
      return input.command === "start" ? "Timer started" : "Timer paused";
    }
    case "slot-minutes": {
      requireFacilitator();
      const slot = await loadSlot(db(), meeting.id, input.airtimeId);
      await db().update(airtimes).set({ minutes: input.minutes, updatedAt: now }).where(eq(airtimes.id, slot.id));
      return "Slot length changed";
    }
    case "question": {
      const askedBy = input.askedBy ?? actor.userId;
      if (askedBy !== actor.userId) requireFacilitator();
      if (!participantIds.has(askedBy)) throw new InputError({ askedBy: ["Choose a participant of this set"] });
      const slot = await loadSlot(db(), meeting.id, input.airtimeId);
      if (slot.phase !== "questions" && slot.phase !== "actions") throw new InputError({ form: ["Questions are recorded in the questions-only stage"] });
      await db().insert(airtimeQuestions).values({ id: newId(), airtimeId: slot.id, askedBy, text: input.text });
      return "Question recorded";
    }
    case "commit-action": {
      const slot = await loadSlot(db(), meeting.id, input.airtimeId);
      if (slot.presenterId !== actor.userId) requireFacilitator();
      if (slot.phase !== "actions") throw new InputError({ form: ["Actions are agreed in the agree-actions stage"] });
      const ownerId = input.ownerId ?? slot.presenterId;
      if (!participantIds.has(ownerId)) throw new InputError({ ownerId: ["Choose a participant of this set"] });
      const dueOn = dayToUtc(input.dueOn);
      if (dueOn === null) throw new InputError({ dueOn: ["Enter a real due date"] });
      if (input.inquiryId) {
        const [inq] = await db()
          .select({ id: inquiries.id })
          .from(inquiries)
          .where(and(eq(inquiries.id, input.inquiryId), eq(inquiries.workspaceId, meeting.workspaceId)))
          .limit(1);
        if (!inq) throw new InputError({ inquiryId: ["Choose an inquiry from this workspace"] });
      }
      await db().transaction(async (tx) => {
        const id = newId();
        await tx.insert(actions).values({
          id,
          workspaceId: meeting.workspaceId,
          setId: meeting.setId,
          meetingId: meeting.id,
          airtimeId: slot.id,
          inquiryId: input.inquiryId ?? null,
          ownerId,
          description: input.description,
          dueOn,
          createdBy: actor.userId,
        });
        await recordAudit(
          { kind: "action.committed", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "action", targetId: id, ipAddress: actor.ipAddress },
          tx,
        );
      });
      return "Action committed";
    }
    case "learning-line": {
      const userId = input.userId ?? actor.userId;
      if (userId !== actor.userId) requireFacilitator();
      if (!participantIds.has(userId)) throw new InputError({ userId: ["Choose a participant of this set"] });
      if (phase !== "closing") throw new InputError({ form: ["Lines of learning are recorded in the closing round"] });
      await db()
        .insert(learningLines)
        .values({ id: newId(), meetingId: meeting.id, userId, text: input.text })
        .onConflictDoUpdate({ target: [learningLines.meetingId, learningLines.userId], set: { text: input.text, updatedAt: now } });
      return "Line of learning recorded";
    }
  }
}

/** A finished or past meeting's record for its page: presenters, questions, actions, lines. */
export async function getMeetingRecord(meeting: MeetingRow) {
  const state = await getRunnerState(meeting);
  return { phase: state.phase, slots: state.slots, lines: state.lines, reportBack: state.reportBack };
}
