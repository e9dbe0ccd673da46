import { and, asc, eq, inArray } from "drizzle-orm";

import { deflatorIndices, deflatorSeries } from "../../../db/schema/costs";
import { db } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { compareFinancialYears } from "../unit-cost/financial-year";
import type { DeflatorValue } from "./deflator-parse.server";

export type Actor = { userId: string; ipAddress?: string };
export type SeriesMeta = { name: string; release: string; source: string };
export type DeflatorSeriesWithValues = SeriesMeta & { id: string; updatedAt: number; values: DeflatorValue[] };

export async function listDeflatorSeries(workspaceId: string): Promise<DeflatorSeriesWithValues[]> {
  const series = await db()
    .select({ id: deflatorSeries.id, name: deflatorSeries.name, release: deflatorSeries.release, source: deflatorSeries.source, updatedAt: deflatorSeries.updatedAt })
    .from(deflatorSeries)
    .where(eq(deflatorSeries.workspaceId, workspaceId))
    .orderBy(asc(deflatorSeries.createdAt));
  if (!series.length) return [];
  const values = await db()
    .select({ seriesId: deflatorIndices.seriesId, financialYear: deflatorIndices.financialYear, indexMilli: deflatorIndices.indexMilli })
    .from(deflatorIndices)
    .where(inArray(deflatorIndices.seriesId, series.map((s) => s.id)));
  return series.map((s) => ({
    ...s,
    values: values
      .filter((v) => v.seriesId === s.id)
      .map(({ financialYear, indexMilli }) => ({ financialYear, indexMilli }))
      .sort((a, b) => compareFinancialYears(a.financialYear, b.financialYear)),
  }));
}

export async function createDeflatorSeries(actor: Actor, workspaceId: string, meta: SeriesMeta, values: DeflatorValue[]): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    const id = newId();
    await tx.insert(deflatorSeries).values({ id, workspaceId, ...meta, createdBy: actor.userId });
    if (values.length) await tx.insert(deflatorIndices).values(values.map((v) => ({ seriesId: id, ...v })));
    await recordAudit({ kind: "deflator.created", workspaceId, actorUserId: actor.userId, targetType: "deflator_series", targetId: id, detail: { years: values.length }, ipAddress: actor.ipAddress }, tx);
    return { id };
  });
}

/** Replaces the series' details and every value; false when it is not in the workspace. */
export async function updateDeflatorSeries(actor: Actor, workspaceId: string, id: string, meta: SeriesMeta, values: DeflatorValue[]): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .update(deflatorSeries)
      .set({ ...meta, updatedAt: Date.now() })
      .where(and(eq(deflatorSeries.id, id), eq(deflatorSeries.workspaceId, workspaceId)))
      .returning({ id: deflatorSeries.id });
    if (!rows.length) return false;
    await tx.delete(deflatorIndices).where(eq(deflatorIndices.seriesId, id));
    if (values.length) await tx.insert(deflatorIndices).values(values.map((v) => ({ seriesId: id, ...v })));
    await recordAudit({ kind: "deflator.updated", workspaceId, actorUserId: actor.userId, targetType: "deflator_series", targetId: id, detail: { years: values.length }, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

export async function deleteDeflatorSeries(actor: Actor, workspaceId: string, id: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .delete(deflatorSeries)
      .where(and(eq(deflatorSeries.id, id), eq(deflatorSeries.workspaceId, workspaceId)))
      .returning({ id: deflatorSeries.id });
    if (!rows.length) return false;
    await recordAudit({ kind: "deflator.deleted", workspaceId, actorUserId: actor.userId, targetType: "deflator_series", targetId: id, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}
