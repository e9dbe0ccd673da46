import type { RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

export const ENTRIES: RouteGuardEntry[] = [
  {
    file: "w.$ws.settings.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({ default: 403, owner: "allow" }),
    action: workspaceGuard({ default: 403, owner: "allow" }),
  },
];
