import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";

import {
  agencyCriteria,
  caseCriteria,
  caseHouseholdMembers,
  caseReadPurposes,
  cases,
  caseSettings,
  commonCriteria,
  journeyEvents,
  type CaseReadPurpose,
  type HouseholdRole,
} from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { localities } from "../../../db/schema/places";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { dayToUtc } from "../meeting/london-time";
import { InputError } from "../set/input-error";
import { findUnitCosts } from "../unit-cost/unit-cost-lookup.server";
import { ROLE_LABELS } from "./case-labels";
import { eventCostSql, refreshCaseTotals } from "./case-totals.server";
import type { CaseFields, CaseSettingsFields, EventFields } from "./case.schema";
import { describeIdentifiers, detectIdentifiers, type IdentifierKind } from "./identifier-detector";
import { formatPence, parsePounds, parseQuantityMilli } from "./money";

export type Actor = { userId: string; ipAddress?: string };

export const DEFAULT_CASE_SETTINGS = { minCriteria: 3, minAgencies: 5, duplicationDays: 28, gapDays: 28 };
export type CaseSettings = typeof DEFAULT_CASE_SETTINGS;

export async function getCaseSettings(workspaceId: string, tx: Tx = db()): Promise<CaseSettings> {
  const [row] = await tx
    .select({ minCriteria: caseSettings.minCriteria, minAgencies: caseSettings.minAgencies, duplicationDays: caseSettings.duplicationDays, gapDays: caseSettings.gapDays })
    .from(caseSettings)
    .where(eq(caseSettings.workspaceId, workspaceId));
  return row ?? DEFAULT_CASE_SETTINGS;
}

export async function updateCaseSettings(actor: Actor, workspaceId: string, fields: CaseSettingsFields): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .insert(caseSettings)
      .values({ workspaceId, ...fields, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: caseSettings.workspaceId, set: { ...fields, updatedBy: actor.userId, updatedAt: Date.now() } });
    await recordAudit({ kind: "criteria.settings_updated", workspaceId, actorUserId: actor.userId, detail: { ...fields }, ipAddress: actor.ipAddress }, tx);
  });
}

/** The workspace's areas (the list is edited in settings). */
export async function listLocalityOptions(workspaceId: string) {
  return db()
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(and(eq(localities.workspaceId, workspaceId), isNull(localities.archivedAt)))
    .orderBy(asc(localities.position), asc(localities.name));
}

export async function listCriteria(workspaceId: string) {
  const [common, own] = await Promise.all([
    db()
      .select({ id: commonCriteria.id, label: commonCriteria.label, description: commonCriteria.description })
      .from(commonCriteria)
      .where(eq(commonCriteria.workspaceId, workspaceId))
      .orderBy(asc(commonCriteria.position), asc(commonCriteria.label)),
    db()
      .select({ id: agencyCriteria.id, label: agencyCriteria.label, agencyId: agencyCriteria.agencyId, agencyName: agencies.name, commonCriterionId: agencyCriteria.commonCriterionId })
      .from(agencyCriteria)
      .innerJoin(agencies, eq(agencies.id, agencyCriteria.agencyId))
      .where(eq(agencyCriteria.workspaceId, workspaceId))
      .orderBy(asc(agencies.name), asc(agencyCriteria.label)),
  ]);
  return { common, own };
}

async function assertAgencies(tx: Tx, workspaceId: string, field: string, ids: Array<string | undefined | null>) {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (!wanted.length) return;
  const rows = await tx.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.workspaceId, workspaceId), inArray(agencies.id, wanted)));
  if (rows.length !== wanted.length) throw new InputError({ [field]: ["Choose an agency of this workspace"] });
}

export async function createCommonCriterion(actor: Actor, workspaceId: string, fields: { label: string; description: string }): Promise<string> {
  return db().transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: commonCriteria.id })
      .from(commonCriteria)
      .where(and(eq(commonCriteria.workspaceId, workspaceId), sql`lower(${commonCriteria.label}) = lower(${fields.label})`));
    if (taken) throw new InputError({ label: ["The common set already has a criterion with this name"] });
    const [{ n }] = await tx.select({ n: sql<number>`count(*)` }).from(commonCriteria).where(eq(commonCriteria.workspaceId, workspaceId));
    const id = newId();
    await tx.insert(commonCriteria).values({ id, workspaceId, label: fields.label, description: fields.description, position: n });
    await recordAudit({ kind: "criteria.common_created", workspaceId, actorUserId: actor.userId, targetType: "common_criterion", targetId: id, ipAddress: actor.ipAddress }, tx);
    return id;
  });
}

export async function createAgencyCriterion(actor: Actor, workspaceId: string, fields: { agencyId: string; label: string; commonCriterionId?: string }): Promise<string> {
  return db().transaction(async (tx) => {
    await assertAgencies(tx, workspaceId, "agencyId", [fields.agencyId]);
    await assertCommonCriterion(tx, workspaceId, fields.commonCriterionId);
    const id = newId();
    await tx.insert(agencyCriteria).values({ id, workspaceId, agencyId: fields.agencyId, label: fields.label, commonCriterionId: fields.commonCriterionId ?? null });
    await recordAudit({ kind: "criteria.agency_created", workspaceId, actorUserId: actor.userId, targetType: "agency_criterion", targetId: id, ipAddress: actor.ipAddress }, tx);
    return id;
  });
}

async function assertCommonCriterion(tx: Tx, workspaceId: string, commonCriterionId: string | undefined) {
  if (!commonCriterionId) return;
  const [found] = await tx.select({ id: commonCriteria.id }).from(commonCriteria).where(and(eq(commonCriteria.id, commonCriterionId), eq(commonCriteria.workspaceId, workspaceId)));
  if (!found) throw new InputError({ commonCriterionId: ["Choose a criterion from this workspace's common set"] });
}

/** Changes an agency's own criterion: its agency, wording and mapping. Returns false when not in the workspace. */
export async function updateAgencyCriterion(actor: Actor, workspaceId: string, criterionId: string, fields: { agencyId: string; label: string; commonCriterionId?: string }): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(agencyCriteria).where(and(eq(agencyCriteria.id, criterionId), eq(agencyCriteria.workspaceId, workspaceId)));
    if (!before) return false;
    await assertAgencies(tx, workspaceId, "agencyId", [fields.agencyId]);
    await assertCommonCriterion(tx, workspaceId, fields.commonCriterionId);
    const after = { agencyId: fields.agencyId, label: fields.label, commonCriterionId: fields.commonCriterionId ?? null };
    await tx.update(agencyCriteria).set({ ...after, updatedAt: Date.now() }).where(eq(agencyCriteria.id, criterionId));
    await recordAudit(
      {
        kind: "criteria.agency_updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "agency_criterion",
        targetId: criterionId,
        detail: { before: { agencyId: before.agencyId, label: before.label, commonCriterionId: before.commonCriterionId }, after },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

/** Returns false when the criterion is not in the workspace. */
export async function deleteAgencyCriterion(actor: Actor, workspaceId: string, criterionId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .delete(agencyCriteria)
      .where(and(eq(agencyCriteria.id, criterionId), eq(agencyCriteria.workspaceId, workspaceId)))
      .returning({ agencyId: agencyCriteria.agencyId, label: agencyCriteria.label, commonCriterionId: agencyCriteria.commonCriterionId });
    if (!rows.length) return false;
    await recordAudit({ kind: "criteria.agency_deleted", workspaceId, actorUserId: actor.userId, targetType: "agency_criterion", targetId: criterionId, detail: { ...rows[0] }, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

function checkIdentifiers(fields: Record<string, string | undefined>, overrideReason: string) {
  const found: Array<{ field: string; kinds: IdentifierKind[] }> = [];
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    const matches = detectIdentifiers(value ?? "");
    if (!matches.length) continue;
    found.push({ field, kinds: [...new Set(matches.map((m) => m.kind))] });
    errors[field] = [describeIdentifiers(matches)];
  }
  if (found.length && overrideReason.length < 10) {
    if (overrideReason) errors.overrideReason = ["Give a reason of at least 10 characters to keep text that looks like a personal identifier"];
    throw new InputError(errors);
  }
  return found;
}

/** The override is audited with the kinds found and the reason, never the text itself. */
async function auditOverride(tx: Tx, actor: Actor, workspaceId: string, targetType: string, targetId: string, found: Array<{ field: string; kinds: IdentifierKind[] }>, reason: string) {
  if (!found.length) return;
  await recordAudit({ kind: "case.identifier_override", workspaceId, actorUserId: actor.userId, targetType, targetId, detail: { fields: found, reason }, ipAddress: actor.ipAddress }, tx);
}

/** The references a case points at must be of this workspace; the reference code must be its own. */
async function assertCaseFields(tx: Tx, workspaceId: string, fields: CaseFields, caseId?: string): Promise<string[]> {
  const [taken] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.workspaceId, workspaceId), eq(cases.reference, fields.reference)));
  if (taken && taken.id !== caseId) throw new InputError({ reference: ["A case with this reference code already exists"] });
  await assertAgencies(tx, workspaceId, "owningAgencyId", [fields.owningAgencyId]);
  if (fields.localityId) {
    const [loc] = await tx.select({ id: localities.id }).from(localities).where(and(eq(localities.id, fields.localityId), eq(localities.workspaceId, workspaceId)));
    if (!loc) throw new InputError({ localityId: ["Choose an area from this workspace's list"] });
  }
  const criteriaIds = [...new Set(fields.criteriaIds)];
  if (criteriaIds.length) {
    const rows = await tx.select({ id: commonCriteria.id }).from(commonCriteria).where(and(eq(commonCriteria.workspaceId, workspaceId), inArray(commonCriteria.id, criteriaIds)));
    if (rows.length !== criteriaIds.length) throw new InputError({ criteriaIds: ["Choose criteria from this workspace's common set"] });
  }
  return criteriaIds;
}

const HOUSEHOLD_FIELDS = [
  ["adult", "adults"],
  ["child", "children"],
  ["grandparent", "grandparents"],
  ["extended_family", "extendedFamily"],
] as const satisfies ReadonlyArray<readonly [HouseholdRole, keyof CaseFields]>;

export async function createCase(actor: Actor, workspaceId: string, fields: CaseFields): Promise<string> {
  const found = checkIdentifiers({ reference: fields.reference }, fields.overrideReason);
  return db().transaction(async (tx) => {
    const criteriaIds = await assertCaseFields(tx, workspaceId, fields);
    const id = newId();
    await tx.insert(cases).values({ id, workspaceId, reference: fields.reference, localityId: fields.localityId ?? null, owningAgencyId: fields.owningAgencyId ?? null, status: fields.status, createdBy: actor.userId });
    let position = 0;
    const members = HOUSEHOLD_FIELDS.flatMap(([role, field]) => Array.from({ length: fields[field] }, (_, i) => ({ id: newId(), caseId: id, role, label: `${ROLE_LABELS[role]} ${i + 1}`, position: position++ })));
    if (members.length) await tx.insert(caseHouseholdMembers).values(members);
    if (criteriaIds.length) await tx.insert(caseCriteria).values(criteriaIds.map((commonCriterionId) => ({ caseId: id, commonCriterionId })));
    await refreshCaseTotals(tx, [id]);
    await recordAudit({ kind: "case.created", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: id, ipAddress: actor.ipAddress }, tx);
    await auditOverride(tx, actor, workspaceId, "case", id, found, fields.overrideReason);
    return id;
  });
}

/**
 * Changes a case's reference, area, owning agency, status, criteria and household. A smaller
 * household count removes the highest-numbered members of that role, refused while an event
 * concerns one of them (the event would silently lose whom it is about). Returns false when the
 * case is not in the workspace.
 */
export async function updateCase(actor: Actor, workspaceId: string, caseId: string, fields: CaseFields): Promise<boolean> {
  const found = checkIdentifiers({ reference: fields.reference }, fields.overrideReason);
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)));
    if (!before) return false;
    const criteriaIds = await assertCaseFields(tx, workspaceId, fields, caseId);
    const members = await tx
      .select({ id: caseHouseholdMembers.id, role: caseHouseholdMembers.role, label: caseHouseholdMembers.label, position: caseHouseholdMembers.position })
      .from(caseHouseholdMembers)
      .where(eq(caseHouseholdMembers.caseId, caseId))
      .orderBy(asc(caseHouseholdMembers.position));
    const number = (label: string) => Number(/(\d+)$/.exec(label)?.[1] ?? 0);
    const toRemove: typeof members = [];
    const toAdd: Array<typeof caseHouseholdMembers.$inferInsert> = [];
    let position = members.reduce((m, r) => Math.max(m, r.position + 1), 0);
    for (const [role, field] of HOUSEHOLD_FIELDS) {
      const ofRole = members.filter((m) => m.role === role).sort((a, b) => number(a.label) - number(b.label));
      const wanted = fields[field];
      toRemove.push(...ofRole.slice(wanted));
      const highest = ofRole.slice(0, wanted).reduce((m, r) => Math.max(m, number(r.label)), 0);
      for (let n = ofRole.length; n < wanted; n += 1) toAdd.push({ id: newId(), caseId, role, label: `${ROLE_LABELS[role]} ${highest + n - ofRole.length + 1}`, position: position++ });
    }
    if (toRemove.length) {
      const used = await tx
        .selectDistinct({ memberId: journeyEvents.householdMemberId })
        .from(journeyEvents)
        .where(and(eq(journeyEvents.caseId, caseId), inArray(journeyEvents.householdMemberId, toRemove.map((m) => m.id))));
      if (used.length) {
        const labels = toRemove.filter((m) => used.some((u) => u.memberId === m.id)).map((m) => m.label);
        throw new InputError({ form: [`${labels.join(" and ")} ${labels.length === 1 ? "is" : "are"} named on journey events: change those events before making the household smaller`] });
      }
      await tx.delete(caseHouseholdMembers).where(inArray(caseHouseholdMembers.id, toRemove.map((m) => m.id)));
    }
    if (toAdd.length) await tx.insert(caseHouseholdMembers).values(toAdd);
    await tx
      .update(cases)
      .set({ reference: fields.reference, localityId: fields.localityId ?? null, owningAgencyId: fields.owningAgencyId ?? null, status: fields.status, updatedAt: Date.now() })
      .where(eq(cases.id, caseId));
    const beforeCriteria = (await tx.select({ id: caseCriteria.commonCriterionId }).from(caseCriteria).where(eq(caseCriteria.caseId, caseId))).map((r) => r.id);
    await tx.delete(caseCriteria).where(eq(caseCriteria.caseId, caseId));
    if (criteriaIds.length) await tx.insert(caseCriteria).values(criteriaIds.map((commonCriterionId) => ({ caseId, commonCriterionId })));
    await refreshCaseTotals(tx, [caseId]);
    const changed = [
      before.reference !== fields.reference && "reference",
      before.localityId !== (fields.localityId ?? null) && "locality",
      before.owningAgencyId !== (fields.owningAgencyId ?? null) && "owning agency",
      before.status !== fields.status && "status",
      (beforeCriteria.length !== criteriaIds.length || beforeCriteria.some((c) => !criteriaIds.includes(c))) && "criteria",
      (toAdd.length || toRemove.length) && "household",
    ].filter((c): c is string => Boolean(c));
    await recordAudit({ kind: "case.updated", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { reference: fields.reference, previousReference: before.reference, changed }, ipAddress: actor.ipAddress }, tx);
    await auditOverride(tx, actor, workspaceId, "case", caseId, found, fields.overrideReason);
    return true;
  });
}

/** Deletes a case with its household, criteria, events and totals. Returns the reference, or null when not in the workspace. */
export async function deleteCase(actor: Actor, workspaceId: string, caseId: string): Promise<string | null> {
  return db().transaction(async (tx) => {
    const [row] = await tx.select({ reference: cases.reference }).from(cases).where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)));
    if (!row) return null;
    const [{ n }] = await tx.select({ n: sql<number>`count(*)` }).from(journeyEvents).where(eq(journeyEvents.caseId, caseId));
    await tx.delete(cases).where(eq(cases.id, caseId));
    await recordAudit({ kind: "case.deleted", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { reference: row.reference, events: n }, ipAddress: actor.ipAddress }, tx);
    return row.reference;
  });
}

export async function getCase(workspaceId: string, caseId: string) {
  const [row] = await db()
    .select({ id: cases.id, reference: cases.reference, status: cases.status, localityId: cases.localityId, localityName: localities.name, owningAgencyId: cases.owningAgencyId, owningAgencyName: agencies.name })
    .from(cases)
    .leftJoin(localities, eq(localities.id, cases.localityId))
    .leftJoin(agencies, eq(agencies.id, cases.owningAgencyId))
    .where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)));
  if (!row) return null;
  const [household, criteria] = await Promise.all([
    db().select({ id: caseHouseholdMembers.id, role: caseHouseholdMembers.role, label: caseHouseholdMembers.label }).from(caseHouseholdMembers).where(eq(caseHouseholdMembers.caseId, caseId)).orderBy(asc(caseHouseholdMembers.position)),
    db()
      .select({ id: commonCriteria.id, label: commonCriteria.label })
      .from(caseCriteria)
      .innerJoin(commonCriteria, eq(commonCriteria.id, caseCriteria.commonCriterionId))
      .where(eq(caseCriteria.caseId, caseId))
      .orderBy(asc(commonCriteria.position)),
  ]);
  return { ...row, household, criteria };
}

/** Every event of a case with names resolved and its cost in whole pence. */
export async function listJourneyEvents(workspaceId: string, caseId: string) {
  const recording = sql<string | null>`(select name from agencies ra where ra.id = ${journeyEvents.recordingAgencyId})`;
  return db()
    .select({
      id: journeyEvents.id,
      occurredOn: journeyEvents.occurredOn,
      agencyId: journeyEvents.agencyId,
      agencyName: sql<string>`coalesce(${agencies.name}, 'Agency not recorded')`,
      service: journeyEvents.service,
      kind: journeyEvents.kind,
      memberLabel: caseHouseholdMembers.label,
      description: journeyEvents.description,
      recordingAgencyId: journeyEvents.recordingAgencyId,
      recordingAgencyName: recording,
      approach: journeyEvents.approach,
      costPence: eventCostSql,
      explicitCost: journeyEvents.costPence,
      unitCostCode: unitCosts.costCode,
      unitCostDescription: unitCosts.description,
      unitCostPriceYear: unitCosts.priceYear,
      quantityMilli: journeyEvents.quantityMilli,
      episodeKey: journeyEvents.episodeKey,
    })
    .from(journeyEvents)
    .leftJoin(agencies, eq(agencies.id, journeyEvents.agencyId))
    .leftJoin(unitCosts, eq(unitCosts.id, journeyEvents.unitCostId))
    .leftJoin(caseHouseholdMembers, eq(caseHouseholdMembers.id, journeyEvents.householdMemberId))
    .where(and(eq(journeyEvents.caseId, caseId), eq(journeyEvents.workspaceId, workspaceId)))
    .orderBy(asc(journeyEvents.occurredOn), asc(journeyEvents.createdAt), asc(journeyEvents.id));
}

export type JourneyEventRow = Awaited<ReturnType<typeof listJourneyEvents>>[number];

/** Resolves an event's cost fields: explicit pence, or a unit cost of this workspace × quantity. */
export async function resolveEventCost(tx: Tx, workspaceId: string, fields: Pick<EventFields, "cost" | "unitCostId" | "quantity">) {
  const errors: Record<string, string[]> = {};
  let costPence: number | null = null;
  let unitCostId: string | null = null;
  let quantityMilli: number | null = null;
  if (fields.cost && fields.unitCostId) errors.cost = ["Give either a cost or a unit cost and quantity, not both"];
  else if (fields.cost) {
    costPence = parsePounds(fields.cost);
    if (costPence === null) errors.cost = ["Enter the cost in pounds and pence, such as 1,250.00"];
  } else if (fields.unitCostId) {
    const found = await findUnitCosts(tx, workspaceId, [fields.unitCostId]);
    if (!found.has(fields.unitCostId)) errors.unitCostId = ["Choose a unit cost from this workspace's library"];
    quantityMilli = parseQuantityMilli(fields.quantity || "1");
    if (quantityMilli === null) errors.quantity = ["Enter the quantity as a number greater than 0 with at most three decimals, such as 1.5"];
    unitCostId = fields.unitCostId;
  } else if (fields.quantity) errors.unitCostId = ["Choose the unit cost this quantity is of"];
  if (Object.keys(errors).length) throw new InputError(errors);
  return { costPence, unitCostId, quantityMilli };
}

/** Checks an event's fields against the workspace and the case; returns the values to store. */
async function eventValues(tx: Tx, workspaceId: string, caseId: string, fields: EventFields, occurredOn: number) {
  await assertAgencies(tx, workspaceId, "agencyId", [fields.agencyId]);
  await assertAgencies(tx, workspaceId, "recordingAgencyId", [fields.recordingAgencyId]);
  if (fields.householdMemberId) {
    const [m] = await tx.select({ id: caseHouseholdMembers.id }).from(caseHouseholdMembers).where(and(eq(caseHouseholdMembers.id, fields.householdMemberId), eq(caseHouseholdMembers.caseId, caseId)));
    if (!m) throw new InputError({ householdMemberId: ["Choose a member of this household"] });
  }
  const cost = await resolveEventCost(tx, workspaceId, fields);
  return {
    occurredOn,
    agencyId: fields.agencyId,
    service: fields.service,
    kind: fields.kind,
    householdMemberId: fields.householdMemberId ?? null,
    description: fields.description,
    recordingAgencyId: fields.recordingAgencyId ?? fields.agencyId,
    approach: fields.approach,
    ...cost,
    episodeKey: fields.episodeKey ?? null,
  };
}

function eventDay(fields: EventFields): number {
  const occurredOn = dayToUtc(fields.occurredOn);
  if (occurredOn === null) throw new InputError({ occurredOn: ["Enter a real date for the event"] });
  return occurredOn;
}

async function caseInWorkspace(tx: Tx, workspaceId: string, caseId: string): Promise<boolean> {
  const [existing] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)));
  return Boolean(existing);
}

/** Returns false when the case is not in the workspace. */
export async function addJourneyEvent(actor: Actor, workspaceId: string, caseId: string, fields: EventFields): Promise<string | false> {
  const occurredOn = eventDay(fields);
  const found = checkIdentifiers({ service: fields.service, description: fields.description }, fields.overrideReason);
  return db().transaction(async (tx) => {
    if (!(await caseInWorkspace(tx, workspaceId, caseId))) return false;
    const values = await eventValues(tx, workspaceId, caseId, fields, occurredOn);
    const id = newId();
    await tx.insert(journeyEvents).values({ id, workspaceId, caseId, ...values, createdBy: actor.userId });
    await tx.update(cases).set({ updatedAt: Date.now() }).where(eq(cases.id, caseId));
    await refreshCaseTotals(tx, [caseId]);
    await recordAudit({ kind: "case.event_added", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { eventId: id }, ipAddress: actor.ipAddress }, tx);
    await auditOverride(tx, actor, workspaceId, "journey_event", id, found, fields.overrideReason);
    return id;
  });
}

/** One event of a case as stored, for its edit form. */
export async function getJourneyEvent(workspaceId: string, caseId: string, eventId: string) {
  const [row] = await db()
    .select()
    .from(journeyEvents)
    .where(and(eq(journeyEvents.id, eventId), eq(journeyEvents.caseId, caseId), eq(journeyEvents.workspaceId, workspaceId)));
  return row ?? null;
}

const AUDITED_EVENT_FIELDS = ["occurredOn", "agencyId", "service", "kind", "householdMemberId", "description", "recordingAgencyId", "approach", "costPence", "unitCostId", "quantityMilli", "episodeKey"] as const;

/**
 * Changes an event with the same checks as adding one (identifiers refused unless a reason is
 * given). The audit names the fields changed, never their text. Returns false when the event is
 * not in this case of this workspace.
 */
export async function updateJourneyEvent(actor: Actor, workspaceId: string, caseId: string, eventId: string, fields: EventFields): Promise<boolean> {
  const occurredOn = eventDay(fields);
  const found = checkIdentifiers({ service: fields.service, description: fields.description }, fields.overrideReason);
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(journeyEvents).where(and(eq(journeyEvents.id, eventId), eq(journeyEvents.caseId, caseId), eq(journeyEvents.workspaceId, workspaceId)));
    if (!before) return false;
    const values = await eventValues(tx, workspaceId, caseId, fields, occurredOn);
    const changed = AUDITED_EVENT_FIELDS.filter((f) => before[f] !== values[f]);
    await tx.update(journeyEvents).set({ ...values, updatedAt: Date.now() }).where(eq(journeyEvents.id, eventId));
    await tx.update(cases).set({ updatedAt: Date.now() }).where(eq(cases.id, caseId));
    await refreshCaseTotals(tx, [caseId]);
    await recordAudit({ kind: "case.event_updated", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { eventId, changed }, ipAddress: actor.ipAddress }, tx);
    await auditOverride(tx, actor, workspaceId, "journey_event", eventId, found, fields.overrideReason);
    return true;
  });
}

/** Returns false when the event is not in this case of this workspace. */
export async function deleteJourneyEvent(actor: Actor, workspaceId: string, caseId: string, eventId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .delete(journeyEvents)
      .where(and(eq(journeyEvents.id, eventId), eq(journeyEvents.caseId, caseId), eq(journeyEvents.workspaceId, workspaceId)))
      .returning({ kind: journeyEvents.kind, occurredOn: journeyEvents.occurredOn, agencyId: journeyEvents.agencyId });
    if (!rows.length) return false;
    await tx.update(cases).set({ updatedAt: Date.now() }).where(eq(cases.id, caseId));
    await refreshCaseTotals(tx, [caseId]);
    await recordAudit({ kind: "case.event_deleted", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { eventId, kind: rows[0].kind, occurredOn: rows[0].occurredOn, agencyId: rows[0].agencyId }, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}

export async function getSessionPurpose(sessionId: string, workspaceId: string): Promise<CaseReadPurpose | null> {
  const [row] = await db()
    .select({ purpose: caseReadPurposes.purpose })
    .from(caseReadPurposes)
    .where(and(eq(caseReadPurposes.sessionId, sessionId), eq(caseReadPurposes.workspaceId, workspaceId)));
  return row?.purpose ?? null;
}

export async function setSessionPurpose(actor: Actor, sessionId: string, workspaceId: string, purpose: CaseReadPurpose): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.insert(caseReadPurposes).values({ sessionId, workspaceId, purpose }).onConflictDoUpdate({ target: [caseReadPurposes.sessionId, caseReadPurposes.workspaceId], set: { purpose, createdAt: Date.now() } });
    await recordAudit({ kind: "case.purpose_given", workspaceId, actorUserId: actor.userId, purpose, ipAddress: actor.ipAddress }, tx);
  });
}

/** Every detailed read of a case is audited with the purpose given for the session (ADR 011). */
export async function recordCaseRead(actor: Actor, workspaceId: string, caseId: string, purpose: CaseReadPurpose, detail: Record<string, unknown>): Promise<void> {
  await recordAudit({ kind: "case.read", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, purpose, detail, ipAddress: actor.ipAddress });
}

/** How a unit cost is offered in an event form: code, description, cost, unit and price year. */
export function unitCostOptionLabel(u: { costCode: string | null; description: string; fiscalCostPence: number; unit: string; priceYear: string }): string {
  return `${u.costCode ? `${u.costCode}: ` : ""}${u.description} — ${formatPence(u.fiscalCostPence)} ${u.unit} (${u.priceYear} prices)`;
}
