import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { listCasePage } from "../../../app/models/case/case-list.server";
import { addJourneyEvent } from "../../../app/models/case/case.server";
import { loader as auditLoader } from "../../../app/routes/w.$ws.audit";
import { action as caseAction, loader as caseLoader } from "../../../app/routes/w.$ws.cases.$id._index";
import { loader as casesLoader } from "../../../app/routes/w.$ws.cases._index";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { journeyEvents } from "../../../db/schema/cases";
import { agencies, auditEvents, memberships } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { addMember, makeAgency, makeCase, makeWorkspace, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

type CasePage = {
  needsPurpose: boolean;
  view?: { level: string; events: Array<{ occurredOn: number; full: boolean; agencyName: string; costPence: number; detail: { description: string } | null; disagreement: string[] | null }>; evidence: { totalPence: number } };
};

async function world() {
  const ws = await makeWorkspace();
  const agency = (name: string) => makeAgency(ws.id, name);
  const police = await agency("Police Scotland");
  const school = await agency("Musselburgh Grammar School");
  const housing = await agency("Housing");
  const withAgency = async (role: "analyst" | "member" | "evaluator", agencyId: string | null) => {
    const user = await addMember(ws, role);
    await db().update(memberships).set({ agencyId }).where(and(eq(memberships.userId, user.id), eq(memberships.workspaceId, ws.id)));
    return user;
  };
  const analyst = await withAgency("analyst", null);
  const policeMember = await withAgency("member", police);
  const housingMember = await withAgency("member", housing);
  const evaluator = await withAgency("evaluator", null);
  const unitCostId = newId();
  await db().insert(unitCosts).values({ id: unitCostId, workspaceId: ws.id, costCode: "MID-FOSTER-2016", description: "Foster care place", unit: "per year", fiscalCostPence: 2_800_000, priceYear: "2016-17", source: "Midlothian case study (June 2016)" });
  const caseId = await makeCase(ws, { reference: "VIS-001" });
  const actor = { userId: analyst.id };
  const base = { service: "", householdMemberId: undefined, recordingAgencyId: undefined, cost: "", unitCostId: undefined, quantity: "", overrideReason: "" };
  await addJourneyEvent(actor, ws.id, caseId, { ...base, occurredOn: "2015-03-14", agencyId: police, kind: "crisis", approach: "reactive", description: "Domestic incident attended at night", cost: "1,200.50", episodeKey: "EP1" });
  await addJourneyEvent(actor, ws.id, caseId, { ...base, occurredOn: "2015-03-17", agencyId: school, kind: "contact", approach: "preventative", description: "Pupil support worker met Child 1", cost: "60.01", episodeKey: "EP1" });
  await addJourneyEvent(actor, ws.id, caseId, { ...base, occurredOn: "2015-06-02", agencyId: school, kind: "intervention", approach: "reactive", description: "Placement with foster carers", unitCostId, quantity: "0.333" });
  return { ws, caseId, analyst, policeMember, housingMember, evaluator };
}

async function read(slug: string, caseId: string, who: TestUser) {
  const result = await callRoute(caseLoader, getRequest(`/w/${slug}/cases/${caseId}`, { cookie: who.cookie }), { ws: slug, id: caseId });
  return result.data as CasePage;
}

async function givePurpose(slug: string, caseId: string, who: TestUser, purpose: string) {
  return callRoute(caseAction, postRequest(`/w/${slug}/cases/${caseId}`, { intent: "purpose", purpose }, { cookie: who.cookie }), { ws: slug, id: caseId });
}

async function caseReads(workspaceId: string, userId: string) {
  return db().select().from(auditEvents).where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.actorUserId, userId), eq(auditEvents.kind, "case.read")));
}

describe("who sees what of a case", () => {
  it("the first read in a session asks for a purpose and shows nothing of the journey, and is not counted as a read", async () => {
    const { ws, caseId, evaluator } = await world();
    const page = await read(ws.slug, caseId, evaluator);
    expect(page.needsPurpose).toBe(true);
    expect(page.view).toBeUndefined();
    expect(await caseReads(ws.id, evaluator.id)).toHaveLength(0);
  });

  it("a purpose that is not one of the four is refused with a message and nothing recorded", async () => {
    const { ws, caseId, evaluator } = await world();
    const result = await givePurpose(ws.slug, caseId, evaluator, "curiosity");
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose why you are reading this case");
    expect((await read(ws.slug, caseId, evaluator)).needsPurpose).toBe(true);
  });

  it("an analyst sees every description and exact date; each read is audited with the purpose", async () => {
    const { ws, caseId, analyst } = await world();
    expect((await givePurpose(ws.slug, caseId, analyst, "analysis")).status).toBe(302);
    const page = await read(ws.slug, caseId, analyst);
    await read(ws.slug, caseId, analyst);
    expect(page.view?.level).toBe("full");
    expect(page.view?.events.map((e) => e.detail?.description)).toEqual(["Domestic incident attended at night", "Pupil support worker met Child 1", "Placement with foster carers"]);
    expect(page.view?.events[0].occurredOn).toBe(Date.UTC(2015, 2, 14));
    const reads = await caseReads(ws.id, analyst.id);
    expect(reads).toHaveLength(2);
    expect(reads.every((r) => r.purpose === "analysis" && r.targetId === caseId)).toBe(true);
  });

  it("a member sees in full only the events their agency recorded; the rest to the month, without descriptions", async () => {
    const { ws, caseId, policeMember } = await world();
    await givePurpose(ws.slug, caseId, policeMember, "case_review");
    const page = await read(ws.slug, caseId, policeMember);
    expect(page.view?.level).toBe("partial");
    expect(page.view?.events.map((e) => [e.full, e.detail?.description ?? null, e.occurredOn])).toEqual([
      [true, "Domestic incident attended at night", Date.UTC(2015, 2, 14)],
      [false, null, Date.UTC(2015, 2, 1)],
      [false, null, Date.UTC(2015, 5, 1)],
    ]);
    expect(JSON.stringify(page)).not.toContain("Pupil support worker");
    const [audit] = await caseReads(ws.id, policeMember.id);
    expect(audit.purpose).toBe("case_review");
    expect(audit.detail).toMatchObject({ level: "partial", eventsInFull: 1 });
  });

  it("a member of a third agency and an evaluator see the de-identified journey: kinds, agencies, months and costs", async () => {
    const { ws, caseId, housingMember, evaluator } = await world();
    for (const who of [housingMember, evaluator]) {
      await givePurpose(ws.slug, caseId, who, "evaluation");
      const page = await read(ws.slug, caseId, who);
      expect(page.view?.level).toBe("deidentified");
      expect(page.view?.events.every((e) => e.detail === null && new Date(e.occurredOn).getUTCDate() === 1)).toBe(true);
      expect(page.view?.events.map((e) => e.agencyName)).toEqual(["Police Scotland", "Musselburgh Grammar School", "Musselburgh Grammar School"]);
      const text = JSON.stringify(page);
      for (const secret of ["Domestic incident", "Pupil support", "foster carers"]) expect(text).not.toContain(secret);
    }
  });

  it("costs are exact pence: explicit pounds and a unit cost × 0.333 rounded half up once, in the page and in the list", async () => {
    const { ws, caseId, analyst } = await world();
    await givePurpose(ws.slug, caseId, analyst, "analysis");
    const page = await read(ws.slug, caseId, analyst);
    // £1,200.50 + £60.01 + (£28,000 × 0.333 = £9,324.00)
    expect(page.view?.events.map((e) => e.costPence)).toEqual([120_050, 6_001, 932_400]);
    expect(page.view?.evidence.totalPence).toBe(1_058_451);
    const { rows: [summary] } = await listCasePage(ws.id, { sort: "reference", page: 1, perPage: 50, thresholds: { minCriteria: 3, minAgencies: 5 } });
    expect(summary.costPence).toBe(1_058_451);
    const stored = await db().select({ costPence: journeyEvents.costPence, quantityMilli: journeyEvents.quantityMilli }).from(journeyEvents).where(eq(journeyEvents.caseId, caseId));
    expect(stored.map((s) => [s.costPence, s.quantityMilli])).toEqual([[120_050, null], [6_001, null], [null, 333]]);
  });

  it("one episode recorded by two agencies with different dates and kinds is marked for everyone", async () => {
    const { ws, caseId, evaluator } = await world();
    await givePurpose(ws.slug, caseId, evaluator, "evaluation");
    const page = await read(ws.slug, caseId, evaluator);
    expect(page.view?.events.map((e) => e.disagreement)).toEqual([["dates", "kinds"], ["dates", "kinds"], null]);
  });

  it("a case of another workspace is not found, even by id, and adding events is for analysts only", async () => {
    const { ws, caseId, policeMember } = await world();
    const other = await makeWorkspace();
    const otherCase = await makeCase(other);
    const foreign = await callRoute(caseLoader, getRequest(`/w/${ws.slug}/cases/${otherCase}`, { cookie: policeMember.cookie }), { ws: ws.slug, id: otherCase });
    expect(foreign.status).toBe(404);
    await givePurpose(ws.slug, caseId, policeMember, "case_review");
    const add = await callRoute(caseAction, postRequest(`/w/${ws.slug}/cases/${caseId}`, { intent: "add-event", occurredOn: "2015-07-01", agencyId: "x", kind: "contact", approach: "reactive" }, { cookie: policeMember.cookie }), { ws: ws.slug, id: caseId });
    expect(add.status).toBe(403);
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.caseId, caseId))).toHaveLength(3);
  });

  it("text that looks like an identifier is refused until the analyst gives a reason, which is audited without the text", async () => {
    const { ws, caseId, analyst } = await world();
    await givePurpose(ws.slug, caseId, analyst, "case_review");
    const [{ id: police }] = await db().select({ id: agencies.id }).from(agencies).where(and(eq(agencies.workspaceId, ws.id), eq(agencies.name, "Police Scotland")));
    const form = { intent: "add-event", occurredOn: "2015-07-01", agencyId: police, kind: "contact", approach: "reactive", description: "Met Sarah Mitchell at EH21 6XY" };
    const refused = await callRoute(caseAction, postRequest(`/w/${ws.slug}/cases/${caseId}`, form, { cookie: analyst.cookie }), { ws: ws.slug, id: caseId });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("a UK postcode");
    expect(await db().select().from(journeyEvents).where(eq(journeyEvents.caseId, caseId))).toHaveLength(3);
    const kept = await callRoute(caseAction, postRequest(`/w/${ws.slug}/cases/${caseId}`, { ...form, description: "Met at Mitchell Park, EH21 6XY depot", overrideReason: "Mitchell Park is a council depot, not a person" }, { cookie: analyst.cookie }), { ws: ws.slug, id: caseId });
    expect(kept.status).toBe(302);
    const [override] = await db().select().from(auditEvents).where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "case.identifier_override")));
    expect(override.detail).toEqual({ fields: [{ field: "description", kinds: ["postcode"] }], reason: "Mitchell Park is a council depot, not a person" });
    expect(JSON.stringify(override)).not.toContain("EH21");
  });

  it("the owner's audit page filters case reads by purpose", async () => {
    const { ws, caseId, analyst, evaluator } = await world();
    await givePurpose(ws.slug, caseId, analyst, "analysis");
    await read(ws.slug, caseId, analyst);
    await givePurpose(ws.slug, caseId, evaluator, "evaluation");
    await read(ws.slug, caseId, evaluator);
    const result = await callRoute(auditLoader, getRequest(`/w/${ws.slug}/audit?kind=case.read&purpose=evaluation`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    const page = result.data as { events: Array<{ who: string; purpose: string | null }>; total: number };
    expect(page.total).toBe(1);
    expect(page.events[0].purpose).toBe("Evaluation");
    expect(page.events[0].who).toBe(evaluator.displayName);
  });

  it("small counts on the cases summary are 'fewer than 5' for members and exact for analysts", async () => {
    const { ws, analyst, housingMember } = await world();
    const asMember = (await callRoute(casesLoader, getRequest(`/w/${ws.slug}/cases`, { cookie: housingMember.cookie }), { ws: ws.slug })).data as { placeRows: Array<{ cases: { text: string } }>; cases: Array<{ localityName: string | null }> };
    const asAnalyst = (await callRoute(casesLoader, getRequest(`/w/${ws.slug}/cases`, { cookie: analyst.cookie }), { ws: ws.slug })).data as typeof asMember;
    expect(asMember.placeRows[0].cases.text).toBe("fewer than 5");
    expect(asAnalyst.placeRows[0].cases.text).toBe("1");
  });
});
