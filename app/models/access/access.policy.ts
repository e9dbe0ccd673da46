import type { Role } from "../../../db/schema/core";

export type { Role };

/**
 * The one permission table. A route's guard names a permission; the role held in that workspace
 * decides. Object-level rules (log visibility, set membership, authorship) are in each domain's
 * policy and build on these.
 */
export const PERMISSIONS = {
  "workspace:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "workspace:settings": ["owner"],
  "workspace:delete": ["owner"],
  "members:read": ["owner", "facilitator", "analyst", "member"],
  "members:manage": ["owner"],
  "agencies:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "agencies:manage": ["owner", "facilitator"],
  "audit:read": ["owner"],
  "log:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "log:create": ["owner", "facilitator", "analyst", "member"],
  "log:edit": ["owner", "facilitator", "analyst", "member"],
  "log:comment": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "search:use": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "inquiry:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "inquiry:manage": ["owner", "facilitator"],
  "set:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "set:manage": ["owner", "facilitator"],
  "action:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "action:update": ["owner", "facilitator", "analyst", "member"],
  "decision:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "decision:manage": ["owner", "facilitator"],
  "evidence:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "evidence:manage": ["owner", "analyst"],
  "criteria:manage": ["owner", "facilitator", "analyst"],
  "export:create": ["owner", "facilitator", "evaluator"],
  "insight:read": ["owner", "facilitator", "analyst", "member", "evaluator"],
  "insight:edit": ["owner", "facilitator", "analyst", "member"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  facilitator: "Facilitator",
  analyst: "Analyst",
  member: "Member",
  evaluator: "Evaluator",
};

/*
 * What each role can do *in what Praxis has now* (issue 8, item 14): when a feature lands, its
 * engineer adds it to these sentences. Shown on the members page and on invitations.
 */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything a facilitator and an analyst can do; manages members, roles, invitations and workspace settings, reads the audit log and exports learning summaries",
  facilitator: "Runs action learning sets and their meetings; manages inquiry questions, board decisions, partner agencies and vulnerability criteria; exports learning summaries",
  analyst: "Stewards the evidence: cases and their journeys, spend and its imports, unit costs and outcome indicators; writes logs and insights like a member",
  member: "Writes learning logs, creates insights and links evidence to them, comments, takes part in learning sets and reports back on actions",
  evaluator: "Reads what is shared with the workspace, comments on logs and exports learning summaries; never edits logs",
};
