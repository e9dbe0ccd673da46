import { aliasedTable, and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";

import { caseCriteria, cases, caseTotals, commonCriteria } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { localities } from "../../../db/schema/places";
import { db } from "../../utils/db.server";
import { rankProfiles, spreadFromOrder, spreadIndexes, type CriteriaPair, type Spread } from "./case-evidence";
import { fillMissingCaseTotals } from "./case-totals.server";
import type { HighTariffSort } from "./case.schema";

/*
 * The case list, its summary and the high-tariff list, read from the maintained per-case totals
 * (ADR 011). Only what a page shows leaves the database: one page of rows, the handful of sorted
 * values a median and quartiles need, one row per area and per pair of criteria. Reading a row per
 * case into JavaScript was most of the time at 1,000 cases.
 */

export type ListSort = "reference" | HighTariffSort;
export type Thresholds = { minCriteria: number; minAgencies: number };

const highTariffSql = (t: Thresholds) => sql<number>`(${caseTotals.criteriaCount} >= ${t.minCriteria} or ${caseTotals.agencyCount} >= ${t.minAgencies})`;

const ORDER: Record<HighTariffSort, SQL> = {
  criteria: desc(caseTotals.criteriaCount),
  agencies: desc(caseTotals.agencyCount),
  contacts: desc(caseTotals.contacts),
  cost: desc(caseTotals.costPence),
};

/**
 * Fills the totals of any case without its row (written before the table, or by a direct insert),
 * so no list is silently zero. Loaders call it once, before their reads, not beside them: a write
 * transaction opened beside other reads of the same request would wait on itself.
 */
export async function ensureCaseTotals(workspaceId: string): Promise<void> {
  const [missing] = await db()
    .select({ n: sql<number>`count(*)` })
    .from(cases)
    .leftJoin(caseTotals, eq(caseTotals.caseId, cases.id))
    .where(and(eq(cases.workspaceId, workspaceId), isNull(caseTotals.caseId)));
  if (missing.n) await db().transaction((tx) => fillMissingCaseTotals(tx, workspaceId));
}

/**
 * One page of cases, sorted (highest first by a figure, then by reference; or by reference),
 * optionally only the high-tariff ones. `page` is clamped to the pages there are.
 */
export async function listCasePage(workspaceId: string, options: { sort: ListSort; page: number; perPage: number; highTariff?: Thresholds; thresholds: Thresholds }) {
  const where = and(eq(caseTotals.workspaceId, workspaceId), options.highTariff ? highTariffSql(options.highTariff) : undefined);
  const [{ n }] = await db().select({ n: sql<number>`count(*)` }).from(caseTotals).where(where);
  const pageCount = Math.max(1, Math.ceil(n / options.perPage));
  const page = Math.min(Math.max(Math.trunc(options.page) || 1, 1), pageCount);
  const order = options.sort === "reference" ? [asc(cases.reference)] : [ORDER[options.sort], asc(cases.reference)];
  const rows = await db()
    .select({
      id: cases.id,
      reference: cases.reference,
      status: cases.status,
      localityId: cases.localityId,
      localityName: localities.name,
      owningAgencyName: agencies.name,
      criteriaCount: caseTotals.criteriaCount,
      agencyCount: caseTotals.agencyCount,
      contacts: caseTotals.contacts,
      costPence: caseTotals.costPence,
      highTariff: highTariffSql(options.thresholds),
    })
    .from(caseTotals)
    .innerJoin(cases, eq(cases.id, caseTotals.caseId))
    .leftJoin(localities, eq(localities.id, cases.localityId))
    .leftJoin(agencies, eq(agencies.id, cases.owningAgencyId))
    .where(where)
    .orderBy(...order)
    .limit(options.perPage)
    .offset((page - 1) * options.perPage);
  return { total: n, page, pageCount, rows: rows.map((r) => ({ ...r, highTariff: Boolean(r.highTariff) })) };
}

/**
 * The spreads of cost and of agencies per case, reading only the values at the sorted positions
 * a median and quartiles need (both rankings in one statement).
 */
async function spreadsOf(workspaceId: string, count: number, totals: { costPence: number; agencies: number }): Promise<{ cost: Spread; agencySpread: Spread }> {
  const indexes = spreadIndexes(count);
  if (!indexes.length) return { cost: spreadFromOrder(0, 0, () => 0), agencySpread: spreadFromOrder(0, 0, () => 0) };
  const ranked = db()
    .select({
      cost: sql<number>`${caseTotals.costPence}`.as("cost"),
      agencies: sql<number>`${caseTotals.agencyCount}`.as("agencies"),
      costRank: sql<number>`row_number() over (order by ${caseTotals.costPence}) - 1`.as("cost_rank"),
      agencyRank: sql<number>`row_number() over (order by ${caseTotals.agencyCount}) - 1`.as("agency_rank"),
    })
    .from(caseTotals)
    .where(eq(caseTotals.workspaceId, workspaceId))
    .as("ranked");
  const rows = await db()
    .select({ cost: ranked.cost, agencies: ranked.agencies, costRank: ranked.costRank, agencyRank: ranked.agencyRank })
    .from(ranked)
    .where(or(inArray(ranked.costRank, indexes), inArray(ranked.agencyRank, indexes)));
  const costAt = new Map(rows.map((r) => [r.costRank, r.cost]));
  const agenciesAt = new Map(rows.map((r) => [r.agencyRank, r.agencies]));
  return {
    cost: spreadFromOrder(count, totals.costPence, (i) => costAt.get(i) ?? 0),
    agencySpread: spreadFromOrder(count, totals.agencies, (i) => agenciesAt.get(i) ?? 0),
  };
}

/** Across every case of the workspace: totals and spreads of cost and agencies, and each area's cases, high-tariff cases and cost. */
export async function summariseCases(workspaceId: string, thresholds: Thresholds) {
  const places = await db()
    .select({
      localityId: cases.localityId,
      name: localities.name,
      cases: sql<number>`count(*)`,
      highTariff: sql<number>`sum(${highTariffSql(thresholds)})`,
      costPence: sql<number>`sum(${caseTotals.costPence})`,
      contacts: sql<number>`sum(${caseTotals.contacts})`,
      agencies: sql<number>`sum(${caseTotals.agencyCount})`,
    })
    .from(caseTotals)
    .innerJoin(cases, eq(cases.id, caseTotals.caseId))
    .leftJoin(localities, eq(localities.id, cases.localityId))
    .where(eq(caseTotals.workspaceId, workspaceId))
    .groupBy(cases.localityId);
  const sum = (key: "cases" | "costPence" | "contacts" | "agencies") => places.reduce((s, p) => s + p[key], 0);
  const families = sum("cases");
  const { cost, agencySpread } = await spreadsOf(workspaceId, families, { costPence: sum("costPence"), agencies: sum("agencies") });
  return { families, contacts: sum("contacts"), agencyTotal: sum("agencies"), cost, agencySpread, places };
}

/** The pairs of common criteria met together by the most cases, counted in the database. */
export async function listCriteriaProfiles(workspaceId: string, limit = 10): Promise<CriteriaPair[]> {
  const a = aliasedTable(caseCriteria, "a");
  const b = aliasedTable(caseCriteria, "b");
  const ca = aliasedTable(commonCriteria, "ca");
  const cb = aliasedTable(commonCriteria, "cb");
  const rows = await db()
    .select({ first: ca.label, second: cb.label, cases: sql<number>`count(*)` })
    .from(a)
    .innerJoin(ca, eq(ca.id, a.commonCriterionId))
    .innerJoin(b, eq(b.caseId, a.caseId))
    .innerJoin(cb, and(eq(cb.id, b.commonCriterionId), sql`${ca.label} < ${cb.label}`))
    .where(eq(ca.workspaceId, workspaceId))
    .groupBy(ca.label, cb.label);
  return rankProfiles(
    rows.map((r) => ({ criteria: [r.first, r.second], cases: r.cases })),
    limit,
  );
}
