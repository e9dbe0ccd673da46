import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";

import { caseCriteria, cases, journeyEvents } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { localities } from "../../../db/schema/places";
import { db } from "../../utils/db.server";
import { disclose, disclosedText } from "../export/disclosure";
import { eventCostSql } from "./case-totals.server";
import { renderJourneyChart } from "./journey-chart";


/**
 * Case evidence in aggregate for a learning summary: no event descriptions, no household detail,
 * no reference codes beyond those the summary links to. The caller applies disclosure control.
 */
export async function summariseCaseEvidence(
  workspaceId: string,
  window: { from?: number; to?: number },
  highTariff: { minCriteria: number; minAgencies: number },
) {
  const eventConditions: SQL[] = [eq(journeyEvents.workspaceId, workspaceId)];
  if (window.from !== undefined) eventConditions.push(gte(journeyEvents.occurredOn, window.from));
  if (window.to !== undefined) eventConditions.push(lte(journeyEvents.occurredOn, window.to));
  const perCase = await db()
    .select({
      caseId: cases.id,
      locality: localities.name,
      criteria: sql<number>`(select count(*) from ${caseCriteria} where ${caseCriteria.caseId} = ${cases.id})`,
    })
    .from(cases)
    .leftJoin(localities, eq(localities.id, cases.localityId))
    .where(eq(cases.workspaceId, workspaceId))
    .orderBy(asc(cases.reference));
  const events = await db()
    .select({ caseId: journeyEvents.caseId, agencyId: journeyEvents.agencyId, cost: eventCostSql })
    .from(journeyEvents)
    .leftJoin(unitCosts, eq(unitCosts.id, journeyEvents.unitCostId))
    .where(and(...eventConditions));
  const agencies = new Set<string>();
  const byCase = new Map<string, { agencies: Set<string>; cost: number }>();
  for (const e of events) {
    if (e.agencyId) agencies.add(e.agencyId);
    const entry = byCase.get(e.caseId) ?? { agencies: new Set<string>(), cost: 0 };
    if (e.agencyId) entry.agencies.add(e.agencyId);
    entry.cost += Number(e.cost);
    byCase.set(e.caseId, entry);
  }
  const localityTotals = new Map<string, { families: number; cost: number }>();
  let highTariffFamilies = 0;
  let costToDate = 0;
  for (const c of perCase) {
    const facts = byCase.get(c.caseId);
    costToDate += facts?.cost ?? 0;
    if (
      Number(c.criteria) >= highTariff.minCriteria ||
      (facts?.agencies.size ?? 0) >= highTariff.minAgencies
    )
      highTariffFamilies += 1;
    const key = c.locality ?? "Locality not recorded";
    const total = localityTotals.get(key) ?? { families: 0, cost: 0 };
    total.families += 1;
    total.cost += facts?.cost ?? 0;
    localityTotals.set(key, total);
  }
  return {
    families: perCase.length,
    highTariffFamilies,
    journeyEvents: events.length,
    agenciesInvolved: agencies.size,
    costToDatePence: costToDate,
    byLocality: [...localityTotals.entries()].map(([locality, t]) => ({
      locality,
      families: t.families,
      costPence: t.cost,
    })),
  };
}

const MONTH_FLOOR = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/**
 * The journey pictures of the cases a summary links to, de-identified as the rest of the board
 * sees them: agencies as lanes, kinds, approach, cost, and dates to the month only; never an
 * event's description, household member or exact day.
 */
export async function journeyChartsForExport(workspaceId: string, caseIds: string[]) {
  if (caseIds.length === 0) return new Map<string, { reference: string; svg: string; width: number; height: number; alt: string }>();
  const rows = await db()
    .select({
      caseId: journeyEvents.caseId,
      reference: cases.reference,
      id: journeyEvents.id,
      occurredOn: journeyEvents.occurredOn,
      agencyId: journeyEvents.agencyId,
      agency: agencies.name,
      kind: journeyEvents.kind,
      approach: journeyEvents.approach,
      cost: eventCostSql,
    })
    .from(journeyEvents)
    .innerJoin(cases, eq(cases.id, journeyEvents.caseId))
    .leftJoin(agencies, eq(agencies.id, journeyEvents.agencyId))
    .leftJoin(unitCosts, eq(unitCosts.id, journeyEvents.unitCostId))
    .where(and(eq(journeyEvents.workspaceId, workspaceId), inArray(journeyEvents.caseId, caseIds)))
    .orderBy(asc(journeyEvents.occurredOn));
  const out = new Map<string, { reference: string; svg: string; width: number; height: number; alt: string }>();
  for (const caseId of caseIds) {
    const own = rows.filter((r) => r.caseId === caseId);
    if (own.length === 0) continue;
    const lanes = [...new Map(own.map((r) => [r.agencyId ?? "none", { id: r.agencyId ?? "none", name: r.agency ?? "Agency not recorded" }])).values()];
    const width = 960;
    const svg = renderJourneyChart({
      title: `Journey of case ${own[0].reference}`,
      width,
      lanes,
      events: own.map((r) => ({ id: r.id, occurredOn: MONTH_FLOOR(r.occurredOn), laneId: r.agencyId ?? "none", kind: r.kind, approach: r.approach, costPence: Number(r.cost) || null })),
    });
    const height = Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)?.[1] ?? 600);
    out.set(caseId, {
      reference: own[0].reference,
      svg,
      width,
      height,
      alt: `${disclosedText(disclose(own.length))} events across ${lanes.length.toLocaleString("en-GB")} agencies (dates to the month; no descriptions).`,
    });
  }
  return out;
}
