import { and, eq } from "drizzle-orm";

import { indicatorValues, savingsEstimates } from "../../../db/schema/indicators";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { formatScaled, parsePercentBp } from "../indicator/decimal";
import { findIndicator } from "../indicator/indicator.server";
import { InputError } from "../set/input-error";
import type { Actor } from "../set/set.server";
import { computeSavings } from "./savings";
import type { EstimateFields } from "./savings.schema";
import { findUnitCostOption } from "./unit-cost-options.server";

/**
 * Creates an estimate from two of the indicator's values and a unit cost. The change counted is
 * the improvement between them in the indicator's polarity (fewer placements when lower is
 * better); an estimate of a change for the worse is refused: it would avoid no cost.
 */
export async function createSavingsEstimate(actor: Actor, workspaceId: string, indicatorId: string, fields: EstimateFields, tx0: Tx = db()): Promise<{ id: string } | null> {
  return tx0.transaction(async (tx) => {
    const indicator = await findIndicator(workspaceId, indicatorId, tx);
    if (!indicator) return null;
    const value = async (id: string) =>
      (await tx.select().from(indicatorValues).where(and(eq(indicatorValues.id, id), eq(indicatorValues.indicatorId, indicatorId))).limit(1))[0] ?? null;
    const [from, to] = [await value(fields.fromValueId), await value(fields.toValueId)];
    const errors: Record<string, string[]> = {};
    if (!from) errors.fromValueId = ["Choose a value of this indicator"];
    if (!to) errors.toValueId = ["Choose a value of this indicator"];
    if (from && to && to.periodStart <= from.periodStart) errors.toValueId = ["Choose a later period than the one the change is measured from"];
    const unitCost = await findUnitCostOption(workspaceId, fields.unitCostId, tx);
    if (!unitCost) errors.unitCostId = ["Choose a unit cost from this workspace's library"];
    if (Object.keys(errors).length || !from || !to || !unitCost) throw new InputError(errors);
    const difference = to.valueMicros - from.valueMicros;
    const changeMicros = indicator.polarity === "lower_is_better" ? -difference : difference;
    if (changeMicros <= 0) {
      throw new InputError({ toValueId: [`The indicator did not improve from ${from.period} to ${to.period}, so there is no cost avoided to estimate`] });
    }
    const id = newId();
    const deadweightBp = parsePercentBp(fields.deadweight) ?? 0;
    const attributionBp = parsePercentBp(fields.attribution) ?? 0;
    const optimismBiasBp = parsePercentBp(fields.optimismBias) ?? 0;
    await tx.insert(savingsEstimates).values({
      id,
      workspaceId,
      indicatorId,
      title: fields.title,
      fromPeriod: from.period,
      fromValue: from.value,
      toPeriod: to.period,
      toValue: to.value,
      change: formatScaled(changeMicros),
      changeMicros,
      unitCostId: unitCost.id,
      unitCostCode: unitCost.costCode,
      unitCostDescription: unitCost.description,
      unitCostUnit: unitCost.unit,
      unitCostPence: unitCost.fiscalCostPence,
      unitCostSource: unitCost.source,
      priceYear: unitCost.priceYear,
      deadweightBp,
      attributionBp,
      optimismBiasBp,
      confidence: fields.confidence,
      assumptions: fields.assumptions,
      createdBy: actor.userId,
    });
    const result = computeSavings({ changeMicros, unitCostPence: unitCost.fiscalCostPence, deadweightBp, attributionBp, optimismBiasBp });
    await recordAudit(
      { kind: "savings_estimate.created", workspaceId, actorUserId: actor.userId, targetType: "savings_estimate", targetId: id, detail: { indicatorId, netPence: result.netPence }, ipAddress: actor.ipAddress },
      tx,
    );
    return { id };
  });
}

export async function getSavingsEstimate(workspaceId: string, indicatorId: string, estimateId: string) {
  const [row] = await db()
    .select()
    .from(savingsEstimates)
    .where(and(eq(savingsEstimates.id, estimateId), eq(savingsEstimates.indicatorId, indicatorId), eq(savingsEstimates.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  return { ...row, result: computeSavings(row) };
}

export async function deleteSavingsEstimate(actor: Actor, workspaceId: string, indicatorId: string, estimateId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: savingsEstimates.id, title: savingsEstimates.title })
      .from(savingsEstimates)
      .where(and(eq(savingsEstimates.id, estimateId), eq(savingsEstimates.indicatorId, indicatorId), eq(savingsEstimates.workspaceId, workspaceId)))
      .limit(1);
    if (!row) return false;
    await tx.delete(savingsEstimates).where(eq(savingsEstimates.id, estimateId));
    await recordAudit(
      { kind: "savings_estimate.deleted", workspaceId, actorUserId: actor.userId, targetType: "savings_estimate", targetId: estimateId, detail: { indicatorId, title: row.title }, ipAddress: actor.ipAddress },
      tx,
    );
    return true;
  });
}
