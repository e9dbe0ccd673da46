import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { caseCriteria, cases, caseTotals, journeyEvents } from "../../../db/schema/cases";
import { unitCosts } from "../../../db/schema/costs";
import type { Tx } from "../../utils/db.server";

/*
 * The per-case totals behind the case list and the high-tariff list (ADR 011). Each refresh
 * recomputes the named cases from their events and criteria, so a write only has to say which
 * cases it touched, inside its own transaction: the lists then read one narrow row per case
 * instead of grouping every event of the workspace on each request.
 */

/**
 * An event's cost in whole pence, in SQL: explicit, or unit cost × quantity in thousandths rounded
 * half up once (SQLite's integer arithmetic is exact 64-bit; the same rule as costFromUnit).
 */
export const eventCostSql = sql<number>`coalesce(${journeyEvents.costPence}, (${unitCosts.fiscalCostPence} * ${journeyEvents.quantityMilli} + 500) / 1000, 0)`;

const CHUNK = 200;

/** Recomputes the totals of these cases (ids of other workspaces or deleted cases are skipped). */
export async function refreshCaseTotals(tx: Tx, caseIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(caseIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const events = tx
      .select({
        caseId: journeyEvents.caseId,
        agencyCount: sql<number>`count(distinct ${journeyEvents.agencyId})`.as("agency_count"),
        contacts: sql<number>`count(*)`.as("contacts"),
        costPence: sql<number>`sum(${eventCostSql})`.as("cost_pence"),
      })
      .from(journeyEvents)
      .leftJoin(unitCosts, eq(unitCosts.id, journeyEvents.unitCostId))
      .where(inArray(journeyEvents.caseId, chunk))
      .groupBy(journeyEvents.caseId)
      .as("events");
    const rows = await tx
      .select({
        caseId: cases.id,
        workspaceId: cases.workspaceId,
        criteriaCount: sql<number>`(select count(*) from ${caseCriteria} where ${caseCriteria.caseId} = ${cases.id})`,
        agencyCount: sql<number>`coalesce(${events.agencyCount}, 0)`,
        contacts: sql<number>`coalesce(${events.contacts}, 0)`,
        costPence: sql<number>`coalesce(${events.costPence}, 0)`,
      })
      .from(cases)
      .leftJoin(events, eq(events.caseId, cases.id))
      .where(inArray(cases.id, chunk));
    if (!rows.length) continue;
    await tx
      .insert(caseTotals)
      .values(rows)
      .onConflictDoUpdate({
        target: caseTotals.caseId,
        set: {
          criteriaCount: sql`excluded.criteria_count`,
          agencyCount: sql`excluded.agency_count`,
          contacts: sql`excluded.contacts`,
          costPence: sql`excluded.cost_pence`,
        },
      });
  }
}

/** The cases whose events are costed by these unit costs: a change to the unit cost changes their totals. */
export async function casesUsingUnitCosts(tx: Tx, workspaceId: string, unitCostIds: string[]): Promise<string[]> {
  if (!unitCostIds.length) return [];
  const rows = await tx
    .selectDistinct({ caseId: journeyEvents.caseId })
    .from(journeyEvents)
    .where(and(eq(journeyEvents.workspaceId, workspaceId), inArray(journeyEvents.unitCostId, unitCostIds)));
  return rows.map((r) => r.caseId);
}

/** Cases written before the totals table existed (or by a direct insert) get their row here. */
export async function fillMissingCaseTotals(tx: Tx, workspaceId: string): Promise<number> {
  const missing = await tx
    .select({ id: cases.id })
    .from(cases)
    .leftJoin(caseTotals, eq(caseTotals.caseId, cases.id))
    .where(and(eq(cases.workspaceId, workspaceId), isNull(caseTotals.caseId)));
  if (missing.length) await refreshCaseTotals(tx, missing.map((m) => m.id));
  return missing.length;
}
