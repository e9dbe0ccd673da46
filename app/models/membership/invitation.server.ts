import { createHash, randomBytes } from "node:crypto";

import { and, count, desc, eq, gt, isNull } from "drizzle-orm";

import { invitations, memberships, users, workspaces, type Role } from "../../../db/schema/core";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { INVITATION_LIFETIME_MS, invitationState, type InvitationState } from "./membership.policy";

/*
 * An invitation link carries 32 random bytes (base64url). Only their SHA-256 is stored, so a copy
 * of the database does not hand out working links; the link is shown once, to the inviter.
 */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export type CreatedInvitation = { id: string; token: string; role: Role; expiresAt: number };

export async function createInvitation(
  actor: { userId: string; ipAddress?: string },
  workspaceId: string,
  input: { role: Role; note?: string },
  options: { now?: number } = {},
  tx?: Tx,
): Promise<CreatedInvitation> {
  const now = options.now ?? Date.now();
  const token = newInvitationToken();
  const id = newId();
  const expiresAt = now + INVITATION_LIFETIME_MS;
  const note = (input.note ?? "").trim();
  const run = async (t: Tx) => {
    await t.insert(invitations).values({
      id,
      workspaceId,
      tokenHash: hashInvitationToken(token),
      role: input.role,
      note,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(
      {
        kind: "membership.invited",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "invitation",
        targetId: id,
        detail: { role: input.role, note, expiresAt },
        ipAddress: actor.ipAddress,
      },
      t,
    );
  };
  await (tx ? run(tx) : db().transaction(run));
  return { id, token, role: input.role, expiresAt };
}

/** Invitations not yet used, revoked or expired: what an owner may still revoke. */
export async function listPendingInvitations(workspaceId: string, now = Date.now()) {
  return db()
    .select({
      id: invitations.id,
      role: invitations.role,
      note: invitations.note,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      createdByName: users.displayName,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.createdBy))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function countPendingInvitations(workspaceId: string, now = Date.now()): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return row?.n ?? 0;
}

export async function revokeInvitation(
  actor: { userId: string; ipAddress?: string },
  workspaceId: string,
  invitationId: string,
): Promise<boolean> {
  return db().transaction(async (tx) => {
    const now = Date.now();
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, workspaceId),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id, role: invitations.role, note: invitations.note });
    const row = revoked[0];
    if (!row) return false;
    await recordAudit(
      {
        kind: "invitation.revoked",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "invitation",
        targetId: row.id,
        detail: { role: row.role, note: row.note },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export type InvitationView = {
  id: string;
  state: InvitationState;
  role: Role;
  expiresAt: number;
  workspace: { id: string; slug: string; name: string };
};

async function findInvitation(tx: Tx, token: string) {
  const [row] = await tx
    .select({
      id: invitations.id,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  return row ?? null;
}

/** What the invitation page shows for a token; null when no invitation has this token. */
export async function getInvitationByToken(token: string, now = Date.now()): Promise<InvitationView | null> {
  const row = await findInvitation(db(), token);
  if (!row) return null;
  return { id: row.id, state: invitationState(row, now), role: row.role, expiresAt: row.expiresAt, workspace: row.workspace };
}

export type AcceptResult =
  | { ok: true; workspace: { slug: string; name: string }; role: Role }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "expired" | "used" | "revoked" | "already-member"; workspace: { slug: string; name: string } };

/**
 * Joins the invitation's workspace, in one transaction: the invitation is marked used only if it
 * still is pending at that moment (so a link works once even when clicked twice at once), then
 * the membership and the audit row are written. An existing member does not use the link up.
 */
export async function acceptInvitation(
  actor: { userId: string; ipAddress?: string },
  token: string,
  now = Date.now(),
): Promise<AcceptResult> {
  return db().transaction(async (tx): Promise<AcceptResult> => {
    const row = await findInvitation(tx, token);
    if (!row) return { ok: false, reason: "unknown" };
    const workspace = { slug: row.workspace.slug, name: row.workspace.name };
    const state = invitationState(row, now);
    if (state !== "pending") return { ok: false, reason: state, workspace };
    const existing = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, row.workspace.id), eq(memberships.userId, actor.userId)))
      .limit(1);
    if (existing.length > 0) return { ok: false, reason: "already-member", workspace };
    const claimed = await tx
      .update(invitations)
      .set({ usedAt: now, usedBy: actor.userId })
      .where(
        and(
          eq(invitations.id, row.id),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) return { ok: false, reason: "used", workspace };
    const membershipId = newId();
    await tx.insert(memberships).values({ id: membershipId, workspaceId: row.workspace.id, userId: actor.userId, role: row.role });
    await recordAudit(
      {
        kind: "invitation.accepted",
        workspaceId: row.workspace.id,
        actorUserId: actor.userId,
        targetType: "invitation",
        targetId: row.id,
        detail: { role: row.role, membershipId },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, workspace, role: row.role };
  });
}
