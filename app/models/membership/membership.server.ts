import { and, asc, count, eq, ne, or, sql } from "drizzle-orm";

import { agencies, memberships, users, type Role } from "../../../db/schema/core";
import { db, preparedOnce, type Tx } from "../../utils/db.server";
import { recordAudit } from "../audit/audit.server";
import { wouldRemoveLastOwner } from "./membership.policy";

export type MembershipActor = { userId: string; ipAddress?: string };

export async function listMembers(workspaceId: string) {
  return db()
    .select({
      id: memberships.id,
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: memberships.role,
      agencyId: memberships.agencyId,
      agencyName: agencies.name,
      agencyArchived: sql<boolean>`${agencies.archivedAt} is not null`.mapWith(Boolean),
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${users.displayName})`), asc(users.email));
}

/** How many members hold each role (every role present, zero when nobody holds it). */
/** The home page counts members on every view: compiled once (ADR 008). */
const membersByRoleQuery = preparedOnce((database) =>
  database
    .select({ role: memberships.role, n: count() })
    .from(memberships)
    .where(eq(memberships.workspaceId, sql.placeholder("workspaceId")))
    .groupBy(memberships.role)
    .prepare(),
);

export async function countMembersByRole(workspaceId: string): Promise<Record<Role, number>> {
  const rows = await membersByRoleQuery().all({ workspaceId });
  const out: Record<Role, number> = { owner: 0, facilitator: 0, analyst: 0, member: 0, evaluator: 0 };
  for (const r of rows) out[r.role] = r.n;
  return out;
}

async function findMember(tx: Tx, workspaceId: string, membershipId: string) {
  const [row] = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      agencyId: memberships.agencyId,
      displayName: users.displayName,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

async function countOwners(tx: Tx, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/*
 * Part of the WHERE of every demotion and removal, so the last-owner rule holds even when two
 * owners act at once: SQLite runs each statement under the write lock, and the row is only
 * touched when it is not an owner or another owner remains.
 */
function anotherOwnerRemains(workspaceId: string) {
  return or(
    ne(memberships.role, "owner"),
    sql`(select count(*) from memberships m2 where m2.workspace_id = ${workspaceId} and m2.role = 'owner') > 1`,
  );
}

export type MemberChangeResult =
  | { ok: true; changed: boolean; member: { userId: string; displayName: string } }
  | { ok: false; reason: "not-found" | "last-owner" | "agency-not-found" };

export async function changeMemberRole(
  actor: MembershipActor,
  workspaceId: string,
  membershipId: string,
  role: Role,
): Promise<MemberChangeResult> {
  return db().transaction(async (tx) => {
    const member = await findMember(tx, workspaceId, membershipId);
    if (!member) return { ok: false, reason: "not-found" };
    const summary = { userId: member.userId, displayName: member.displayName };
    if (member.role === role) return { ok: true, changed: false, member: summary };
    if (wouldRemoveLastOwner({ currentRole: member.role, newRole: role, ownerCount: await countOwners(tx, workspaceId) })) {
      return { ok: false, reason: "last-owner" };
    }
    const updated = await tx
      .update(memberships)
      .set({ role, updatedAt: Date.now() })
      .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId), anotherOwnerRemains(workspaceId)))
      .returning({ id: memberships.id });
    if (updated.length === 0) return { ok: false, reason: "last-owner" };
    await recordAudit(
      {
        kind: "membership.role_changed",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "user",
        targetId: member.userId,
        detail: { memberName: member.displayName, memberEmail: member.email, from: member.role, to: role },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, changed: true, member: summary };
  });
}

/** Records which partner agency a member works for (null: none recorded). */
export async function setMemberAgency(
  actor: MembershipActor,
  workspaceId: string,
  membershipId: string,
  agencyId: string | null,
): Promise<MemberChangeResult> {
  return db().transaction(async (tx) => {
    const member = await findMember(tx, workspaceId, membershipId);
    if (!member) return { ok: false, reason: "not-found" };
    const summary = { userId: member.userId, displayName: member.displayName };
    let agencyName: string | null = null;
    if (agencyId) {
      const [agency] = await tx
        .select({ name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.id, agencyId), eq(agencies.workspaceId, workspaceId)))
        .limit(1);
      if (!agency) return { ok: false, reason: "agency-not-found" };
      agencyName = agency.name;
    }
    if (member.agencyId === agencyId) return { ok: true, changed: false, member: summary };
    await tx
      .update(memberships)
      .set({ agencyId, updatedAt: Date.now() })
      .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)));
    await recordAudit(
      {
        kind: "membership.agency_changed",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "user",
        targetId: member.userId,
        detail: { memberName: member.displayName, memberEmail: member.email, agencyId, agencyName },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, changed: true, member: summary };
  });
}

export async function removeMember(
  actor: MembershipActor,
  workspaceId: string,
  membershipId: string,
): Promise<MemberChangeResult> {
  return db().transaction(async (tx) => {
    const member = await findMember(tx, workspaceId, membershipId);
    if (!member) return { ok: false, reason: "not-found" };
    if (wouldRemoveLastOwner({ currentRole: member.role, newRole: null, ownerCount: await countOwners(tx, workspaceId) })) {
      return { ok: false, reason: "last-owner" };
    }
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId), anotherOwnerRemains(workspaceId)))
      .returning({ id: memberships.id });
    if (removed.length === 0) return { ok: false, reason: "last-owner" };
    await recordAudit(
      {
        kind: "membership.removed",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "user",
        targetId: member.userId,
        detail: { memberName: member.displayName, memberEmail: member.email, role: member.role },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, changed: true, member: { userId: member.userId, displayName: member.displayName } };
  });
}
