import type { Role } from "../access/access.policy";

/**
 * A workspace always keeps at least one owner: nobody else can manage its members, so removing
 * or demoting the last owner would lock the partnership out of its own workspace.
 */
export function wouldRemoveLastOwner(input: { currentRole: Role; newRole: Role | null; ownerCount: number }): boolean {
  if (input.currentRole !== "owner") return false;
  if (input.newRole === "owner") return false;
  return input.ownerCount <= 1;
}

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationState = "pending" | "expired" | "used" | "revoked";

export function invitationState(
  invitation: { usedAt: number | null; revokedAt: number | null; expiresAt: number },
  now: number,
): InvitationState {
  if (invitation.revokedAt !== null) return "revoked";
  if (invitation.usedAt !== null) return "used";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}
