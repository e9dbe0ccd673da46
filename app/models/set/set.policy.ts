import { can, type Role } from "../access/access.policy";

/** Sets outside 4–8 members still work, but the page says so: fewer is thin, more leaves too little airtime. */
export const SET_SIZE_MIN = 4;
export const SET_SIZE_MAX = 8;

export const DEFAULT_GROUND_RULES = [
  "Confidentiality: what is said in the set stays in the set. Nothing is repeated outside without the speaker's agreement.",
  "Questions, not advice: we help a presenter think by asking, not by telling.",
  "Each member brings a real problem they own and can act on.",
  "We report back honestly on the actions we committed to, including the ones we did not do.",
].join("\n");

export function setSizeWarning(memberCount: number): string | null {
  if (memberCount < SET_SIZE_MIN) return `This set has ${memberCount} ${memberCount === 1 ? "member" : "members"}; an action learning set works best with ${SET_SIZE_MIN} to ${SET_SIZE_MAX}.`;
  if (memberCount > SET_SIZE_MAX) return `This set has ${memberCount} members; an action learning set works best with ${SET_SIZE_MIN} to ${SET_SIZE_MAX}, so that everyone gets airtime.`;
  return null;
}

/** Creating sets and changing their membership, focus and ground rules. */
export function canManageSets(role: Role): boolean {
  return can(role, "set:manage");
}

/**
 * Scheduling, editing and running a set's meetings belongs to the set's own facilitator: a
 * workspace owner who is not in the set may not even see them.
 */
export function canFacilitateSet(userId: string, set: { facilitatorId: string | null }): boolean {
  return set.facilitatorId !== null && set.facilitatorId === userId;
}
