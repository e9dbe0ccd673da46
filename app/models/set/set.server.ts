import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { memberships, users, type Role } from "../../../db/schema/core";
import { inquiries, learningSets, meetings, setInquiries, setMembers } from "../../../db/schema/learning";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { InputError } from "./input-error";
import { participatesInSetSql } from "./set-access.server";
import { DEFAULT_GROUND_RULES } from "./set.policy";
import type { SetFields } from "./set.schema";

export type Actor = { userId: string; ipAddress?: string };

export type Person = { id: string; displayName: string; role: Role };

/** Everyone in the workspace, for choosing facilitators, members, owners. */
export async function listWorkspacePeople(workspaceId: string, tx: Tx = db()): Promise<Person[]> {
  return tx
    .select({ id: users.id, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.displayName));
}

/** The ids among `userIds` that are members of the workspace. */
async function workspaceMemberIds(tx: Tx, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}

/** Throws InputError unless every person is in the workspace. */
export async function assertWorkspacePeople(tx: Tx, workspaceId: string, field: string, userIds: string[], message: string) {
  const unique = [...new Set(userIds)];
  const found = await workspaceMemberIds(tx, workspaceId, unique);
  if (unique.some((u) => !found.has(u))) throw new InputError({ [field]: [message] });
}

export async function assertWorkspaceInquiries(tx: Tx, workspaceId: string, field: string, inquiryIds: string[]) {
  const unique = [...new Set(inquiryIds)];
  if (unique.length === 0) return;
  const rows = await tx
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(and(eq(inquiries.workspaceId, workspaceId), inArray(inquiries.id, unique)));
  if (rows.length !== unique.length) throw new InputError({ [field]: ["Choose inquiries from this workspace"] });
}

async function validateSetFields(tx: Tx, workspaceId: string, fields: SetFields) {
  await assertWorkspacePeople(tx, workspaceId, "facilitatorId", [fields.facilitatorId], "Choose a facilitator from this workspace");
  await assertWorkspacePeople(tx, workspaceId, "memberIds", fields.memberIds, "Choose members from this workspace");
  await assertWorkspaceInquiries(tx, workspaceId, "inquiryIds", fields.inquiryIds);
}

function memberIdsWithoutFacilitator(fields: SetFields): string[] {
  return [...new Set(fields.memberIds)].filter((id) => id !== fields.facilitatorId);
}

export async function createSet(actor: Actor, workspaceId: string, fields: SetFields): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    await validateSetFields(tx, workspaceId, fields);
    const id = newId();
    await tx.insert(learningSets).values({
      id,
      workspaceId,
      name: fields.name,
      facilitatorId: fields.facilitatorId,
      groundRules: fields.groundRules || DEFAULT_GROUND_RULES,
      rhythm: fields.rhythm,
      slotMinutes: fields.slotMinutes,
    });
    const memberIds = memberIdsWithoutFacilitator(fields);
    if (memberIds.length) await tx.insert(setMembers).values(memberIds.map((userId) => ({ setId: id, userId })));
    const inquiryIds = [...new Set(fields.inquiryIds)];
    if (inquiryIds.length) await tx.insert(setInquiries).values(inquiryIds.map((inquiryId) => ({ setId: id, inquiryId })));
    await recordAudit(
      { kind: "set.created", workspaceId, actorUserId: actor.userId, targetType: "learning_set", targetId: id, ipAddress: actor.ipAddress },
      tx,
    );
    return { id };
  });
}

export async function updateSet(actor: Actor, workspaceId: string, setId: string, fields: SetFields): Promise<void> {
  await db().transaction(async (tx) => {
    await validateSetFields(tx, workspaceId, fields);
    const facilitatorId = fields.facilitatorId;
    await tx
      .update(learningSets)
      .set({
        name: fields.name,
        facilitatorId,
        groundRules: fields.groundRules,
        rhythm: fields.rhythm,
        slotMinutes: fields.slotMinutes,
        updatedAt: Date.now(),
      })
      .where(and(eq(learningSets.id, setId), eq(learningSets.workspaceId, workspaceId)));
    await tx.delete(setMembers).where(eq(setMembers.setId, setId));
    const memberIds = memberIdsWithoutFacilitator(fields);
    if (memberIds.length) await tx.insert(setMembers).values(memberIds.map((userId) => ({ setId, userId })));
    await tx.delete(setInquiries).where(eq(setInquiries.setId, setId));
    const inquiryIds = [...new Set(fields.inquiryIds)];
    if (inquiryIds.length) await tx.insert(setInquiries).values(inquiryIds.map((inquiryId) => ({ setId, inquiryId })));
    await recordAudit(
      { kind: "set.updated", workspaceId, actorUserId: actor.userId, targetType: "learning_set", targetId: setId, ipAddress: actor.ipAddress },
      tx,
    );
  });
}

export type SetSummary = {
  id: string;
  name: string;
  facilitatorId: string | null;
  facilitatorName: string | null;
  rhythm: string;
  members: Array<{ id: string; displayName: string }>;
  focus: Array<{ id: string; question: string }>;
  isParticipant: boolean;
  /** Only for participants: what is said in the set stays in the set. */
  nextMeetingAt: number | null;
};

async function membersOf(setIds: string[]) {
  if (setIds.length === 0) return [];
  return db()
    .select({ setId: setMembers.setId, id: users.id, displayName: users.displayName })
    .from(setMembers)
    .innerJoin(users, eq(users.id, setMembers.userId))
    .where(inArray(setMembers.setId, setIds))
    .orderBy(asc(users.displayName));
}

async function focusOf(setIds: string[]) {
  if (setIds.length === 0) return [];
  return db()
    .select({ setId: setInquiries.setId, id: inquiries.id, question: inquiries.question })
    .from(setInquiries)
    .innerJoin(inquiries, eq(inquiries.id, setInquiries.inquiryId))
    .where(inArray(setInquiries.setId, setIds))
    .orderBy(asc(inquiries.position));
}

/** Every set of the workspace: names, facilitators and members are open to the workspace. */
export async function listSets({ workspaceId, userId }: { workspaceId: string; userId: string }): Promise<SetSummary[]> {
  const now = Date.now();
  const rows = await db()
    .select({
      id: learningSets.id,
      name: learningSets.name,
      facilitatorId: learningSets.facilitatorId,
      facilitatorName: users.displayName,
      rhythm: learningSets.rhythm,
      isParticipant: sql<number>`${participatesInSetSql(learningSets.id, userId)}`,
      nextMeetingAt: sql<number | null>`case when ${participatesInSetSql(learningSets.id, userId)}
        then (select min(${meetings.startsAt}) from ${meetings} where ${meetings.setId} = ${learningSets.id} and ${meetings.endsAt} >= ${now})
        else null end`,
    })
    .from(learningSets)
    .leftJoin(users, eq(users.id, learningSets.facilitatorId))
    .where(and(eq(learningSets.workspaceId, workspaceId), sql`${learningSets.archivedAt} is null`))
    .orderBy(asc(learningSets.name));
  const ids = rows.map((r) => r.id);
  const [members, focus] = await Promise.all([membersOf(ids), focusOf(ids)]);
  return rows.map((r) => ({
    ...r,
    isParticipant: Boolean(r.isParticipant),
    members: members.filter((m) => m.setId === r.id).map(({ id, displayName }) => ({ id, displayName })),
    focus: focus.filter((f) => f.setId === r.id).map(({ id, question }) => ({ id, question })),
  }));
}

export type SetDetail = Omit<SetSummary, "nextMeetingAt"> & { groundRules: string; slotMinutes: number; workspaceId: string };

/** One set of the workspace, or null (another workspace's set is simply not found). */
export async function getSet({ workspaceId, setId, userId }: { workspaceId: string; setId: string; userId: string }): Promise<SetDetail | null> {
  const [row] = await db()
    .select({
      id: learningSets.id,
      workspaceId: learningSets.workspaceId,
      name: learningSets.name,
      facilitatorId: learningSets.facilitatorId,
      facilitatorName: users.displayName,
      rhythm: learningSets.rhythm,
      groundRules: learningSets.groundRules,
      slotMinutes: learningSets.slotMinutes,
      isParticipant: sql<number>`${participatesInSetSql(learningSets.id, userId)}`,
    })
    .from(learningSets)
    .leftJoin(users, eq(users.id, learningSets.facilitatorId))
    .where(and(eq(learningSets.id, setId), eq(learningSets.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  const [members, focus] = await Promise.all([membersOf([row.id]), focusOf([row.id])]);
  return {
    ...row,
    isParticipant: Boolean(row.isParticipant),
    members: members.map(({ id, displayName }) => ({ id, displayName })),
    focus: focus.map(({ id, question }) => ({ id, question })),
  };
}

/** The sets working on an inquiry (names and facilitators are open to the workspace). */
export async function listSetsForInquiry({ workspaceId, inquiryId, userId }: { workspaceId: string; inquiryId: string; userId: string }) {
  return db()
    .select({
      id: learningSets.id,
      name: learningSets.name,
      facilitatorName: users.displayName,
      isParticipant: sql<number>`${participatesInSetSql(learningSets.id, userId)}`,
    })
    .from(setInquiries)
    .innerJoin(learningSets, eq(learningSets.id, setInquiries.setId))
    .leftJoin(users, eq(users.id, learningSets.facilitatorId))
    .where(and(eq(setInquiries.inquiryId, inquiryId), eq(learningSets.workspaceId, workspaceId)))
    .orderBy(asc(learningSets.name));
}
