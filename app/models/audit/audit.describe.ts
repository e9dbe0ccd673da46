import { ROLE_LABELS, type Role } from "../access/access.policy";

/*
 * Plain-English labels and descriptions of audit events, for owners reading the audit log.
 * A domain that records a new kind adds its label here; unknown kinds still read sensibly.
 */
export const AUDIT_KIND_LABELS: Record<string, string> = {
  "auth.signed_up": "Account created",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in blocked (too many attempts)",
  "auth.sign_out": "Signed out",
  "auth.password_changed": "Password changed",
  "auth.password_change_failed": "Password change refused",
  "auth.session_revoked": "Session ended",
  "account.display_name_changed": "Name changed",
  "access.denied": "Access refused",
  "workspace.created": "Workspace created",
  "membership.invited": "Invitation created",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "membership.role_changed": "Role changed",
  "membership.agency_changed": "Agency recorded",
  "membership.removed": "Member removed",
  "agency.created": "Agency added",
  "agency.updated": "Agency edited",
  "agency.archived": "Agency archived",
  "agency.unarchived": "Agency restored",
};

/** "log.version_restored" → "Log version restored" when no label is known. */
export function auditKindLabel(kind: string): string {
  const known = AUDIT_KIND_LABELS[kind];
  if (known) return known;
  const words = kind.replace(/[._]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Event";
}

function text(detail: Record<string, unknown> | null, key: string): string | null {
  const value = detail?.[key];
  return typeof value === "string" && value ? value : null;
}

function roleLabel(value: unknown): string {
  return typeof value === "string" && value in ROLE_LABELS ? ROLE_LABELS[value as Role] : "an unknown role";
}

function quoted(value: string | null, fallback: string): string {
  return value ? `“${value}”` : fallback;
}

/** One sentence about what happened, written without the actor (shown in its own column). */
export function describeAuditEvent(event: { kind: string; detail: Record<string, unknown> | null; targetType?: string | null; targetName?: string | null }): string {
  const d = event.detail;
  const member = text(d, "memberName") ?? text(d, "memberEmail") ?? "a member";
  switch (event.kind) {
    case "auth.signed_up":
      return "Created their Praxis account.";
    case "auth.sign_in":
      return "Signed in.";
    case "auth.sign_in_failed":
      return `Tried to sign in${text(d, "email") ? ` as ${text(d, "email")}` : ""} with the wrong password.`;
    case "auth.sign_in_throttled":
      return `Sign-in${text(d, "email") ? ` as ${text(d, "email")}` : ""} refused: too many failed attempts in 15 minutes.`;
    case "auth.sign_out":
      return "Signed out.";
    case "auth.password_changed": {
      const n = typeof d?.endedSessions === "number" ? d.endedSessions : null;
      if (n === null) return "Changed their password.";
      return `Changed their password; ${n === 0 ? "no other sessions were open" : `${n} other ${n === 1 ? "session was" : "sessions were"} ended`}.`;
    }
    case "auth.password_change_failed":
      return "Tried to change their password but gave the wrong current password.";
    case "auth.session_revoked":
      return "Ended one of their other signed-in sessions.";
    case "account.display_name_changed":
      return `Changed their name from ${quoted(text(d, "from"), "their old name")} to ${quoted(text(d, "to"), "a new name")}.`;
    case "access.denied": {
      const path = text(d, "path");
      const reason = text(d, "reason");
      const why = reason === "not-a-member" ? "not a member" : text(d, "role") ? `role ${roleLabel(d?.role)}` : null;
      return `Was refused access${path ? ` to ${path}` : ""}${why ? ` (${why})` : ""}.`;
    }
    case "workspace.created":
      return "Created the workspace.";
    case "membership.invited": {
      const note = text(d, "note");
      return `Created an invitation link for the role ${roleLabel(d?.role)}${note ? ` (note: ${note})` : ""}.`;
    }
    case "invitation.revoked": {
      const note = text(d, "note");
      return `Revoked an unused invitation for the role ${roleLabel(d?.role)}${note ? ` (note: ${note})` : ""}.`;
    }
    case "invitation.accepted":
      return `Joined the workspace as ${roleLabel(d?.role)} using an invitation link.`;
    case "membership.role_changed":
      return `Changed ${member}’s role from ${roleLabel(d?.from)} to ${roleLabel(d?.to)}.`;
    case "membership.agency_changed": {
      const agency = text(d, "agencyName");
      return agency ? `Recorded that ${member} works for ${agency}.` : `Cleared the agency recorded for ${member}.`;
    }
    case "membership.removed":
      return `Removed ${member} (${roleLabel(d?.role)}) from the workspace.`;
    case "agency.created":
      return `Added the agency ${quoted(text(d, "name"), "(unnamed)")}.`;
    case "agency.updated": {
      const to = d?.to && typeof d.to === "object" ? (d.to as Record<string, unknown>) : null;
      const from = d?.from && typeof d.from === "object" ? (d.from as Record<string, unknown>) : null;
      const toName = text(to, "name");
      const fromName = text(from, "name");
      if (fromName && toName && fromName !== toName) return `Renamed the agency ${quoted(fromName, "")} to ${quoted(toName, "")}.`;
      return `Edited the agency ${quoted(toName ?? fromName, "(unnamed)")}.`;
    }
    case "agency.archived":
      return `Archived the agency ${quoted(text(d, "name"), "(unnamed)")}.`;
    case "agency.unarchived":
      return `Restored the archived agency ${quoted(text(d, "name"), "(unnamed)")}.`;
    default: {
      // A log is named only when the reader may read it; otherwise the entry still says what kind of thing it was.
      if (event.targetType === "log") return `${auditKindLabel(event.kind)}: ${event.targetName ? quoted(event.targetName, "") : "a learning log you cannot read"}.`;
      const title = event.targetName ?? text(d, "title") ?? text(d, "name");
      return `${auditKindLabel(event.kind)}${title ? `: ${quoted(title, "")}` : ""}.`;
    }
  }
}
