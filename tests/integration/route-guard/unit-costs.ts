import { createStagedImport } from "../../../app/models/import/staged-import.server";
import { makeUnitCost } from "../../helpers/factories";
import type { GuardExpectation, GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** Evidence stewards (analysts and owners) manage; everyone in the workspace reads. */
const stewards = (): GuardExpectation => workspaceGuard({ default: 403, owner: "allow", analyst: "allow" });

async function unitCost(world: GuardWorld) {
  const { id } = await makeUnitCost(world.a);
  return { ws: world.a.slug, id };
}

async function stagedImport(world: GuardWorld) {
  const { id } = await createStagedImport({
    workspaceId: world.a.id,
    kind: "unit_costs",
    fileName: "costs.csv",
    fileSha256: "0".repeat(64),
    payload: { format: "csv", sheet: null, encoding: "utf-8", headerRow: 1, columns: [], rows: [], problems: [{ number: 2, messages: ["Unit is empty"] }] },
    summary: { rows: 0, unreadable: 1 },
    createdBy: world.a.owner.id,
  });
  return { ws: world.a.slug, importId: id };
}

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.unit-costs._index.tsx", params: (w) => ({ ws: w.a.slug }), search: "?year=2015-16", loader: workspaceGuard({}), action: stewards() },
  // Editing is a steward's page: others may read the library but not open an entry's edit form.
  { file: "w.$ws.unit-costs.$id.tsx", params: unitCost, loader: stewards(), action: stewards() },
  { file: "w.$ws.unit-costs.import._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: stewards(), action: stewards() },
  { file: "w.$ws.unit-costs.import.$importId.tsx", params: stagedImport, loader: stewards(), action: stewards() },
  { file: "w.$ws.unit-costs.deflators.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: stewards() },
];
