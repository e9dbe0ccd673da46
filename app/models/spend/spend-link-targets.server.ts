import { and, desc, eq, inArray, or } from "drizzle-orm";

import { agencies } from "../../../db/schema/core";
import { spendLines } from "../../../db/schema/spend";
import { db } from "../../utils/db.server";
import { containsText, financialYearLabel, financialYearStart, formatPence, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

const columns = {
  id: spendLines.id,
  financialYear: spendLines.financialYear,
  service: spendLines.service,
  category: spendLines.category,
  amountPence: spendLines.amountPence,
  source: spendLines.source,
  agencyId: spendLines.agencyId,
  agencyName: agencies.name,
};

function toTarget(row: { id: string; financialYear: number; service: string; category: string; amountPence: number; source: string; agencyId: string | null; agencyName: string | null }): LinkTarget {
  return {
    id: row.id,
    label: `${row.agencyName ?? "No agency"}: ${row.service || row.category.replaceAll("_", " ")}, ${financialYearLabel(row.financialYear)}, ${formatPence(row.amountPence)}`,
    detail: row.source ? `Source: ${row.source}` : "No source given",
    agencyId: row.agencyId,
    datedAt: financialYearStart(row.financialYear),
  };
}

/** Spend is aggregate evidence every member may read (evidence:read); matches service, category, agency or year. */
export async function searchSpendTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const year = /^\d{4}/.exec(q)?.[0];
  const rows = await db()
    .select(columns)
    .from(spendLines)
    .leftJoin(agencies, eq(agencies.id, spendLines.agencyId))
    .where(
      and(
        eq(spendLines.workspaceId, workspaceId),
        q
          ? or(containsText(spendLines.service, q), containsText(spendLines.category, q), containsText(agencies.name, q), year ? eq(spendLines.financialYear, Number(year)) : undefined)
          : undefined,
      ),
    )
    .orderBy(desc(spendLines.financialYear), desc(spendLines.amountPence))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getSpendTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(spendLines)
    .leftJoin(agencies, eq(agencies.id, spendLines.agencyId))
    .where(and(eq(spendLines.workspaceId, workspaceId), inArray(spendLines.id, ids)))
    .orderBy(desc(spendLines.financialYear));
  return rows.map(toTarget);
}
