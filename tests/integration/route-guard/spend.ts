import { makeSpendImport } from "../../helpers/factories";
import type { GuardExpectation, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** Evidence stewards (owner, analyst) manage spend; everyone in the workspace reads the place count. */
const stewards = (): GuardExpectation =>
  workspaceGuard({ default: 403, owner: "allow", analyst: "allow" });

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.spend._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}) },
  {
    file: "w.$ws.spend.aggregates[.csv].ts",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({}),
  },
  {
    file: "w.$ws.spend.lines.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: workspaceGuard({}),
    action: stewards(),
  },
  {
    file: "w.$ws.spend.import._index.tsx",
    params: (w) => ({ ws: w.a.slug }),
    loader: stewards(),
    action: stewards(),
  },
  {
    file: "w.$ws.spend.import.template[.csv].ts",
    params: (w) => ({ ws: w.a.slug }),
    loader: stewards(),
  },
  {
    file: "w.$ws.spend.import.$importId.tsx",
    params: async (w) => ({
      ws: w.a.slug,
      importId: await makeSpendImport(w.a, w.a.users.analyst.id),
    }),
    loader: stewards(),
    action: stewards(),
  },
];
