import { createInsight } from "../../../app/models/insight/insight.server";
import type { GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** An insight in world A recorded by its member. */
async function insight(world: GuardWorld) {
  const { id } = await createInsight({ userId: world.a.users.member.id }, world.a.id, {
    statement: "Guarded insight about duplicated assessments",
    kind: "barrier",
    status: "emerging",
    confidence: "low",
    barrierLevel: "local",
    relayedTo: "",
  });
  return { ws: world.a.slug, id };
}

/** Everyone in the workspace reads insights; everyone but evaluators records and links them. */
const editors = () => workspaceGuard({ evaluator: 403 });

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.insights._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: editors() },
  { file: "w.$ws.insights.$id.tsx", params: insight, search: "?pick=case&q=x", loader: workspaceGuard({}), action: editors() },
  { file: "w.$ws.insights.options.ts", params: (w) => ({ ws: w.a.slug }), search: "?q=guarded", loader: editors() },
  { file: "w.$ws.insights.$id_.targets.ts", params: insight, search: "?pick=inquiry&q=", loader: editors() },
  { file: "w.$ws.barriers.tsx", params: (w) => ({ ws: w.a.slug }), search: "?level=national", loader: workspaceGuard({}) },
];
