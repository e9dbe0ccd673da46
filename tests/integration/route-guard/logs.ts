import { createLog } from "../../../app/models/log/log.server";
import type { GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** A workspace-visible log written by world A's member (so analysts may read but not manage it). */
async function workspaceLog(world: GuardWorld) {
  const log = await createLog(
    { userId: world.a.users.member.id, role: "member", workspaceId: world.a.id },
    { title: "Guarded log", visibility: "workspace", tags: [], template: "blank" },
  );
  return { ws: world.a.slug, id: log.id };
}

export const ENTRIES: RouteGuardEntry[] = [
  // Comments: anyone who may read the log, evaluators included (comment-only access).
  { file: "w.$ws.logs.$id_.comments.tsx", params: workspaceLog, loader: workspaceGuard({}), action: workspaceGuard({}) },
  { file: "w.$ws.mentions.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: workspaceGuard({}) },
  { file: "w.$ws.logs._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}) },
  {
    file: "w.$ws.logs.new.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({ evaluator: 403 }),
    action: workspaceGuard({ evaluator: 403 }),
  },
  {
    file: "w.$ws.logs.$id.tsx",
    params: workspaceLog,
    loader: workspaceGuard({}),
    // Managing a log: its authors, facilitators and owners; evaluators never edit logs.
    action: workspaceGuard({ evaluator: 403, analyst: 403 }),
  },
  {
    file: "w.$ws.logs.$id_.history.tsx",
    params: workspaceLog,
    loader: workspaceGuard({}),
    action: workspaceGuard({ evaluator: 403 }),
  },
  {
    file: "w.$ws.logs.bin.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({ evaluator: 403 }),
    action: workspaceGuard({ evaluator: 403 }),
  },
  { file: "w.$ws.search.tsx", params: (w) => ({ ws: w.a.slug }), search: "?q=guarded", loader: workspaceGuard({}) },
];
