import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { unitCosts } from "../../../db/schema/costs";
import { db, type Tx } from "../../utils/db.server";

/*
 * Read-only view of the unit-cost library for costing journey events. The library itself (its
 * pages, import and uprating) belongs to the unit-costs domain.
 */

export type UnitCostOption = { id: string; costCode: string; description: string; unit: string; fiscalCostPence: number; priceYear: string; source: string };

const columns = {
  id: unitCosts.id,
  costCode: unitCosts.costCode,
  description: unitCosts.description,
  unit: unitCosts.unit,
  fiscalCostPence: unitCosts.fiscalCostPence,
  priceYear: unitCosts.priceYear,
  source: unitCosts.source,
};

export async function listUnitCostOptions(workspaceId: string): Promise<UnitCostOption[]> {
  return db().select(columns).from(unitCosts).where(eq(unitCosts.workspaceId, workspaceId)).orderBy(asc(unitCosts.costCode), asc(unitCosts.description));
}

export async function findUnitCosts(tx: Tx, workspaceId: string, ids: string[]): Promise<Map<string, UnitCostOption>> {
  if (!ids.length) return new Map();
  const rows = await tx.select(columns).from(unitCosts).where(and(eq(unitCosts.workspaceId, workspaceId), inArray(unitCosts.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** By cost code, ignoring case (as a CSV names it); keyed upper-case; the first entry when a code repeats. */
export async function findUnitCostsByCode(tx: Tx, workspaceId: string, codes: string[]): Promise<Map<string, UnitCostOption>> {
  if (!codes.length) return new Map();
  const rows = await tx.select(columns).from(unitCosts).where(and(eq(unitCosts.workspaceId, workspaceId), inArray(sql`upper(${unitCosts.costCode})`, codes.map((c) => c.toUpperCase())))).orderBy(asc(unitCosts.createdAt));
  const out = new Map<string, UnitCostOption>();
  for (const r of rows) if (!out.has(r.costCode.toUpperCase())) out.set(r.costCode.toUpperCase(), r);
  return out;
}
