import { createInvitation } from "../../../app/models/membership/invitation.server";
import { EVERY_ROLE, workspaceGuard, type GuardExpectation, type GuardWorld, type RouteGuardEntry } from "./types";

/** Public routes: anyone, signed in or not, gets an answer that is not a server error. */
const PUBLIC: GuardExpectation = { anonymous: "public", foreign: "public", roles: EVERY_ROLE("public") };

/** Per-person routes (/w, /w/new, /account): any signed-in person, whatever their workspaces. */
const SIGNED_IN: GuardExpectation = { anonymous: "redirect-login", foreign: "allow", roles: EVERY_ROLE("allow") };

/** A pending invitation to workspace A, as an owner of A would create it. */
async function pendingInvitation(world: GuardWorld) {
  const invitation = await createInvitation({ userId: world.a.owner.id }, world.a.id, { role: "member" });
  return { token: invitation.token };
}

export const ENTRIES: RouteGuardEntry[] = [
  { file: "_index.tsx", params: () => ({}), loader: PUBLIC },
  { file: "login.tsx", params: () => ({}), loader: PUBLIC, action: PUBLIC },
  { file: "signup.tsx", params: () => ({}), loader: PUBLIC, action: PUBLIC },
  { file: "logout.tsx", params: () => ({}), loader: PUBLIC, action: PUBLIC },
  { file: "healthz.ts", params: () => ({}), loader: PUBLIC },
  { file: "account.tsx", params: () => ({}), loader: SIGNED_IN, action: SIGNED_IN },
  { file: "w._index.tsx", params: () => ({}), loader: SIGNED_IN },
  { file: "w.new.tsx", params: () => ({}), loader: SIGNED_IN, action: SIGNED_IN },
  {
    file: "invite.$token.tsx",
    params: pendingInvitation,
    // Whoever holds the link may see what it is for.
    loader: PUBLIC,
    // Joining needs an account. The foreign caller (a member of B only) is exactly who a link is
    // for and joins A; A's members are told they already belong and the link stays unused.
    action: SIGNED_IN,
  },
  { file: "w.$ws.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}) },
  { file: "w.$ws._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}) },
  {
    file: "w.$ws.members.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({ evaluator: 403 }),
    action: workspaceGuard({ default: 403, owner: "allow" }),
  },
  {
    file: "w.$ws.agencies.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({}),
    action: workspaceGuard({ default: 403, owner: "allow", facilitator: "allow" }),
  },
  {
    file: "w.$ws.audit.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({ default: 403, owner: "allow" }),
  },
];
