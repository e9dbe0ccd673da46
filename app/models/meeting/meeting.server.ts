import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { learningSets, meetingAttendance, meetingRuns, meetings } from "../../../db/schema/learning";
import { db, preparedOnce } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { indexMeetingForSearch } from "../search/search.server";
import { InputError } from "../set/input-error";
import { participatesInSetSql } from "../set/set-access.server";
import type { MeetingFields } from "../set/set.schema";
import type { Actor } from "../set/set.server";
import { londonToUtc } from "./london-time";

export type MeetingRow = {
  id: string;
  setId: string;
  workspaceId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  location: string;
  agenda: string;
  notesText: string;
  notesJson: unknown;
  setName: string;
  setFacilitatorId: string | null;
  slotMinutes: number;
};

const meetingColumns = {
  id: meetings.id,
  setId: meetings.setId,
  workspaceId: meetings.workspaceId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  location: meetings.location,
  agenda: meetings.agenda,
  notesText: meetings.notesText,
  notesJson: meetings.notesJson,
  setName: learningSets.name,
  setFacilitatorId: learningSets.facilitatorId,
  slotMinutes: learningSets.slotMinutes,
};

/**
 * A meeting, only for the participants of its set (facilitator and members who are still in the
 * workspace). Anyone else — owners and evaluators included — gets null: the set's confidentiality.
 */
export async function getMeetingForParticipant({
  workspaceId,
  setId,
  meetingId,
  userId,
}: {
  workspaceId: string;
  setId: string;
  meetingId: string;
  userId: string;
}): Promise<MeetingRow | null> {
  const [row] = await db()
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(learningSets, eq(learningSets.id, meetings.setId))
    .where(
      and(
        eq(meetings.id, meetingId),
        eq(meetings.setId, setId),
        eq(meetings.workspaceId, workspaceId),
        participatesInSetSql(meetings.setId, userId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Meetings of one set (the caller has checked the viewer takes part in it). */
export async function listSetMeetings(setId: string) {
  return db()
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, location: meetings.location })
    .from(meetings)
    .where(eq(meetings.setId, setId))
    .orderBy(desc(meetings.startsAt));
}

/** The viewer's next meetings across the sets they take part in; the home page reads it on every view, so it is compiled once (ADR 008). */
const nextMeetingsQuery = preparedOnce((database) =>
  database
    .select({
      id: meetings.id,
      setId: meetings.setId,
      setName: learningSets.name,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
    })
    .from(meetings)
    .innerJoin(learningSets, eq(learningSets.id, meetings.setId))
    .where(
      and(
        eq(meetings.workspaceId, sql.placeholder("workspaceId")),
        gte(meetings.endsAt, sql.placeholder("now")),
        participatesInSetSql(meetings.setId, sql.placeholder("userId")),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export async function listMyNextMeetings({ workspaceId, userId, now = Date.now(), limit = 5 }: { workspaceId: string; userId: string; now?: number; limit?: number }) {
  return nextMeetingsQuery().all({ workspaceId, userId, now, limit });
}

function meetingTimes(fields: MeetingFields): { startsAt: number; endsAt: number } {
  const startsAt = londonToUtc(fields.date, fields.startTime);
  const endsAt = londonToUtc(fields.date, fields.endTime);
  const errors: Record<string, string[]> = {};
  if (startsAt === null) errors.date = ["Enter a real date, such as 2015-03-18"];
  if (endsAt === null && startsAt !== null) errors.endTime = ["Enter a real end time"];
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) errors.endTime = ["The meeting must end after it starts"];
  if (Object.keys(errors).length || startsAt === null || endsAt === null) throw new InputError(errors);
  return { startsAt, endsAt };
}

export async function createMeeting(actor: Actor, set: { id: string; workspaceId: string }, fields: MeetingFields): Promise<{ id: string }> {
  const { startsAt, endsAt } = meetingTimes(fields);
  return db().transaction(async (tx) => {
    const id = newId();
    await tx.insert(meetings).values({
      id,
      workspaceId: set.workspaceId,
      setId: set.id,
      title: fields.title,
      startsAt,
      endsAt,
      location: fields.location,
      agenda: fields.agenda,
    });
    await indexMeetingForSearch(tx, id);
    await recordAudit(
      { kind: "meeting.created", workspaceId: set.workspaceId, actorUserId: actor.userId, targetType: "meeting", targetId: id, ipAddress: actor.ipAddress },
      tx,
    );
    return { id };
  });
}

export async function updateMeeting(actor: Actor, meeting: { id: string; workspaceId: string }, fields: MeetingFields): Promise<void> {
  const { startsAt, endsAt } = meetingTimes(fields);
  await db().transaction(async (tx) => {
    await tx
      .update(meetings)
      .set({ title: fields.title, startsAt, endsAt, location: fields.location, agenda: fields.agenda, updatedAt: Date.now() })
      .where(and(eq(meetings.id, meeting.id), eq(meetings.workspaceId, meeting.workspaceId)));
    await indexMeetingForSearch(tx, meeting.id);
    await recordAudit(
      { kind: "meeting.updated", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "meeting", targetId: meeting.id, ipAddress: actor.ipAddress },
      tx,
    );
  });
}

/** The set's participants: its facilitator first, then members by name. */
export async function listSetParticipants(setId: string) {
  const rows = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      isFacilitator: sql<number>`${users.id} = ${learningSets.facilitatorId}`,
    })
    .from(learningSets)
    .innerJoin(
      users,
      sql`${users.id} = ${learningSets.facilitatorId} or exists (select 1 from set_members sm where sm.set_id = ${learningSets.id} and sm.user_id = ${users.id})`,
    )
    .where(eq(learningSets.id, setId))
    .orderBy(asc(users.displayName));
  return rows
    .map((r) => ({ ...r, isFacilitator: Boolean(r.isFacilitator) }))
    .sort((a, b) => Number(b.isFacilitator) - Number(a.isFacilitator));
}

export async function listAttendance(meetingId: string) {
  return db()
    .select({ userId: meetingAttendance.userId, status: meetingAttendance.status })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, meetingId));
}

/** A meeting has started when its start time has passed or its runner has been started early. */
export async function hasMeetingStarted(meeting: { id: string; startsAt: number }, now = Date.now()): Promise<boolean> {
  if (meeting.startsAt <= now) return true;
  const [run] = await db().select({ startedAt: meetingRuns.startedAt }).from(meetingRuns).where(eq(meetingRuns.meetingId, meeting.id)).limit(1);
  return run?.startedAt != null;
}

/**
 * Replaces the attendance record of the people listed; only the set's participants can be
 * recorded, only once the meeting has started (a future meeting has no attendance to record),
 * and "not-recorded" clears a person's entry.
 */
export async function recordAttendance(
  actor: Actor,
  meeting: { id: string; workspaceId: string; setId: string; startsAt: number },
  entries: Array<{ userId: string; status: "present" | "apologies" | "absent" | "not-recorded" }>,
): Promise<void> {
  if (!(await hasMeetingStarted(meeting))) throw new InputError({ form: ["Attendance can be recorded once the meeting has started"] });
  const participants = new Set((await listSetParticipants(meeting.setId)).map((p) => p.id));
  if (entries.some((e) => !participants.has(e.userId))) throw new InputError({ form: ["Attendance can only be recorded for the set's participants"] });
  const recorded = entries.flatMap((e) => (e.status === "not-recorded" ? [] : [{ userId: e.userId, status: e.status }]));
  await db().transaction(async (tx) => {
    const ids = entries.map((e) => e.userId);
    if (ids.length) await tx.delete(meetingAttendance).where(and(eq(meetingAttendance.meetingId, meeting.id), inArray(meetingAttendance.userId, ids)));
    if (recorded.length) {
      await tx.insert(meetingAttendance).values(recorded.map((e) => ({ meetingId: meeting.id, userId: e.userId, status: e.status, updatedAt: Date.now() })));
    }
    await recordAudit(
      { kind: "meeting.attendance", workspaceId: meeting.workspaceId, actorUserId: actor.userId, targetType: "meeting", targetId: meeting.id, ipAddress: actor.ipAddress },
      tx,
    );
  });
}

/** The stored text and JSON of the meeting's notes (derived from the collaborative document), and its search row. */
export async function setMeetingNotes(meetingId: string, notes: { text: string; json: unknown }): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.update(meetings).set({ notesText: notes.text, notesJson: notes.json, updatedAt: Date.now() }).where(eq(meetings.id, meetingId));
    await indexMeetingForSearch(tx, meetingId);
  });
}
