import { and, asc, count, desc, eq, isNull, type SQL } from "drizzle-orm";

import { agencies } from "../../../db/schema/core";
import { localities } from "../../../db/schema/places";
import {
  spendLines,
  spendTotals,
  type SpendApproach,
  type SpendCategory,
} from "../../../db/schema/spend";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { InputError } from "../set/input-error";
import { listAgencyOptions, listLocalityOptions, type SpendActor } from "./spend-import.server";
import { SPEND_APPROACH_KEYS, SPEND_CATEGORY_KEYS } from "./spend-labels";
import { combineShare, parsePence, parseSharePercent, shareOf } from "./spend-money";
import type { SpendFilterInput, SpendLineFields } from "./spend.schema";

export type SpendFilters = Pick<SpendFilterInput, "year" | "agency" | "category" | "area">;

function filterWhere(workspaceId: string, filters: SpendFilters): SQL {
  const conditions: SQL[] = [eq(spendLines.workspaceId, workspaceId)];
  if (filters.year !== undefined) conditions.push(eq(spendLines.financialYear, filters.year));
  if (filters.agency)
    conditions.push(
      filters.agency === "none"
        ? isNull(spendLines.agencyId)
        : eq(spendLines.agencyId, filters.agency),
    );
  if (filters.category) conditions.push(eq(spendLines.category, filters.category as SpendCategory));
  if (filters.area)
    conditions.push(
      filters.area === "none"
        ? isNull(spendLines.localityId)
        : eq(spendLines.localityId, filters.area),
    );
  return and(...conditions) as SQL;
}

/** The same filters over the running totals, where "none" is the empty key. */
function totalsWhere(workspaceId: string, filters: SpendFilters): SQL {
  const conditions: SQL[] = [eq(spendTotals.workspaceId, workspaceId)];
  if (filters.year !== undefined) conditions.push(eq(spendTotals.financialYear, filters.year));
  if (filters.agency)
    conditions.push(eq(spendTotals.agencyKey, filters.agency === "none" ? "" : filters.agency));
  if (filters.category)
    conditions.push(eq(spendTotals.category, filters.category as SpendCategory));
  if (filters.area)
    conditions.push(eq(spendTotals.localityKey, filters.area === "none" ? "" : filters.area));
  return and(...conditions) as SQL;
}

/** A group's money: exact pence, its vulnerable-family share in pence and in basis points. */
export type Money = { lines: number; pence: number; vulnerablePence: number; vulnerableBp: number };
export type Group = Money & { key: string; label: string };

type Acc = { lines: number; pence: number; whole: number; remainder: number };
const zero = (): Acc => ({ lines: 0, pence: 0, whole: 0, remainder: 0 });

function add(into: Acc, from: Acc) {
  into.lines += from.lines;
  into.pence += from.pence;
  into.whole += from.whole;
  into.remainder += from.remainder;
}

function money(acc: Acc): Money {
  const vulnerablePence = combineShare(acc.whole, acc.remainder);
  return {
    lines: acc.lines,
    pence: acc.pence,
    vulnerablePence,
    vulnerableBp: shareOf(vulnerablePence, acc.pence),
  };
}

export type PlaceCount = {
  total: Money;
  byAgency: Group[];
  byCategory: Group[];
  byArea: Group[];
  byYear: Group[];
  byApproach: Group[];
  /** Agency → category → pence, for the stacked bars. */
  agencyCategory: Array<{
    key: string;
    label: string;
    segments: Array<{ category: SpendCategory; pence: number }>;
  }>;
};

const NO_AGENCY = "No agency";
const NO_AREA = "Whole place (no area)";

/**
 * The place count, read from the running totals (spend_totals, kept by triggers on every write of
 * a line): a few hundred rows however many lines there are, rolled up by agency, category, area,
 * year and approach. Sums are integers; the vulnerable-family share is summed exactly (see
 * combineShare).
 */
export async function getPlaceCount(
  workspaceId: string,
  filters: SpendFilters = {},
): Promise<PlaceCount> {
  const rows = await db()
    .select({
      year: spendTotals.financialYear,
      agencyKey: spendTotals.agencyKey,
      category: spendTotals.category,
      localityKey: spendTotals.localityKey,
      approach: spendTotals.approach,
      lines: spendTotals.lines,
      pence: spendTotals.pence,
      whole: spendTotals.shareWhole,
      remainder: spendTotals.shareRemainder,
    })
    .from(spendTotals)
    .where(totalsWhere(workspaceId, filters));
  const [agencyList, localityList] = await Promise.all([
    listAgencyOptions(workspaceId),
    listLocalityOptions(workspaceId),
  ]);
  const agencyName = new Map(agencyList.map((a) => [a.id, a.name]));
  const localityName = new Map(localityList.map((l) => [l.id, l.name]));

  const total = zero();
  const groups = {
    agency: new Map<string, Acc>(),
    category: new Map<string, Acc>(),
    area: new Map<string, Acc>(),
    year: new Map<string, Acc>(),
    approach: new Map<string, Acc>(),
  };
  const matrix = new Map<string, Map<SpendCategory, number>>();
  const bump = (map: Map<string, Acc>, key: string, acc: Acc) => {
    const existing = map.get(key) ?? zero();
    add(existing, acc);
    map.set(key, existing);
  };
  for (const r of rows) {
    const acc: Acc = {
      lines: Number(r.lines),
      pence: Number(r.pence),
      whole: Number(r.whole),
      remainder: Number(r.remainder),
    };
    add(total, acc);
    const agencyKey = r.agencyKey || "none";
    bump(groups.agency, agencyKey, acc);
    bump(groups.category, r.category, acc);
    bump(groups.area, r.localityKey || "none", acc);
    bump(groups.year, String(r.year), acc);
    bump(groups.approach, r.approach, acc);
    const cats = matrix.get(agencyKey) ?? new Map<SpendCategory, number>();
    cats.set(r.category, (cats.get(r.category) ?? 0) + acc.pence);
    matrix.set(agencyKey, cats);
  }
  const list = (
    map: Map<string, Acc>,
    label: (key: string) => string,
    order: "pence" | "key" | string[],
  ) => {
    const out = [...map.entries()].map(([key, acc]) => ({ key, label: label(key), ...money(acc) }));
    if (order === "pence") out.sort((a, b) => b.pence - a.pence || a.label.localeCompare(b.label));
    else if (order === "key") out.sort((a, b) => a.key.localeCompare(b.key));
    else out.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    return out;
  };
  const byAgency = list(
    groups.agency,
    (k) => (k === "none" ? NO_AGENCY : (agencyName.get(k) ?? NO_AGENCY)),
    "pence",
  );
  return {
    total: money(total),
    byAgency,
    byCategory: list(groups.category, (k) => k, SPEND_CATEGORY_KEYS),
    byArea: list(
      groups.area,
      (k) => (k === "none" ? NO_AREA : (localityName.get(k) ?? NO_AREA)),
      "pence",
    ),
    byYear: list(groups.year, (k) => k, "key"),
    byApproach: list(groups.approach, (k) => k, SPEND_APPROACH_KEYS),
    agencyCategory: byAgency.map((a) => ({
      key: a.key,
      label: a.label,
      segments: SPEND_CATEGORY_KEYS.flatMap((category) => {
        const pence = matrix.get(a.key)?.get(category);
        return pence === undefined ? [] : [{ category, pence }];
      }),
    })),
  };
}

/** The choices the filters offer: years present, the workspace's agencies and areas. */
export async function getSpendFilterOptions(workspaceId: string) {
  const [years, agencyList, localityList] = await Promise.all([
    db()
      .selectDistinct({ year: spendTotals.financialYear })
      .from(spendTotals)
      .where(eq(spendTotals.workspaceId, workspaceId))
      .orderBy(asc(spendTotals.financialYear)),
    listAgencyOptions(workspaceId),
    listLocalityOptions(workspaceId),
  ]);
  return { years: years.map((y) => y.year), agencies: agencyList, areas: localityList };
}

export const LINES_PER_PAGE = 50;

export async function listSpendLines(workspaceId: string, filters: SpendFilters, page = 1) {
  const where = filterWhere(workspaceId, filters);
  const [{ n } = { n: 0 }] = await db().select({ n: count() }).from(spendLines).where(where);
  const pageCount = Math.max(1, Math.ceil(n / LINES_PER_PAGE));
  const current = Math.min(page, pageCount);
  const rows = await db()
    .select({
      id: spendLines.id,
      financialYear: spendLines.financialYear,
      agencyId: spendLines.agencyId,
      agencyName: agencies.name,
      service: spendLines.service,
      localityId: spendLines.localityId,
      areaName: localities.name,
      category: spendLines.category,
      amountPence: spendLines.amountPence,
      vulnerableShareBp: spendLines.vulnerableShareBp,
      approach: spendLines.approach,
      source: spendLines.source,
      notes: spendLines.notes,
      importId: spendLines.importId,
    })
    .from(spendLines)
    .leftJoin(agencies, eq(agencies.id, spendLines.agencyId))
    .leftJoin(localities, eq(localities.id, spendLines.localityId))
    .where(where)
    .orderBy(desc(spendLines.financialYear), desc(spendLines.amountPence), asc(spendLines.id))
    .limit(LINES_PER_PAGE)
    .offset((current - 1) * LINES_PER_PAGE);
  return { total: n, page: current, pageCount, rows };
}

async function checkReferences(tx: Tx, workspaceId: string, fields: SpendLineFields) {
  const errors: Record<string, string[]> = {};
  if (
    fields.agencyId &&
    !(await listAgencyOptions(workspaceId, tx)).some((a) => a.id === fields.agencyId)
  )
    errors.agencyId = ["Choose an agency of this workspace"];
  if (
    fields.localityId &&
    !(await listLocalityOptions(workspaceId, tx)).some((l) => l.id === fields.localityId)
  )
    errors.localityId = ["Choose an area of this workspace"];
  if (Object.keys(errors).length) throw new InputError(errors);
}

function values(fields: SpendLineFields) {
  const amount = parsePence(fields.amount);
  if (!amount.ok) throw new InputError({ amount: ["Enter the amount in pounds, such as 1250.00"] });
  return {
    financialYear: fields.financialYear,
    agencyId: fields.agencyId ?? null,
    service: fields.service,
    localityId: fields.localityId ?? null,
    category: fields.category as SpendCategory,
    amountPence: amount.pence,
    vulnerableShareBp: parseSharePercent(fields.vulnerableShare || "0") ?? 0,
    approach: fields.approach as SpendApproach,
    source: fields.source,
    notes: fields.notes,
  };
}

export async function createSpendLine(
  actor: SpendActor,
  workspaceId: string,
  fields: SpendLineFields,
): Promise<{ id: string }> {
  const row = values(fields);
  return db().transaction(async (tx) => {
    await checkReferences(tx, workspaceId, fields);
    const id = newId();
    await tx.insert(spendLines).values({ id, workspaceId, ...row, createdBy: actor.userId });
    await recordAudit(
      {
        kind: "spend.line_created",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "spend_line",
        targetId: id,
        detail: { amountPence: row.amountPence, financialYear: row.financialYear },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { id };
  });
}

/** The columns a person edits on a spend line: what the audit compares before and after. */
const EDITED_COLUMNS = [
  "financialYear",
  "agencyId",
  "service",
  "localityId",
  "category",
  "amountPence",
  "vulnerableShareBp",
  "approach",
  "source",
  "notes",
] as const;

/**
 * False when the line is not in the workspace. Audited with the fields that changed, before and
 * after (amounts in pence, shares in basis points).
 */
export async function updateSpendLine(
  actor: SpendActor,
  workspaceId: string,
  lineId: string,
  fields: SpendLineFields,
): Promise<boolean> {
  const row = values(fields);
  return db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(spendLines)
      .where(and(eq(spendLines.id, lineId), eq(spendLines.workspaceId, workspaceId)))
      .limit(1);
    if (!before) return false;
    await checkReferences(tx, workspaceId, fields);
    await tx
      .update(spendLines)
      .set({ ...row, updatedAt: Date.now() })
      .where(eq(spendLines.id, lineId));
    const changed = EDITED_COLUMNS.filter((k) => before[k] !== row[k]);
    await recordAudit(
      {
        kind: "spend.line_updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "spend_line",
        targetId: lineId,
        detail: {
          changed,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, row[k]])),
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export async function deleteSpendLine(
  actor: SpendActor,
  workspaceId: string,
  lineId: string,
): Promise<boolean> {
  return db().transaction(async (tx) => {
    // The audit keeps what the line said, since the line itself goes.
    const [line] = await tx
      .select({
        amountPence: spendLines.amountPence,
        financialYear: spendLines.financialYear,
        agencyId: spendLines.agencyId,
        service: spendLines.service,
        category: spendLines.category,
        source: spendLines.source,
        importId: spendLines.importId,
      })
      .from(spendLines)
      .where(and(eq(spendLines.id, lineId), eq(spendLines.workspaceId, workspaceId)))
      .limit(1);
    if (!line) return false;
    await tx.delete(spendLines).where(eq(spendLines.id, lineId));
    await recordAudit(
      {
        kind: "spend.line_deleted",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "spend_line",
        targetId: lineId,
        detail: line,
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}
