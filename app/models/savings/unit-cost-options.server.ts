import { and, asc, eq } from "drizzle-orm";

import { unitCosts } from "../../../db/schema/costs";
import { db, type Tx } from "../../utils/db.server";

/*
 * Read-only access to the unit-cost library (owned by the unit costs domain) for savings
 * estimates: the estimate copies the figures it uses, so nothing here writes.
 */
const columns = {
  id: unitCosts.id,
  costCode: unitCosts.costCode,
  description: unitCosts.description,
  unit: unitCosts.unit,
  fiscalCostPence: unitCosts.fiscalCostPence,
  priceYear: unitCosts.priceYear,
  source: unitCosts.source,
  confidence: unitCosts.confidence,
};

export type UnitCostOption = { id: string; costCode: string; description: string; unit: string; fiscalCostPence: number; priceYear: string; source: string; confidence: "high" | "medium" | "low" };

export async function listUnitCostOptions(workspaceId: string): Promise<UnitCostOption[]> {
  return db().select(columns).from(unitCosts).where(eq(unitCosts.workspaceId, workspaceId)).orderBy(asc(unitCosts.description));
}

export async function findUnitCostOption(workspaceId: string, unitCostId: string, tx: Tx = db()): Promise<UnitCostOption | null> {
  const [row] = await tx
    .select(columns)
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), eq(unitCosts.id, unitCostId)))
    .limit(1);
  return row ?? null;
}

export async function findUnitCostByCode(workspaceId: string, costCode: string, tx: Tx = db()): Promise<UnitCostOption | null> {
  const [row] = await tx
    .select(columns)
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), eq(unitCosts.costCode, costCode)))
    .limit(1);
  return row ?? null;
}
