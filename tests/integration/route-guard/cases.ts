import { addJourneyEvent } from "../../../app/models/case/case.server";
import { createStagedImport, stageJourneyCsv } from "../../../app/models/case/journey-import.server";
import { newId } from "../../../app/utils/ids";
import { makeAgency, makeCase } from "../../helpers/factories";
import type { GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

async function aCase(world: GuardWorld) {
  return { ws: world.a.slug, id: await makeCase(world.a) };
}

async function aStagedImport(world: GuardWorld) {
  const id = await makeCase(world.a);
  const bytes = new TextEncoder().encode("date,agency,kind\n2015-03-14,Nowhere,contact\n");
  const importId = await createStagedImport({ userId: world.a.owner.id }, world.a.id, "bad.csv", bytes, await stageJourneyCsv(world.a.id, id, bytes));
  return { ws: world.a.slug, id, importId };
}

async function anEvent(world: GuardWorld) {
  const id = await makeCase(world.a);
  const agencyId = await makeAgency(world.a.id, `Guard agency ${newId().slice(0, 6)}`);
  const eventId = await addJourneyEvent({ userId: world.a.owner.id }, world.a.id, id, { occurredOn: "2015-03-14", agencyId, kind: "contact", approach: "reactive", service: "", description: "", cost: "10.00", quantity: "", overrideReason: "" });
  return { ws: world.a.slug, id, eventId: String(eventId) };
}

/** Evidence stewards (owner, analyst) in; everyone else may read but not change. */
const stewards = () => workspaceGuard({ default: 403, owner: "allow", analyst: "allow" });

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.criteria.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: workspaceGuard({ member: 403, evaluator: 403 }) },
  { file: "w.$ws.cases._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: stewards() },
  // Everyone may read a case (after giving a purpose) and give a purpose (visibility.test.ts); any
  // other intent (adding an event, changing or deleting the case) is refused before the form is read.
  { file: "w.$ws.cases.$id._index.tsx", params: aCase, loader: workspaceGuard({}), action: stewards() },
  // Changing or deleting a journey event; the empty form deletes nothing (no confirmation).
  { file: "w.$ws.cases.$id.events.$eventId.tsx", params: anEvent, loader: stewards(), action: stewards() },
  { file: "w.$ws.cases.$id.import._index.tsx", params: aCase, loader: stewards(), action: stewards() },
  { file: "w.$ws.cases.$id.import.$importId.tsx", params: aStagedImport, loader: stewards(), action: stewards() },
  { file: "w.$ws.cases.import-template[.csv].ts", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}) },
];
