import { and, asc, count, eq, gte, isNull, lte, sql, type SQL } from "drizzle-orm";

import { learningSets, meetingAttendance, meetings, setMembers } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";

/**
 * The method appendix of a learning summary: each set's size, meetings held and attendance —
 * never what was said (no notes, agendas, airtimes or set logs).
 */
export async function listSetMethodFacts(
  workspaceId: string,
  window: { from?: number; to?: number; now: number },
) {
  const sets = await db()
    .select({
      id: learningSets.id,
      name: learningSets.name,
      facilitatorId: learningSets.facilitatorId,
      members: sql<number>`(select count(*) from ${setMembers} where ${setMembers.setId} = ${learningSets.id})`,
    })
    .from(learningSets)
    .where(and(eq(learningSets.workspaceId, workspaceId), isNull(learningSets.archivedAt)))
    .orderBy(asc(learningSets.name));
  const held: SQL[] = [eq(meetings.workspaceId, workspaceId), lte(meetings.startsAt, window.now)];
  if (window.from !== undefined) held.push(gte(meetings.startsAt, window.from));
  if (window.to !== undefined) held.push(lte(meetings.startsAt, window.to));
  const meetingCounts = await db()
    .select({ setId: meetings.setId, n: count() })
    .from(meetings)
    .where(and(...held))
    .groupBy(meetings.setId);
  const attendance = await db()
    .select({
      setId: meetings.setId,
      recorded: count(),
      present: sql<number>`sum(case when ${meetingAttendance.status} = 'present' then 1 else 0 end)`,
    })
    .from(meetingAttendance)
    .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
    .where(and(...held))
    .groupBy(meetings.setId);
  return sets.map((s) => {
    const a = attendance.find((r) => r.setId === s.id);
    return {
      id: s.id,
      name: s.name,
      participants: Number(s.members) + (s.facilitatorId ? 1 : 0),
      meetingsHeld: meetingCounts.find((m) => m.setId === s.id)?.n ?? 0,
      attendancePercent:
        a && a.recorded > 0 ? Math.round((Number(a.present ?? 0) * 100) / a.recorded) : null,
    };
  });
}
