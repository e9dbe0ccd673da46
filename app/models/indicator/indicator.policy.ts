import { can, type Role } from "../access/access.policy";

/** Analysts and owners edit indicators, their values and savings estimates; everyone reads. */
export function canManageIndicators(role: Role): boolean {
  return can(role, "evidence:manage");
}
