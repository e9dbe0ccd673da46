import { can, type Role } from "../access/access.policy";

export function canManageDecisions(role: Role): boolean {
  return can(role, "decision:manage");
}

/** How far ahead "due for review" looks. */
export const REVIEW_HORIZON_DAYS = 30;

export function isDueForReview(reviewOn: number | null, now = Date.now()): boolean {
  return reviewOn !== null && reviewOn <= now + REVIEW_HORIZON_DAYS * 24 * 60 * 60 * 1000;
}
