import { and, asc, eq, inArray, or } from "drizzle-orm";

import { unitCosts } from "../../../db/schema/costs";
import { db } from "../../utils/db.server";
import { containsText, financialYearStart, formatPence, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

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

function toTarget(row: { id: string; costCode: string; description: string; unit: string; fiscalCostPence: number; priceYear: string; source: string; confidence: string }): LinkTarget {
  const year = /^(\d{4})/.exec(row.priceYear)?.[1];
  return {
    id: row.id,
    label: `${row.description}: ${formatPence(row.fiscalCostPence)} per ${row.unit} (${row.priceYear} prices)`,
    detail: [row.costCode, `${row.confidence} confidence`, row.source ? `Source: ${row.source}` : null].filter(Boolean).join(" · "),
    // Unit costs are the GMCA's national figures, not one partner's account: no agency.
    agencyId: null,
    datedAt: year ? financialYearStart(Number(year)) : null,
    priceYear: row.priceYear,
  };
}

export async function searchUnitCostTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(columns)
    .from(unitCosts)
    .where(
      and(
        eq(unitCosts.workspaceId, workspaceId),
        q ? or(containsText(unitCosts.description, q), containsText(unitCosts.costCode, q), containsText(unitCosts.outcomeCategory, q)) : undefined,
      ),
    )
    .orderBy(asc(unitCosts.description))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getUnitCostTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), inArray(unitCosts.id, ids)))
    .orderBy(asc(unitCosts.description));
  return rows.map(toTarget);
}
