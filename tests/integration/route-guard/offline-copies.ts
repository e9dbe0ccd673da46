import { EVERY_ROLE, type RouteGuardEntry } from "./types";

export const ENTRIES: RouteGuardEntry[] = [
  {
    // Per person, not per workspace: any signed-in person may ask which of their copies to keep
    // (the answer covers only documents they may write); anonymous callers are sent to /login.
    file: "offline-copies.tsx",
    params: () => ({}),
    action: { anonymous: "redirect-login", foreign: "allow", roles: EVERY_ROLE("allow") },
  },
];
