import { and, asc, count, eq, inArray } from "drizzle-orm";

import { journeyEvents } from "../../../db/schema/cases";
import { unitCosts, unitCostSettings } from "../../../db/schema/costs";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { casesUsingUnitCosts, refreshCaseTotals } from "../case/case-totals.server";
import { commitStagedImport } from "../import/staged-import.server";
import { parseFinancialYear } from "./financial-year";
import { parsePence } from "./money";
import type { UnitCostFields, UnitCostPreview } from "./unit-cost-import.server";
import { DEFAULT_IMPLAUSIBLE_FACTOR, DEFAULT_STALE_AFTER_YEARS, type UnitCostSettingsValues } from "./unit-cost.policy";
import type { UnitCostForm } from "./unit-cost.schema";

export type Actor = { userId: string; ipAddress?: string };

export type { UnitCostFields };

const columns = {
  id: unitCosts.id,
  costCode: unitCosts.costCode,
  outcomeCategory: unitCosts.outcomeCategory,
  outcomeDetail: unitCosts.outcomeDetail,
  description: unitCosts.description,
  unit: unitCosts.unit,
  fiscalCostPence: unitCosts.fiscalCostPence,
  agency: unitCosts.agency,
  agencyDetail: unitCosts.agencyDetail,
  priceYear: unitCosts.priceYear,
  source: unitCosts.source,
  confidence: unitCosts.confidence,
  importId: unitCosts.importId,
  updatedAt: unitCosts.updatedAt,
};

export type UnitCostRow = { id: string; importId: string | null; updatedAt: number } & UnitCostFields;

/** The library, in outcome order (category, detail, then code). Unit costs are read by every member. */
export async function listUnitCosts(workspaceId: string): Promise<UnitCostRow[]> {
  return db()
    .select(columns)
    .from(unitCosts)
    .where(eq(unitCosts.workspaceId, workspaceId))
    .orderBy(asc(unitCosts.outcomeCategory), asc(unitCosts.outcomeDetail), asc(unitCosts.costCode), asc(unitCosts.description));
}

export async function getUnitCost(workspaceId: string, id: string): Promise<UnitCostRow | null> {
  const [row] = await db()
    .select(columns)
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), eq(unitCosts.id, id)))
    .limit(1);
  return row ?? null;
}

/** How many journey events are costed with this entry (deleting it leaves them uncosted). */
export async function countEventsCostedWith(workspaceId: string, id: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(journeyEvents)
    .where(and(eq(journeyEvents.workspaceId, workspaceId), eq(journeyEvents.unitCostId, id)));
  return row?.n ?? 0;
}

/** The entry with this cost code, for other domains' seeds and lookups. */
export async function findUnitCostByCode(workspaceId: string, costCode: string, tx: Tx = db()): Promise<UnitCostRow | null> {
  const [row] = await tx
    .select(columns)
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), eq(unitCosts.costCode, costCode)))
    .limit(1);
  return row ?? null;
}

/** Form values → stored fields (the schema has already checked that both parse). */
export function fieldsFromForm(form: UnitCostForm): UnitCostFields {
  const fiscalCostPence = parsePence(form.fiscalCost);
  const priceYear = parseFinancialYear(form.priceYear);
  if (fiscalCostPence === null || priceYear === null) throw new TypeError("Unit cost form values were not validated");
  return { ...form, fiscalCostPence, priceYear };
}

export async function createUnitCost(actor: Actor, workspaceId: string, fields: UnitCostFields, tx: Tx = db()): Promise<{ id: string }> {
  const id = newId();
  await tx.insert(unitCosts).values({ id, workspaceId, ...fields, createdBy: actor.userId });
  await recordAudit({ kind: "unit_cost.created", workspaceId, actorUserId: actor.userId, targetType: "unit_cost", targetId: id, detail: { costCode: fields.costCode }, ipAddress: actor.ipAddress }, tx);
  return { id };
}

/** Returns false when the entry is not in the workspace. */
export async function updateUnitCost(actor: Actor, workspaceId: string, id: string, fields: UnitCostFields): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .update(unitCosts)
      .set({ ...fields, updatedAt: Date.now() })
      .where(and(eq(unitCosts.id, id), eq(unitCosts.workspaceId, workspaceId)))
      .returning({ id: unitCosts.id });
    if (rows.length === 0) return false;
    // The events costed by this entry now cost something else: their cases' totals follow.
    await refreshCaseTotals(tx, await casesUsingUnitCosts(tx, workspaceId, [id]));
    await recordAudit({ kind: "unit_cost.updated", workspaceId, actorUserId: actor.userId, targetType: "unit_cost", targetId: id, detail: { costCode: fields.costCode }, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

/** Returns false when the entry is not in the workspace. */
export async function deleteUnitCost(actor: Actor, workspaceId: string, id: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    // Deleting leaves those events uncosted (set null): read their cases first.
    const affected = await casesUsingUnitCosts(tx, workspaceId, [id]);
    const rows = await tx
      .delete(unitCosts)
      .where(and(eq(unitCosts.id, id), eq(unitCosts.workspaceId, workspaceId)))
      .returning({ id: unitCosts.id, costCode: unitCosts.costCode });
    if (rows.length === 0) return false;
    await refreshCaseTotals(tx, affected);
    await recordAudit({ kind: "unit_cost.deleted", workspaceId, actorUserId: actor.userId, targetType: "unit_cost", targetId: id, detail: { costCode: rows[0].costCode }, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

/**
 * Writes entries keyed by cost code: an entry whose code is already in the library is replaced,
 * one without a code is always added. Used by the import's commit and by the demo seed.
 */
export async function upsertUnitCostsByCode(
  tx: Tx,
  workspaceId: string,
  entries: UnitCostFields[],
  meta: { createdBy: string | null; importId?: string | null },
): Promise<{ added: number; replaced: number }> {
  const codes = [...new Set(entries.map((e) => e.costCode).filter(Boolean))];
  const existing = codes.length
    ? await tx
        .select({ id: unitCosts.id, costCode: unitCosts.costCode })
        .from(unitCosts)
        .where(and(eq(unitCosts.workspaceId, workspaceId), inArray(unitCosts.costCode, codes)))
    : [];
  const byCode = new Map(existing.map((e) => [e.costCode, e.id]));
  let added = 0;
  let replaced = 0;
  const replacedIds: string[] = [];
  for (const fields of entries) {
    const id = fields.costCode ? byCode.get(fields.costCode) : undefined;
    if (id) {
      await tx
        .update(unitCosts)
        .set({ ...fields, importId: meta.importId ?? null, updatedAt: Date.now() })
        .where(eq(unitCosts.id, id));
      replaced++;
      replacedIds.push(id);
    } else {
      const newEntryId = newId();
      await tx.insert(unitCosts).values({ id: newEntryId, workspaceId, ...fields, importId: meta.importId ?? null, createdBy: meta.createdBy });
      if (fields.costCode) byCode.set(fields.costCode, newEntryId);
      added++;
    }
  }
  await refreshCaseTotals(tx, await casesUsingUnitCosts(tx, workspaceId, replacedIds));
  return { added, replaced };
}

/** How many of a preview's rows would replace existing entries (same cost code). */
export async function countReplacements(workspaceId: string, preview: UnitCostPreview): Promise<number> {
  const codes = [...new Set(preview.rows.map((r) => r.fields.costCode).filter(Boolean))];
  if (!codes.length) return 0;
  const existing = await db()
    .select({ costCode: unitCosts.costCode })
    .from(unitCosts)
    .where(and(eq(unitCosts.workspaceId, workspaceId), inArray(unitCosts.costCode, codes)));
  return existing.length;
}

export class UnreadableRowsError extends Error {}

/** Commits a unit-cost preview: every row or none. */
export async function commitUnitCostImport(actor: Actor, workspaceId: string, importId: string) {
  return commitStagedImport<UnitCostPreview>(workspaceId, "unit_costs", importId, async (tx, staged) => {
    if (staged.payload.problems.length) throw new UnreadableRowsError("Nothing was imported: fix the unreadable rows and upload the file again.");
    const result = await upsertUnitCostsByCode(
      tx,
      workspaceId,
      staged.payload.rows.map((r) => r.fields),
      { createdBy: actor.userId, importId },
    );
    await recordAudit(
      { kind: "unit_cost.imported", workspaceId, actorUserId: actor.userId, targetType: "import", targetId: importId, detail: { fileName: staged.fileName, ...result }, ipAddress: actor.ipAddress },
      tx,
    );
    return result;
  });
}

export async function getUnitCostSettings(workspaceId: string): Promise<UnitCostSettingsValues> {
  const [row] = await db()
    .select({ staleAfterYears: unitCostSettings.staleAfterYears, implausibleFactor: unitCostSettings.implausibleFactor })
    .from(unitCostSettings)
    .where(eq(unitCostSettings.workspaceId, workspaceId))
    .limit(1);
  return row ?? { staleAfterYears: DEFAULT_STALE_AFTER_YEARS, implausibleFactor: DEFAULT_IMPLAUSIBLE_FACTOR };
}

export async function saveUnitCostSettings(actor: Actor, workspaceId: string, values: UnitCostSettingsValues): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .insert(unitCostSettings)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: unitCostSettings.workspaceId, set: { ...values, updatedAt: Date.now() } });
    await recordAudit({ kind: "unit_cost.settings_changed", workspaceId, actorUserId: actor.userId, detail: { ...values }, ipAddress: actor.ipAddress }, tx);
  });
}
