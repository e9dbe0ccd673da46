import { can, type Role } from "../access/access.policy";

/*
 * Who sees what of a journey (ADR 011): those who steward the evidence (evidence:manage —
 * analysts and owners) see every event in full; a member sees in full the events their own
 * agency recorded; everyone else sees the de-identified journey — kind, agency, month, cost.
 */
export type CaseViewer = { role: Role; agencyId: string | null };

export function canManageCases(role: Role): boolean {
  return can(role, "evidence:manage");
}

export function canManageCriteria(role: Role): boolean {
  return can(role, "criteria:manage");
}

/** Counts under 5 are shown exactly only to analysts (and owners, who steward the evidence with them). */
export function mayRevealSmallCounts(role: Role): boolean {
  return can(role, "evidence:manage");
}

export function seesEventInFull(viewer: CaseViewer, event: { recordingAgencyId: string | null }): boolean {
  if (canManageCases(viewer.role)) return true;
  return viewer.agencyId !== null && event.recordingAgencyId === viewer.agencyId;
}

/** The first day of the event's month, in UTC (event days are stored as midnight UTC). */
export function toMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
