import { and, asc, eq, inArray } from "drizzle-orm";

import { indicators } from "../../../db/schema/indicators";
import { db } from "../../utils/db.server";
import { containsText, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

/*
 * Indicators by name. Their dated values belong to the indicators domain (not in the base
 * schema this branch builds on), so an insight shows a linked indicator by name, unit and polarity.
 */

const columns = { id: indicators.id, name: indicators.name, unit: indicators.unit, polarity: indicators.polarity };

function toTarget(row: { id: string; name: string; unit: string; polarity: string }): LinkTarget {
  return {
    id: row.id,
    label: row.name,
    detail: [row.unit, row.polarity === "higher_is_better" ? "higher is better" : "lower is better"].filter(Boolean).join(" · "),
    agencyId: null,
    datedAt: null,
  };
}

export async function searchIndicatorTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(columns)
    .from(indicators)
    .where(and(eq(indicators.workspaceId, workspaceId), q ? containsText(indicators.name, q) : undefined))
    .orderBy(asc(indicators.name))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getIndicatorTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(indicators)
    .where(and(eq(indicators.workspaceId, workspaceId), inArray(indicators.id, ids)))
    .orderBy(asc(indicators.name));
  return rows.map(toTarget);
}
