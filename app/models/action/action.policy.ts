import { can, type Role } from "../access/access.policy";

/** An action's status and report-back may be changed by its owner and by its set's facilitator. */
export function canUpdateAction(
  role: Role,
  userId: string,
  action: { ownerId: string; setFacilitatorId: string | null },
): boolean {
  if (!can(role, "action:update")) return false;
  return action.ownerId === userId || (action.setFacilitatorId !== null && action.setFacilitatorId === userId);
}

/** Whole days (UTC) since the epoch; due dates are stored as midnight UTC of the day. */
export function dayStartUtc(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function isOverdue(action: { status: string; dueOn: number | null }, now = Date.now()): boolean {
  return action.status !== "done" && action.dueOn !== null && action.dueOn < dayStartUtc(now);
}
