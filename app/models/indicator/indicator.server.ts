import { and, asc, desc, eq, inArray, not } from "drizzle-orm";

import { agencies } from "../../../db/schema/core";
import { indicatorActions, indicatorAgencies, indicatorDecisions, indicators, indicatorValues, savingsEstimates } from "../../../db/schema/indicators";
import { actions, decisions } from "../../../db/schema/learning";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { visibleActionSql } from "../action/action-visibility.server";
import { recordAudit } from "../audit/audit.server";
import { listInsightsLinkedTo } from "../insight/insight.server";
import { InputError } from "../set/input-error";
import type { Actor } from "../set/set.server";
import { parseDecimal } from "./decimal";
import type { IndicatorFields, ValueFields } from "./indicator.schema";
import { parsePeriod } from "./period";
import type { TrendPoint } from "./trend";

export type IndicatorSummary = {
  id: string;
  name: string;
  unit: string;
  polarity: (typeof indicators.$inferSelect)["polarity"];
  code: string;
  points: TrendPoint[];
};

function toPoint(row: { period: string; periodStart: number; value: string; valueMicros: number }): TrendPoint {
  return { period: row.period, start: row.periodStart, value: row.value, micros: row.valueMicros };
}

/** The workspace's indicators with their values, by name. */
export async function listIndicators(workspaceId: string): Promise<IndicatorSummary[]> {
  const rows = await db()
    .select({ id: indicators.id, name: indicators.name, unit: indicators.unit, polarity: indicators.polarity, code: indicators.code })
    .from(indicators)
    .where(eq(indicators.workspaceId, workspaceId))
    .orderBy(asc(indicators.name));
  const values = rows.length
    ? await db()
        .select()
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, rows.map((r) => r.id)))
        .orderBy(asc(indicatorValues.periodStart))
    : [];
  return rows.map((r) => ({ ...r, points: values.filter((v) => v.indicatorId === r.id).map(toPoint) }));
}

export async function findIndicator(workspaceId: string, indicatorId: string, tx: Tx = db()) {
  const [row] = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.id, indicatorId), eq(indicators.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/**
 * One indicator with everything its page shows. Linked actions are filtered by what the viewer
 * may see: what is said in a set stays in the set, even when an action is linked to an indicator.
 */
export async function getIndicator({ workspaceId, indicatorId, userId }: { workspaceId: string; indicatorId: string; userId: string }) {
  const indicator = await findIndicator(workspaceId, indicatorId);
  if (!indicator) return null;
  const [values, partners, linkedActions, linkedDecisions, estimates] = await Promise.all([
    db().select().from(indicatorValues).where(eq(indicatorValues.indicatorId, indicatorId)).orderBy(asc(indicatorValues.periodStart)),
    db()
      .select({ id: agencies.id, name: agencies.name })
      .from(indicatorAgencies)
      .innerJoin(agencies, eq(agencies.id, indicatorAgencies.agencyId))
      .where(eq(indicatorAgencies.indicatorId, indicatorId))
      .orderBy(asc(agencies.name)),
    db()
      .select({ id: actions.id, description: actions.description, status: actions.status, dueOn: actions.dueOn })
      .from(indicatorActions)
      .innerJoin(actions, eq(actions.id, indicatorActions.actionId))
      .where(and(eq(indicatorActions.indicatorId, indicatorId), eq(actions.workspaceId, workspaceId), visibleActionSql(userId)))
      .orderBy(asc(actions.dueOn)),
    db()
      .select({ id: decisions.id, decision: decisions.decision, decidedOn: decisions.decidedOn })
      .from(indicatorDecisions)
      .innerJoin(decisions, eq(decisions.id, indicatorDecisions.decisionId))
      .where(and(eq(indicatorDecisions.indicatorId, indicatorId), eq(decisions.workspaceId, workspaceId)))
      .orderBy(desc(decisions.decidedOn)),
    db()
      .select({ id: savingsEstimates.id, title: savingsEstimates.title, confidence: savingsEstimates.confidence, priceYear: savingsEstimates.priceYear })
      .from(savingsEstimates)
      .where(and(eq(savingsEstimates.indicatorId, indicatorId), eq(savingsEstimates.workspaceId, workspaceId)))
      .orderBy(desc(savingsEstimates.createdAt)),
  ]);
  return {
    indicator,
    values: values.map((v) => ({ id: v.id, period: v.period, periodStart: v.periodStart, value: v.value, valueMicros: v.valueMicros, note: v.note, source: v.source })),
    partners,
    actions: linkedActions,
    decisions: linkedDecisions,
    estimates,
  };
}

/** The actions and decisions an editor may link: those of the workspace the editor can see. */
export async function listLinkOptions(workspaceId: string, userId: string) {
  const [actionOptions, decisionOptions] = await Promise.all([
    db()
      .select({ id: actions.id, description: actions.description })
      .from(actions)
      .where(and(eq(actions.workspaceId, workspaceId), visibleActionSql(userId)))
      .orderBy(desc(actions.createdAt))
      .limit(200),
    db().select({ id: decisions.id, decision: decisions.decision }).from(decisions).where(eq(decisions.workspaceId, workspaceId)).orderBy(desc(decisions.decidedOn)).limit(200),
  ]);
  return { actions: actionOptions, decisions: decisionOptions };
}

function referenceColumns(fields: IndicatorFields) {
  const baseline = fields.baselinePeriod ? { period: parsePeriod(fields.baselinePeriod), value: parseDecimal(fields.baselineValue) } : null;
  const target = fields.targetPeriod ? { period: parsePeriod(fields.targetPeriod), value: parseDecimal(fields.targetValue) } : null;
  return {
    baselinePeriod: baseline?.period?.label ?? null,
    baselineValue: baseline?.value?.text ?? null,
    baselineMicros: baseline?.value?.scaled ?? null,
    targetPeriod: target?.period?.label ?? null,
    targetValue: target?.value?.text ?? null,
    targetMicros: target?.value?.scaled ?? null,
  };
}

async function assertLinks(tx: Tx, workspaceId: string, userId: string, fields: IndicatorFields) {
  const errors: Record<string, string[]> = {};
  const agencyIds = [...new Set(fields.agencyIds)];
  const actionIds = [...new Set(fields.actionIds)];
  const decisionIds = [...new Set(fields.decisionIds)];
  if (agencyIds.length) {
    const found = await tx.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.workspaceId, workspaceId), inArray(agencies.id, agencyIds)));
    if (found.length !== agencyIds.length) errors.agencyIds = ["Choose partner agencies of this workspace"];
  }
  if (actionIds.length) {
    const found = await tx
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.workspaceId, workspaceId), inArray(actions.id, actionIds), visibleActionSql(userId)));
    if (found.length !== actionIds.length) errors.actionIds = ["Choose actions of this workspace"];
  }
  if (decisionIds.length) {
    const found = await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.workspaceId, workspaceId), inArray(decisions.id, decisionIds)));
    if (found.length !== decisionIds.length) errors.decisionIds = ["Choose decisions of this workspace"];
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return { agencyIds, actionIds, decisionIds };
}

async function writeLinks(tx: Tx, indicatorId: string, links: { agencyIds: string[]; actionIds: string[]; decisionIds: string[] }) {
  await tx.delete(indicatorAgencies).where(eq(indicatorAgencies.indicatorId, indicatorId));
  await tx.delete(indicatorActions).where(eq(indicatorActions.indicatorId, indicatorId));
  await tx.delete(indicatorDecisions).where(eq(indicatorDecisions.indicatorId, indicatorId));
  if (links.agencyIds.length) await tx.insert(indicatorAgencies).values(links.agencyIds.map((agencyId) => ({ indicatorId, agencyId })));
  if (links.actionIds.length) await tx.insert(indicatorActions).values(links.actionIds.map((actionId) => ({ indicatorId, actionId })));
  if (links.decisionIds.length) await tx.insert(indicatorDecisions).values(links.decisionIds.map((decisionId) => ({ indicatorId, decisionId })));
}

export async function createIndicator(actor: Actor, workspaceId: string, fields: IndicatorFields, tx0: Tx = db()): Promise<{ id: string }> {
  return tx0.transaction(async (tx) => {
    const links = await assertLinks(tx, workspaceId, actor.userId, fields);
    const id = newId();
    await tx.insert(indicators).values({
      id,
      workspaceId,
      name: fields.name,
      unit: fields.unit,
      polarity: fields.polarity,
      code: fields.code,
      story: fields.story,
      ...referenceColumns(fields),
      createdBy: actor.userId,
    });
    await writeLinks(tx, id, links);
    await recordAudit({ kind: "indicator.created", workspaceId, actorUserId: actor.userId, targetType: "indicator", targetId: id, detail: { name: fields.name }, ipAddress: actor.ipAddress }, tx);
    return { id };
  });
}

/** False when the indicator is not in the workspace. */
export async function updateIndicator(actor: Actor, workspaceId: string, indicatorId: string, fields: IndicatorFields): Promise<boolean> {
  return db().transaction(async (tx) => {
    if (!(await findIndicator(workspaceId, indicatorId, tx))) return false;
    const links = await assertLinks(tx, workspaceId, actor.userId, fields);
    // Links to set actions the editor cannot see stay: the form never showed them to be unticked.
    const hidden = await tx
      .select({ id: actions.id })
      .from(indicatorActions)
      .innerJoin(actions, eq(actions.id, indicatorActions.actionId))
      .where(and(eq(indicatorActions.indicatorId, indicatorId), not(visibleActionSql(actor.userId))));
    links.actionIds = [...new Set([...links.actionIds, ...hidden.map((h) => h.id)])];
    await tx
      .update(indicators)
      .set({ name: fields.name, unit: fields.unit, polarity: fields.polarity, code: fields.code, story: fields.story, ...referenceColumns(fields), updatedAt: Date.now() })
      .where(eq(indicators.id, indicatorId));
    await writeLinks(tx, indicatorId, links);
    await recordAudit({ kind: "indicator.updated", workspaceId, actorUserId: actor.userId, targetType: "indicator", targetId: indicatorId, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

/** One value of one indicator of the workspace, or null. */
async function findValue(tx: Tx, workspaceId: string, indicatorId: string, valueId: string) {
  if (!(await findIndicator(workspaceId, indicatorId, tx))) return null;
  const [row] = await tx
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.id, valueId), eq(indicatorValues.indicatorId, indicatorId)))
    .limit(1);
  return row ?? null;
}

/** One value per period: refuses a period another value of the indicator holds. */
async function assertPeriodFree(tx: Tx, indicatorId: string, period: string, exceptValueId?: string) {
  const [clash] = await tx
    .select({ id: indicatorValues.id })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.period, period), exceptValueId ? not(eq(indicatorValues.id, exceptValueId)) : undefined))
    .limit(1);
  if (clash) throw new InputError({ period: [`There is already a value for ${period}: change that value instead`] });
}

/** Adds one value; refuses a second value for the same period (change the one held instead). */
export async function addIndicatorValue(actor: Actor, workspaceId: string, indicatorId: string, fields: ValueFields, tx0: Tx = db()): Promise<boolean> {
  const period = parsePeriod(fields.period);
  const value = parseDecimal(fields.value);
  if (!period || !value) throw new InputError({ form: ["Enter a valid period and value"] });
  return tx0.transaction(async (tx) => {
    if (!(await findIndicator(workspaceId, indicatorId, tx))) return false;
    await assertPeriodFree(tx, indicatorId, period.label);
    const id = newId();
    await tx.insert(indicatorValues).values({
      id,
      indicatorId,
      period: period.label,
      periodStart: period.start,
      value: value.text,
      valueMicros: value.scaled,
      note: fields.note,
      source: fields.source,
      createdBy: actor.userId,
    });
    await tx.update(indicators).set({ updatedAt: Date.now() }).where(eq(indicators.id, indicatorId));
    await recordAudit(
      { kind: "indicator.value_added", workspaceId, actorUserId: actor.userId, targetType: "indicator", targetId: indicatorId, detail: { period: period.label, value: value.text }, ipAddress: actor.ipAddress },
      tx,
    );
    return true;
  });
}

export async function deleteIndicatorValue(actor: Actor, workspaceId: string, indicatorId: string, valueId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const row = await findValue(tx, workspaceId, indicatorId, valueId);
    if (!row) return false;
    await tx.delete(indicatorValues).where(eq(indicatorValues.id, valueId));
    await recordAudit(
      { kind: "indicator.value_deleted", workspaceId, actorUserId: actor.userId, targetType: "indicator", targetId: indicatorId, detail: { period: row.period, value: row.value }, ipAddress: actor.ipAddress },
      tx,
    );
    return true;
  });
}

/**
 * Changes one value in place (period, value, note, source) under the same rules as adding one:
 * a period another value already holds is refused. False when the value is not this indicator's.
 */
export async function updateIndicatorValue(actor: Actor, workspaceId: string, indicatorId: string, valueId: string, fields: ValueFields): Promise<boolean> {
  const period = parsePeriod(fields.period);
  const value = parseDecimal(fields.value);
  if (!period || !value) throw new InputError({ form: ["Enter a valid period and value"] });
  return db().transaction(async (tx) => {
    const row = await findValue(tx, workspaceId, indicatorId, valueId);
    if (!row) return false;
    await assertPeriodFree(tx, indicatorId, period.label, valueId);
    const now = Date.now();
    const after = { period: period.label, value: value.text, note: fields.note, source: fields.source };
    await tx
      .update(indicatorValues)
      .set({ ...after, periodStart: period.start, valueMicros: value.scaled, updatedAt: now })
      .where(eq(indicatorValues.id, valueId));
    await tx.update(indicators).set({ updatedAt: now }).where(eq(indicators.id, indicatorId));
    const before = { period: row.period, value: row.value, note: row.note, source: row.source };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    await recordAudit(
      {
        kind: "indicator.value_updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "indicator",
        targetId: indicatorId,
        detail: { valueId, changed, before, after },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

/**
 * What deleting an indicator takes with it, for the confirmation step: its values and savings
 * estimates are deleted; insights, actions and decisions stay but lose their link to it; partner
 * agencies stay. Counts every linked action, including set actions the viewer cannot see (those
 * are counted, never named).
 */
export async function getIndicatorDeletionImpact({ workspaceId, indicatorId, userId }: { workspaceId: string; indicatorId: string; userId: string }, tx: Tx = db()) {
  if (!(await findIndicator(workspaceId, indicatorId, tx))) return null;
  const [values, estimates, insights, linkedActions, linkedDecisions, partners] = await Promise.all([
    tx.select({ id: indicatorValues.id }).from(indicatorValues).where(eq(indicatorValues.indicatorId, indicatorId)),
    tx
      .select({ id: savingsEstimates.id, title: savingsEstimates.title })
      .from(savingsEstimates)
      .where(and(eq(savingsEstimates.indicatorId, indicatorId), eq(savingsEstimates.workspaceId, workspaceId)))
      .orderBy(asc(savingsEstimates.title)),
    listInsightsLinkedTo(workspaceId, "indicator", indicatorId, tx),
    tx
      .select({ id: actions.id, description: actions.description, visible: visibleActionSql(userId) })
      .from(indicatorActions)
      .innerJoin(actions, eq(actions.id, indicatorActions.actionId))
      .where(eq(indicatorActions.indicatorId, indicatorId)),
    tx.select({ id: indicatorDecisions.decisionId }).from(indicatorDecisions).where(eq(indicatorDecisions.indicatorId, indicatorId)),
    tx.select({ id: indicatorAgencies.agencyId }).from(indicatorAgencies).where(eq(indicatorAgencies.indicatorId, indicatorId)),
  ]);
  return {
    values: values.length,
    estimates,
    insights,
    actions: linkedActions.length,
    hiddenActions: linkedActions.filter((a) => !a.visible).length,
    decisions: linkedDecisions.length,
    partners: partners.length,
  };
}

/**
 * Deletes an indicator in one transaction: its values, partner list, links to actions, decisions
 * and insights, and its savings estimates go with it (the schema cascades them); the actions,
 * decisions, insights and agencies themselves stay. Audited with what went. False when the
 * indicator is not in the workspace.
 */
export async function deleteIndicator(actor: Actor, workspaceId: string, indicatorId: string): Promise<{ name: string } | null> {
  return db().transaction(async (tx) => {
    const indicator = await findIndicator(workspaceId, indicatorId, tx);
    if (!indicator) return null;
    const impact = await getIndicatorDeletionImpact({ workspaceId, indicatorId, userId: actor.userId }, tx);
    if (!impact) return null;
    await tx.delete(indicators).where(and(eq(indicators.id, indicatorId), eq(indicators.workspaceId, workspaceId)));
    await recordAudit(
      {
        kind: "indicator.deleted",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "indicator",
        targetId: indicatorId,
        detail: {
          name: indicator.name,
          values: impact.values,
          savingsEstimates: impact.estimates.map((e) => e.title),
          insightsUnlinked: impact.insights.length,
          actionsUnlinked: impact.actions,
          decisionsUnlinked: impact.decisions,
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { name: indicator.name };
  });
}
