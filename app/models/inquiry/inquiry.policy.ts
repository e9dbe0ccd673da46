import { can, type Role } from "../access/access.policy";

/** Only facilitators and owners frame, edit and reorder the board's inquiry questions. */
export function canManageInquiries(role: Role): boolean {
  return can(role, "inquiry:manage");
}
