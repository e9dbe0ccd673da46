import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { summarise } from "../../../app/models/case/case-evidence";
import type { CaseFields, EventFields } from "../../../app/models/case/case.schema";
import { addJourneyEvent, deleteCase, deleteJourneyEvent, updateCase, updateJourneyEvent } from "../../../app/models/case/case.server";
import { commitStagedImport, createStagedImport, stageJourneyCsv } from "../../../app/models/case/journey-import.server";
import { costFromUnit, formatPence } from "../../../app/models/case/money";
import { deleteUnitCost, updateUnitCost, upsertUnitCostsByCode } from "../../../app/models/unit-cost/unit-cost.server";
import { action as caseAction, loader as caseLoader } from "../../../app/routes/w.$ws.cases.$id._index";
import { action as eventAction, loader as eventLoader } from "../../../app/routes/w.$ws.cases.$id.events.$eventId";
import { loader as casesLoader } from "../../../app/routes/w.$ws.cases._index";
import { action as criteriaAction, loader as criteriaLoader } from "../../../app/routes/w.$ws.criteria";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencyCriteria, caseCriteria, caseHouseholdMembers, cases, caseTotals, commonCriteria, journeyEvents } from "../../../db/schema/cases";
import { auditEvents } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { makeAgency, makeCase, makeWorkspace, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

const NO_EXTRAS = { service: "", description: "", householdMemberId: undefined, recordingAgencyId: undefined, cost: "", unitCostId: undefined, quantity: "", episodeKey: undefined, overrideReason: "" };

async function world() {
  const ws = await makeWorkspaceWithRoles();
  const agency = (name: string) => makeAgency(ws.id, name);
  const police = await agency("Police Scotland");
  const school = await agency("Musselburgh Grammar School");
  const housing = await agency("Housing");
  const criteria = await Promise.all(
    ["Domestic abuse", "Poor attendance", "Housing at risk"].map(async (label, position) => {
      const id = newId();
      await db().insert(commonCriteria).values({ id, workspaceId: ws.id, label, position });
      return id;
    }),
  );
  const foster = newId();
  await db().insert(unitCosts).values({ id: foster, workspaceId: ws.id, costCode: "MID-FOSTER-2016", description: "Foster care place", unit: "per year", fiscalCostPence: 2_800_000, priceYear: "2016-17", source: "Midlothian case study (June 2016)" });
  const caseId = await makeCase(ws, { reference: "EDIT-001", criteriaIds: [criteria[0]] });
  const actor = { userId: ws.users.analyst.id };
  const event = (fields: Partial<EventFields> & Pick<EventFields, "occurredOn" | "agencyId" | "kind">): EventFields => ({ approach: "reactive", ...NO_EXTRAS, ...fields });
  return { ws, caseId, actor, police, school, housing, criteria, foster, event };
}

/**
 * The totals as a person would count them, from the stored rows in JavaScript (not the SQL the
 * table is filled with): criteria met, distinct agencies, events, and cost in whole pence.
 */
async function fromScratch(workspaceId: string) {
  const caseRows = await db().select({ id: cases.id }).from(cases).where(eq(cases.workspaceId, workspaceId));
  const events = await db().select().from(journeyEvents).where(eq(journeyEvents.workspaceId, workspaceId));
  const costs = new Map((await db().select().from(unitCosts).where(eq(unitCosts.workspaceId, workspaceId))).map((u) => [u.id, u.fiscalCostPence]));
  const criteria = caseRows.length ? await db().select().from(caseCriteria).where(inArray(caseCriteria.caseId, caseRows.map((c) => c.id))) : [];
  return Object.fromEntries(
    caseRows.map((c) => {
      const own = events.filter((e) => e.caseId === c.id);
      const cost = own.reduce((sum, e) => {
        if (e.costPence !== null) return sum + e.costPence;
        const unit = e.unitCostId ? costs.get(e.unitCostId) : undefined;
        return unit !== undefined && e.quantityMilli !== null ? sum + costFromUnit(unit, e.quantityMilli) : sum;
      }, 0);
      const agencyCount = new Set(own.map((e) => e.agencyId).filter(Boolean)).size;
      return [c.id, { criteriaCount: criteria.filter((r) => r.caseId === c.id).length, agencyCount, contacts: own.length, costPence: cost }];
    }),
  );
}

async function maintained(workspaceId: string) {
  const rows = await db().select().from(caseTotals).where(eq(caseTotals.workspaceId, workspaceId));
  return Object.fromEntries(rows.map((r) => [r.caseId, { criteriaCount: r.criteriaCount, agencyCount: r.agencyCount, contacts: r.contacts, costPence: r.costPence }]));
}

async function expectTotalsMatch(workspaceId: string, step: string) {
  expect(await maintained(workspaceId), step).toEqual(await fromScratch(workspaceId));
}

function caseFields(overrides: Partial<CaseFields> = {}): CaseFields {
  return { reference: "EDIT-001", status: "active", adults: 1, children: 2, grandparents: 0, extendedFamily: 0, criteriaIds: [], overrideReason: "", localityId: undefined, owningAgencyId: undefined, ...overrides };
}

async function audits(workspaceId: string, kind: string) {
  return db().select().from(auditEvents).where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.kind, kind)));
}

describe("the maintained case totals", () => {
  it("stay equal to a count from scratch after every kind of write", async () => {
    const w = await world();
    const other = await makeCase(w.ws, { reference: "EDIT-002", criteriaIds: w.criteria });
    await expectTotalsMatch(w.ws.id, "cases created");

    const first = await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "crisis", cost: "1,200.50" }));
    const second = await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-04-02", agencyId: w.school, kind: "intervention", unitCostId: w.foster, quantity: "0.333" }));
    await addJourneyEvent(w.actor, w.ws.id, other, w.event({ occurredOn: "2015-04-02", agencyId: w.housing, kind: "contact", unitCostId: w.foster, quantity: "0.1" }));
    await expectTotalsMatch(w.ws.id, "events added");
    expect((await maintained(w.ws.id))[w.caseId]).toEqual({ criteriaCount: 1, agencyCount: 2, contacts: 2, costPence: 120_050 + 932_400 });

    const bytes = new TextEncoder().encode("date,agency,kind,cost_gbp\n2015-05-01,Housing,contact,60.01\n2015-05-02,Housing,assessment,\n");
    const importId = await createStagedImport(w.actor, w.ws.id, "events.csv", bytes, await stageJourneyCsv(w.ws.id, w.caseId, bytes));
    expect(await commitStagedImport(w.actor, w.ws.id, w.caseId, importId)).toEqual({ ok: true, count: 2 });
    await expectTotalsMatch(w.ws.id, "import committed");

    await updateJourneyEvent(w.actor, w.ws.id, w.caseId, String(first), w.event({ occurredOn: "2015-03-14", agencyId: w.housing, kind: "crisis", cost: "99.99" }));
    await expectTotalsMatch(w.ws.id, "event changed: agency and cost");
    await updateJourneyEvent(w.actor, w.ws.id, w.caseId, String(second), w.event({ occurredOn: "2015-04-02", agencyId: w.school, kind: "intervention", cost: "10.00" }));
    await expectTotalsMatch(w.ws.id, "event changed: unit cost to explicit cost");
    await deleteJourneyEvent(w.actor, w.ws.id, w.caseId, String(second));
    await expectTotalsMatch(w.ws.id, "event deleted");

    await updateCase(w.actor, w.ws.id, w.caseId, caseFields({ criteriaIds: [w.criteria[1], w.criteria[2]] }));
    await expectTotalsMatch(w.ws.id, "criteria changed");

    const unitFields = { costCode: "MID-FOSTER-2016", outcomeCategory: "", outcomeDetail: "", description: "Foster care place", unit: "per year", agency: "", agencyDetail: "", priceYear: "2016-17", source: "Midlothian", confidence: "medium" as const };
    await updateUnitCost(w.actor, w.ws.id, w.foster, { ...unitFields, fiscalCostPence: 3_000_000 });
    await expectTotalsMatch(w.ws.id, "unit cost edited");
    await db().transaction((tx) => upsertUnitCostsByCode(tx, w.ws.id, [{ ...unitFields, fiscalCostPence: 2_500_000, priceYear: "2017-18" }], { createdBy: w.actor.userId }));
    await expectTotalsMatch(w.ws.id, "unit cost replaced by an import");
    await deleteUnitCost(w.actor, w.ws.id, w.foster);
    await expectTotalsMatch(w.ws.id, "unit cost deleted");
    expect((await maintained(w.ws.id))[other].costPence).toBe(0);

    await deleteCase(w.actor, w.ws.id, other);
    await expectTotalsMatch(w.ws.id, "case deleted");
    expect(await db().select().from(caseTotals).where(eq(caseTotals.caseId, other))).toEqual([]);
  });

  it("a case whose row is missing (written before the table existed) is filled when the list is read", async () => {
    const w = await world();
    await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "crisis", cost: "10.00" }));
    await db().delete(caseTotals).where(eq(caseTotals.caseId, w.caseId));
    const page = (await callRoute(casesLoader, getRequest(`/w/${w.ws.slug}/cases`, { cookie: w.ws.users.analyst.cookie }), { ws: w.ws.slug })).data as { cases: Array<{ reference: string; contacts: number; cost: string }> };
    expect(page.cases).toEqual([expect.objectContaining({ reference: "EDIT-001", contacts: 1, cost: "£10.00" })]);
    await expectTotalsMatch(w.ws.id, "filled on read");
  });

  it("the case list shows 50 cases a page, sorted by the chosen column", async () => {
    const ws = await makeWorkspace();
    const agencyId = await makeAgency(ws.id, "Police");
    for (let i = 0; i < 53; i += 1) {
      const id = await makeCase(ws, { reference: `P-${String(i).padStart(3, "0")}` });
      await addJourneyEvent({ userId: ws.owner.id }, ws.id, id, { occurredOn: "2015-01-01", agencyId, kind: "contact", approach: "reactive", ...NO_EXTRAS, cost: `${i + 1}.00` });
    }
    const list = async (search: string) => (await callRoute(casesLoader, getRequest(`/w/${ws.slug}/cases${search}`, { cookie: ws.owner.cookie }), { ws: ws.slug })).data as { page: number; pageCount: number; cases: Array<{ reference: string }>; summary: Record<string, unknown> };
    const first = await list("");
    // The summary is of every case, not the page: the same figures as summarising all 53 costs (£1 … £53) in memory.
    const spread = summarise(Array.from({ length: 53 }, (_, i) => (i + 1) * 100));
    expect(first).toMatchObject({ page: 1, pageCount: 2 });
    expect(first.summary).toEqual({
      families: 53,
      contacts: 53,
      totalCost: formatPence(spread.total),
      meanCost: formatPence(spread.mean),
      medianCost: "£27.00",
      quartiles: `${formatPence(spread.lowerQuartile)} to ${formatPence(spread.upperQuartile)}`,
      range: "£1.00 to £53.00",
      meanAgencies: "1",
      medianAgencies: 1,
      agencyRange: "1 to 1",
    });
    expect(first.cases).toHaveLength(50);
    expect(first.cases[0].reference).toBe("P-000");
    const byCost = await list("?sort=cost&page=2");
    expect(byCost.cases.map((c) => c.reference)).toEqual(["P-002", "P-001", "P-000"]);
    expect((await list("?page=99")).page).toBe(2);
  });
});

describe("editing and deleting cases and events", () => {
  async function withPurpose(w: Awaited<ReturnType<typeof world>>) {
    const cookie = w.ws.users.analyst.cookie;
    await callRoute(caseAction, postRequest(`/w/${w.ws.slug}/cases/${w.caseId}`, { intent: "purpose", purpose: "analysis" }, { cookie }), { ws: w.ws.slug, id: w.caseId });
    return cookie;
  }

  it("an analyst changes an event through its page; the case's figures follow and the change is audited by field, not text", async () => {
    const w = await world();
    const eventId = String(await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "crisis", cost: "100.00", description: "Incident attended" })));
    const cookie = await withPurpose(w);
    const params = { ws: w.ws.slug, id: w.caseId, eventId };
    const path = `/w/${w.ws.slug}/cases/${w.caseId}/events/${eventId}`;
    const page = (await callRoute(eventLoader, getRequest(path, { cookie }), params)).data as { defaults: Record<string, string> };
    expect(page.defaults).toMatchObject({ occurredOn: "2015-03-14", agencyId: w.police, kind: "crisis", cost: "100.00", description: "Incident attended" });
    const saved = await callRoute(eventAction, postRequest(path, { ...page.defaults, intent: "update-event", agencyId: w.school, cost: "250.75", description: "Incident attended at night" }, { cookie }), params);
    expect(saved.status).toBe(302);
    const [stored] = await db().select().from(journeyEvents).where(eq(journeyEvents.id, eventId));
    expect(stored).toMatchObject({ agencyId: w.school, costPence: 25_075, description: "Incident attended at night" });
    const view = (await callRoute(caseLoader, getRequest(`/w/${w.ws.slug}/cases/${w.caseId}`, { cookie }), { ws: w.ws.slug, id: w.caseId })).data as { view: { evidence: { totalPence: number; agencies: Array<{ agencyName: string }> } } };
    expect(view.view.evidence.totalPence).toBe(25_075);
    expect(view.view.evidence.agencies.map((a) => a.agencyName)).toEqual(["Musselburgh Grammar School"]);
    const [audit] = await audits(w.ws.id, "case.event_updated");
    expect(audit.detail).toEqual({ eventId, changed: ["agencyId", "description", "recordingAgencyId", "costPence"] });
    expect(JSON.stringify(audit.detail)).not.toContain("night");
  });

  it("an identifier in a changed description is refused with the detector's message unless a reason is given, which is audited", async () => {
    const w = await world();
    const eventId = String(await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "contact" })));
    const cookie = await withPurpose(w);
    const params = { ws: w.ws.slug, id: w.caseId, eventId };
    const path = `/w/${w.ws.slug}/cases/${w.caseId}/events/${eventId}`;
    const form = { intent: "update-event", occurredOn: "2015-03-14", agencyId: w.police, kind: "contact", approach: "reactive", description: "Rang mum on 07700 900123" };
    const refused = await callRoute(eventAction, postRequest(path, form, { cookie }), params);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("This looks like it contains a phone number");
    expect((await db().select().from(journeyEvents).where(eq(journeyEvents.id, eventId)))[0].description).toBe("");
    const kept = await callRoute(eventAction, postRequest(path, { ...form, overrideReason: "It is the school office's public number" }, { cookie }), params);
    expect(kept.status).toBe(302);
    const [override] = await audits(w.ws.id, "case.identifier_override");
    expect(override).toMatchObject({ targetType: "journey_event", targetId: eventId, detail: { fields: [{ field: "description", kinds: ["phone"] }], reason: "It is the school office's public number" } });
  });

  it("deleting an event needs the confirmation; then it goes, with the figures, and is audited", async () => {
    const w = await world();
    const eventId = String(await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "contact", cost: "5.00" })));
    const cookie = await withPurpose(w);
    const params = { ws: w.ws.slug, id: w.caseId, eventId };
    const path = `/w/${w.ws.slug}/cases/${w.caseId}/events/${eventId}`;
    const unconfirmed = await callRoute(eventAction, postRequest(path, { intent: "delete-event" }, { cookie }), params);
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.data)).toContain("Confirm the deletion with the “Yes, delete” button");
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.id, eventId))).toHaveLength(1);
    const deleted = await callRoute(eventAction, postRequest(path, { intent: "delete-event", confirm: "yes" }, { cookie }), params);
    expect(deleted.status).toBe(302);
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.id, eventId))).toHaveLength(0);
    expect((await maintained(w.ws.id))[w.caseId]).toMatchObject({ contacts: 0, costPence: 0 });
    expect(await audits(w.ws.id, "case.event_deleted")).toEqual([expect.objectContaining({ actorUserId: w.ws.users.analyst.id, detail: expect.objectContaining({ eventId, kind: "contact" }) })]);
  });

  it("an analyst changes a case's reference, area, agency, status, criteria and household; smaller households are refused while an event names the member", async () => {
    const w = await world();
    const cookie = await withPurpose(w);
    const path = `/w/${w.ws.slug}/cases/${w.caseId}`;
    const params = { ws: w.ws.slug, id: w.caseId };
    const members = await db().select().from(caseHouseholdMembers).where(eq(caseHouseholdMembers.caseId, w.caseId));
    const child2 = members.find((m) => m.label === "Child 2");
    await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.school, kind: "contact", householdMemberId: child2?.id }));
    const base = { intent: "update-case", reference: "EDIT-009", status: "stepped_down", owningAgencyId: w.housing, adults: "2", children: "1", grandparents: "1", extendedFamily: "0" };
    const refused = await callRoute(caseAction, postRequest(path, base, { cookie }), params);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("Child 2 is named on journey events: change those events before making the household smaller");
    expect((await db().select().from(cases).where(eq(cases.id, w.caseId)))[0].reference).toBe("EDIT-001");
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...base, children: "2" })) form.append(k, v);
    form.append("criteriaIds", w.criteria[1]);
    form.append("criteriaIds", w.criteria[2]);
    const saved = await callRoute(caseAction, postRequest(path, form, { cookie }), params);
    expect(saved.status).toBe(302);
    const [row] = await db().select().from(cases).where(eq(cases.id, w.caseId));
    expect(row).toMatchObject({ reference: "EDIT-009", status: "stepped_down", owningAgencyId: w.housing });
    const labels = (await db().select().from(caseHouseholdMembers).where(eq(caseHouseholdMembers.caseId, w.caseId))).map((m) => m.label).sort();
    expect(labels).toEqual(["Adult 1", "Adult 2", "Child 1", "Child 2", "Grandparent 1"]);
    expect((await maintained(w.ws.id))[w.caseId].criteriaCount).toBe(2);
    const [audit] = await audits(w.ws.id, "case.updated");
    expect(audit.detail).toEqual({ reference: "EDIT-009", previousReference: "EDIT-001", changed: ["reference", "owning agency", "status", "criteria", "household"] });
  });

  it("a reference already used by another case is refused and nothing changes", async () => {
    const w = await world();
    await makeCase(w.ws, { reference: "TAKEN-1" });
    await expect(updateCase(w.actor, w.ws.id, w.caseId, caseFields({ reference: "TAKEN-1" }))).rejects.toThrow("A case with this reference code already exists");
    expect((await db().select().from(cases).where(eq(cases.id, w.caseId)))[0].reference).toBe("EDIT-001");
  });

  it("deleting a case needs the confirmation; then the case, its events and totals go and the deletion is audited", async () => {
    const w = await world();
    await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "contact" }));
    const cookie = await withPurpose(w);
    const path = `/w/${w.ws.slug}/cases/${w.caseId}`;
    const params = { ws: w.ws.slug, id: w.caseId };
    expect((await callRoute(caseAction, postRequest(path, { intent: "delete-case" }, { cookie }), params)).status).toBe(400);
    expect(await db().select().from(cases).where(eq(cases.id, w.caseId))).toHaveLength(1);
    const deleted = await callRoute(caseAction, postRequest(path, { intent: "delete-case", confirm: "yes" }, { cookie }), params);
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(`/w/${w.ws.slug}/cases`);
    expect(await db().select().from(cases).where(eq(cases.id, w.caseId))).toHaveLength(0);
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.caseId, w.caseId))).toHaveLength(0);
    expect(await db().select().from(caseTotals).where(eq(caseTotals.caseId, w.caseId))).toHaveLength(0);
    expect(await audits(w.ws.id, "case.deleted")).toEqual([expect.objectContaining({ targetId: w.caseId, detail: { reference: "EDIT-001", events: 1 } })]);
  });

  it("other roles cannot change or delete a case or an event, and another workspace cannot reach them; nothing changes", async () => {
    const w = await world();
    const eventId = String(await addJourneyEvent(w.actor, w.ws.id, w.caseId, w.event({ occurredOn: "2015-03-14", agencyId: w.police, kind: "contact", cost: "5.00" })));
    const stranger = await makeWorkspace();
    const casePath = `/w/${w.ws.slug}/cases/${w.caseId}`;
    const eventPath = `${casePath}/events/${eventId}`;
    const attempts = [
      [caseAction, casePath, { ws: w.ws.slug, id: w.caseId }, { intent: "update-case", reference: "HACKED", status: "closed" }],
      [caseAction, casePath, { ws: w.ws.slug, id: w.caseId }, { intent: "delete-case", confirm: "yes" }],
      [eventAction, eventPath, { ws: w.ws.slug, id: w.caseId, eventId }, { intent: "update-event", occurredOn: "2016-01-01", agencyId: w.police, kind: "crisis", approach: "reactive" }],
      [eventAction, eventPath, { ws: w.ws.slug, id: w.caseId, eventId }, { intent: "delete-event", confirm: "yes" }],
    ] as const;
    for (const [fn, path, params, form] of attempts) {
      for (const role of ["facilitator", "member", "evaluator"] as const) expect((await callRoute(fn, postRequest(path, form, { cookie: w.ws.users[role].cookie }), params)).status, `${role} ${form.intent}`).toBe(403);
      expect((await callRoute(fn, postRequest(path, form, { cookie: stranger.owner.cookie }), params)).status, `foreign ${form.intent}`).toBe(404);
    }
    // An event of this workspace under another case's address is not found either.
    const otherCase = await makeCase(w.ws);
    expect((await callRoute(eventAction, postRequest(`/w/${w.ws.slug}/cases/${otherCase}/events/${eventId}`, { intent: "delete-event", confirm: "yes" }, { cookie: w.ws.users.analyst.cookie }), { ws: w.ws.slug, id: otherCase, eventId })).status).toBe(404);
    expect((await db().select().from(cases).where(eq(cases.id, w.caseId)))[0].reference).toBe("EDIT-001");
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.id, eventId))).toEqual([expect.objectContaining({ kind: "contact", costPence: 500 })]);
  });
});

describe("agencies' own criteria", () => {
  async function criterionWorld() {
    const w = await world();
    const id = newId();
    await db().insert(agencyCriteria).values({ id, workspaceId: w.ws.id, agencyId: w.police, label: "3+ domestic incidents in 12 months", commonCriterionId: w.criteria[0] });
    return { ...w, id, path: `/w/${w.ws.slug}/criteria`, params: { ws: w.ws.slug } };
  }

  it("a facilitator changes the wording and mapping; the page shows it and the change is audited with before and after", async () => {
    const w = await criterionWorld();
    const cookie = w.ws.users.facilitator.cookie;
    const saved = await callRoute(criteriaAction, postRequest(w.path, { intent: "update-agency", criterionId: w.id, agencyId: w.police, label: "2+ domestic incidents in 6 months", commonCriterionId: w.criteria[2] }, { cookie }), w.params);
    expect(saved.status).toBe(302);
    const page = (await callRoute(criteriaLoader, getRequest(w.path, { cookie }), w.params)).data as { agencyGroups: Array<{ items: Array<{ label: string; common: string | null }> }> };
    expect(page.agencyGroups[0].items).toEqual([expect.objectContaining({ label: "2+ domestic incidents in 6 months", common: "Housing at risk" })]);
    const [audit] = await audits(w.ws.id, "criteria.agency_updated");
    expect(audit.detail).toEqual({ before: { agencyId: w.police, label: "3+ domestic incidents in 12 months", commonCriterionId: w.criteria[0] }, after: { agencyId: w.police, label: "2+ domestic incidents in 6 months", commonCriterionId: w.criteria[2] } });
  });

  it("a mapping to another workspace's criterion, or wording too short, is refused and nothing changes", async () => {
    const w = await criterionWorld();
    const stranger = await makeWorkspace();
    const foreignCriterion = newId();
    await db().insert(commonCriteria).values({ id: foreignCriterion, workspaceId: stranger.id, label: "Elsewhere" });
    const cookie = w.ws.users.analyst.cookie;
    const mapped = await callRoute(criteriaAction, postRequest(w.path, { intent: "update-agency", criterionId: w.id, agencyId: w.police, label: "Changed wording", commonCriterionId: foreignCriterion }, { cookie }), w.params);
    expect(mapped.status).toBe(400);
    expect(JSON.stringify(mapped.data)).toContain("Choose a criterion from this workspace's common set");
    const short = await callRoute(criteriaAction, postRequest(w.path, { intent: "update-agency", criterionId: w.id, agencyId: w.police, label: "ab" }, { cookie }), w.params);
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.data)).toContain("The criterion should be at least 3 characters");
    expect((await db().select().from(agencyCriteria).where(eq(agencyCriteria.id, w.id)))[0]).toMatchObject({ label: "3+ domestic incidents in 12 months", commonCriterionId: w.criteria[0] });
  });

  it("deleting needs the confirmation, is audited, and is refused to members, evaluators and other workspaces", async () => {
    const w = await criterionWorld();
    const stranger = await makeWorkspace();
    const form = { intent: "delete-agency", criterionId: w.id, confirm: "yes" };
    for (const role of ["member", "evaluator"] as const) expect((await callRoute(criteriaAction, postRequest(w.path, form, { cookie: w.ws.users[role].cookie }), w.params)).status).toBe(403);
    expect((await callRoute(criteriaAction, postRequest(`/w/${w.ws.slug}/criteria`, form, { cookie: stranger.owner.cookie }), w.params)).status).toBe(404);
    // A criterion id of another workspace, through one's own workspace, is not found.
    expect((await callRoute(criteriaAction, postRequest(`/w/${stranger.slug}/criteria`, form, { cookie: stranger.owner.cookie }), { ws: stranger.slug })).status).toBe(404);
    const unconfirmed = await callRoute(criteriaAction, postRequest(w.path, { intent: "delete-agency", criterionId: w.id }, { cookie: w.ws.users.facilitator.cookie }), w.params);
    expect(unconfirmed.status).toBe(400);
    expect(await db().select().from(agencyCriteria).where(eq(agencyCriteria.id, w.id))).toHaveLength(1);
    expect((await callRoute(criteriaAction, postRequest(w.path, form, { cookie: w.ws.users.facilitator.cookie }), w.params)).status).toBe(302);
    expect(await db().select().from(agencyCriteria).where(eq(agencyCriteria.id, w.id))).toHaveLength(0);
    expect(await audits(w.ws.id, "criteria.agency_deleted")).toEqual([expect.objectContaining({ targetId: w.id, detail: { agencyId: w.police, label: "3+ domestic incidents in 12 months", commonCriterionId: w.criteria[0] } })]);
  });
});
