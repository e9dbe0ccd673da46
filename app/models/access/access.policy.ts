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

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members, roles and workspace settings",
  facilitator: "Runs action learning sets; manages inquiries, sets, meetings and templates",
  analyst: "Stewards the evidence: cases, journeys, spend, unit costs and indicators",
  member: "Writes logs, creates insights, links evidence and joins sets",
  evaluator: "Reads workspace-shared material, comments and exports summaries; never edits logs",
};
