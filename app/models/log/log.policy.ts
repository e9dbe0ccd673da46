import { can, type Role } from "../access/access.policy";
import type { LogVisibility } from "./log.constants";

/**
 * The facts that decide what one person may do with one log. The same rules are written as SQL in
 * log.server.ts (`readableLogCondition`) so lists and search filter inside the query; the tests
 * check both against the same matrix.
 */
export type LogAccessFacts = {
  role: Role;
  visibility: LogVisibility;
  setId: string | null;
  isAuthor: boolean;
  isSetParticipant: boolean;
};

/**
 * private — its authors only; set — the participants (facilitator and members) of that set only,
 * not owners or evaluators outside it; workspace — every member of the workspace.
 */
export function canReadLog(f: LogAccessFacts): boolean {
  if (!can(f.role, "log:read")) return false;
  if (f.visibility === "workspace") return true;
  if (f.visibility === "set") return f.setId !== null ? f.isSetParticipant : f.isAuthor;
  return f.isAuthor;
}

/** Writing the text: anyone who may read it and whose role may edit logs (never evaluators). */
export function canEditLogText(f: LogAccessFacts): boolean {
  return canReadLog(f) && can(f.role, "log:edit");
}

/**
 * Typing in a log makes the typist one of its authors (the collaboration server records every
 * editor). Someone who may write the text but is not yet an author is told so before they type;
 * once they are an author there is nothing to tell.
 */
export function becomesAuthorByEditing(f: LogAccessFacts): boolean {
  return canEditLogText(f) && !f.isAuthor;
}

/** Renaming, retagging, changing visibility, deleting: authors, facilitators and owners. */
export function canManageLog(f: LogAccessFacts): boolean {
  return canEditLogText(f) && (f.isAuthor || f.role === "owner" || f.role === "facilitator");
}

export const VISIBILITY_LABELS: Record<LogVisibility, string> = {
  private: "Private — authors only",
  set: "Learning set — its members and facilitator",
  workspace: "Workspace — everyone in the workspace",
};

/** The visibilities offered on a log form: `set` only to someone who takes part in a set. */
export function offeredVisibilities(takesPartInASet: boolean): LogVisibility[] {
  return takesPartInASet ? ["private", "set", "workspace"] : ["private", "workspace"];
}

export const VISIBILITY_SHORT: Record<LogVisibility, string> = {
  private: "Private",
  set: "Set",
  workspace: "Workspace",
};

/** Deleted logs stay in the bin this long, then are purged. */
export const BIN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** At most one periodic snapshot per this much editing activity. */
export const SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
