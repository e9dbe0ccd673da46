import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { cases, journeyEvents } from "../../../db/schema/cases";
import { unitCosts } from "../../../db/schema/costs";
import { indicators } from "../../../db/schema/indicators";
import { actions, decisions, inquiries } from "../../../db/schema/learning";
import { spendLines } from "../../../db/schema/spend";

/*
 * Rows of the evidence tables, inserted directly: their domains (cases, spend, unit costs,
 * indicators) are built on other branches, and an insight only needs the rows to exist.
 */

export async function makeCase(workspaceId: string, reference: string, owningAgencyId: string | null = null): Promise<string> {
  const id = newId();
  await db().insert(cases).values({ id, workspaceId, reference, owningAgencyId });
  return id;
}

export async function makeJourneyEvent(workspaceId: string, caseId: string, input: { occurredOn: string; kind: "assessment" | "crisis"; agencyId: string | null; description: string }): Promise<string> {
  const id = newId();
  await db()
    .insert(journeyEvents)
    .values({ id, workspaceId, caseId, occurredOn: Date.parse(`${input.occurredOn}T00:00:00Z`), kind: input.kind, agencyId: input.agencyId, recordingAgencyId: input.agencyId, service: "Family support", description: input.description });
  return id;
}

export async function makeSpendLine(workspaceId: string, input: { financialYear: number; agencyId: string | null; service: string; amountPence: number }): Promise<string> {
  const id = newId();
  await db().insert(spendLines).values({ id, workspaceId, category: "children_and_families", source: "Council budget book", ...input });
  return id;
}

export async function makeUnitCost(workspaceId: string, input: { description: string; priceYear: string; fiscalCostPence: number }): Promise<string> {
  const id = newId();
  await db().insert(unitCosts).values({ id, workspaceId, unit: "year", source: "GMCA Unit Cost Database", ...input });
  return id;
}

export async function makeIndicator(workspaceId: string, name: string): Promise<string> {
  const id = newId();
  await db().insert(indicators).values({ id, workspaceId, name, unit: "children", polarity: "lower_is_better" });
  return id;
}

export async function makeInquiry(workspaceId: string, question: string): Promise<string> {
  const id = newId();
  await db().insert(inquiries).values({ id, workspaceId, question, position: 0 });
  return id;
}

export async function makeAction(workspaceId: string, ownerId: string, description: string, setId: string | null = null): Promise<string> {
  const id = newId();
  await db().insert(actions).values({ id, workspaceId, ownerId, description, setId });
  return id;
}

export async function makeDecision(workspaceId: string, decision: string): Promise<string> {
  const id = newId();
  await db().insert(decisions).values({ id, workspaceId, decision, decidedOn: Date.UTC(2015, 5, 1) });
  return id;
}
