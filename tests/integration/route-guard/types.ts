import type { Role } from "../../../db/schema/core";
import type { TestUser, TestWorkspace } from "../../helpers/factories";

/**
 * The world every route is called against: workspace A with one signed-in member per role, and
 * workspace B whose owner is the "foreign" user (a member of another workspace only).
 */
export type GuardWorld = {
  a: TestWorkspace & { users: Record<Role, TestUser> };
  b: TestWorkspace;
  foreign: TestUser;
};

/**
 * What a caller may get:
 * - "allow": anything but 401/403/404 and anything but a redirect to /login (400 from an empty
 *   form is fine: the guard let the caller through).
 * - "redirect-login": a redirect to /login (anonymous callers of guarded routes).
 * - 403 / 404: exactly that status.
 * - "public": the route is public; any status but 5xx.
 */
export type Outcome = "allow" | "redirect-login" | 403 | 404 | "public";

export type GuardExpectation = {
  anonymous: Outcome;
  /** A signed-in member of workspace B calling with workspace A's params. */
  foreign: Outcome;
  roles: Record<Role, Outcome>;
};

export type RouteGuardEntry = {
  /** The route file, relative to app/routes, e.g. "w.$ws.members.tsx". */
  file: string;
  /**
   * Creates (in world.a) whatever the route's params point at and returns the params, e.g.
   * { ws: world.a.slug, id: log.id }. Runs once per entry.
   */
  params: (world: GuardWorld) => Promise<Record<string, string>> | Record<string, string>;
  /** Optional search string for the loader call, e.g. "?q=test". */
  search?: string;
  loader?: GuardExpectation;
  action?: GuardExpectation;
};

export const EVERY_ROLE = (outcome: Outcome): Record<Role, Outcome> => ({
  owner: outcome,
  facilitator: outcome,
  analyst: outcome,
  member: outcome,
  evaluator: outcome,
});

/** Shorthand: guarded by workspace membership; every role gets `roles`, foreigners 404. */
export function workspaceGuard(roles: Partial<Record<Role, Outcome>> & { default?: Outcome }): GuardExpectation {
  const base = roles.default ?? "allow";
  return {
    anonymous: "redirect-login",
    foreign: 404,
    roles: {
      owner: roles.owner ?? base,
      facilitator: roles.facilitator ?? base,
      analyst: roles.analyst ?? base,
      member: roles.member ?? base,
      evaluator: roles.evaluator ?? base,
    },
  };
}
