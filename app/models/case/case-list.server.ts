import { aliasedTable, and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";

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

/** The spread of one per-case figure, with only the values at the needed sorted positions read. */
async function spreadOf(workspaceId: string, column: typeof caseTotals.costPence | typeof caseTotals.agencyCount, count: number, total: number): Promise<Spread> {
  const indexes = spreadIndexes(count);
  if (!indexes.length) return spreadFromOrder(0, 0, () => 0);
  const ranked = db()
    .select({ value: sql<number>`${column}`.as("value"), rank: sql<number>`row_number() over (order by ${column}) - 1`.as("rank") })
    .from(caseTotals)
    .where(eq(caseTotals.workspaceId, workspaceId))
    .as("ranked");
  const rows = await db().select({ value: ranked.value, rank: ranked.rank }).from(ranked).where(inArray(ranked.rank, indexes));
  const at = new Map(rows.map((r) => [r.rank, r.value]));
  return spreadFromOrder(count, total, (i) => at.get(i) ?? 0);
}

/** Across every case of the workspace: totals and spreads of cost and agencies, and each area's cases, high-tariff cases and cost. */
export async function summariseCases(workspaceId: string, thresholds: Thresholds) {
  const [totals] = await db()
    .select({
      families: sql<number>`count(*)`,
      contacts: sql<number>`coalesce(sum(${caseTotals.contacts}), 0)`,
      costPence: sql<number>`coalesce(sum(${caseTotals.costPence}), 0)`,
      agencies: sql<number>`coalesce(sum(${caseTotals.agencyCount}), 0)`,
    })
    .from(caseTotals)
    .where(eq(caseTotals.workspaceId, workspaceId));
  const [cost, agencySpread, places] = await Promise.all([
    spreadOf(workspaceId, caseTotals.costPence, totals.families, totals.costPence),
    spreadOf(workspaceId, caseTotals.agencyCount, totals.families, totals.agencies),
    db()
      .select({
        localityId: cases.localityId,
        name: localities.name,
        cases: sql<number>`count(*)`,
        highTariff: sql<number>`sum(${highTariffSql(thresholds)})`,
        costPence: sql<number>`sum(${caseTotals.costPence})`,
      })
      .from(caseTotals)
      .innerJoin(cases, eq(cases.id, caseTotals.caseId))
      .leftJoin(localities, eq(localities.id, cases.localityId))
      .where(eq(caseTotals.workspaceId, workspaceId))
      .groupBy(cases.localityId),
  ]);
  return { families: totals.families, contacts: totals.contacts, agencyTotal: totals.agencies, cost, agencySpread, places };
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
