import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createDecision } from "../../../app/models/decision/decision.server";
import { createSet } from "../../../app/models/set/set.server";
import { action as indicatorAction, loader as indicatorLoader } from "../../../app/routes/w.$ws.indicators.$id";
import { loader as estimateLoader } from "../../../app/routes/w.$ws.indicators.$id_.savings.$estimateId";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencies, auditEvents } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { indicatorActions, indicatorAgencies, indicatorDecisions, indicators, indicatorValues, savingsEstimates } from "../../../db/schema/indicators";
import { insightIndicators, insights } from "../../../db/schema/insights";
import { actions, decisions } from "../../../db/schema/learning";
import { makeIndicator, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

async function post(ws: { slug: string }, id: string, cookie: string, form: Record<string, string | string[]>) {
  return callRoute(indicatorAction, postRequest(`/w/${ws.slug}/indicators/${id}`, form, { cookie }), { ws: ws.slug, id });
}

const values = async (id: string) => (await db().select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id))).map((v) => `${v.period}=${v.value}`).sort();

describe("editing indicators", () => {
  it("an analyst adds a fractional value exactly, a bad one changes nothing, and both changes are audited", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"]] });
    const cookie = ws.users.analyst.cookie;
    expect((await post(ws, id, cookie, { intent: "add-value", period: "2019/20", value: "12.345", source: "Midlothian Council" })).status).toBe(302);
    const bad = await post(ws, id, cookie, { intent: "add-value", period: "2020", value: "twelve", source: "Midlothian Council" });
    expect(bad.status).toBe(400);
    const duplicate = await post(ws, id, cookie, { intent: "add-value", period: "2014", value: "3", source: "Midlothian Council" });
    expect(duplicate.status).toBe(400);
    expect(JSON.stringify(duplicate.data)).toContain("There is already a value for 2014: change that value instead");
    expect(await values(id)).toEqual(["2014=26", "2019-20=12.345"]);
    const [stored] = await db().select().from(indicatorValues).where(and(eq(indicatorValues.indicatorId, id), eq(indicatorValues.period, "2019-20")));
    expect(stored.valueMicros).toBe(12_345_000);

    expect((await post(ws, id, cookie, { intent: "delete-value", valueId: stored.id })).status).toBe(302);
    expect(await values(id)).toEqual(["2014=26"]);
    const kinds = (await db().select().from(auditEvents).where(eq(auditEvents.targetId, id))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["indicator.created", "indicator.value_added", "indicator.value_deleted"]));
  });

  it("a member and an evaluator may read an indicator but not change it", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"]] });
    for (const role of ["member", "evaluator", "facilitator"] as const) {
      const cookie = ws.users[role].cookie;
      expect((await callRoute(indicatorLoader, getRequest(`/w/${ws.slug}/indicators/${id}`, { cookie }), { ws: ws.slug, id })).status).toBe(200);
      expect((await post(ws, id, cookie, { intent: "add-value", period: "2015", value: "20", source: "S" })).status).toBe(403);
    }
    expect(await values(id)).toEqual(["2014=26"]);
  });

  it("an indicator cannot name another workspace's agency as a partner, nor be reached from another workspace", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws);
    const foreignAgency = newId();
    await db().insert(agencies).values({ id: foreignAgency, workspaceId: other.id, name: "Other council", kind: "council" });
    const result = await post(ws, id, ws.users.owner.cookie, { intent: "update", name: "Renamed indicator", polarity: "lower_is_better", agencyIds: foreignAgency });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose partner agencies of this workspace");
    const [row] = await db().select().from(indicators).where(eq(indicators.id, id));
    expect(row.name).toBe("Children in external placements");
    const foreign = await callRoute(indicatorLoader, getRequest(`/w/${other.slug}/indicators/${id}`, { cookie: other.users.owner.cookie }), { ws: other.slug, id });
    expect(foreign.status).toBe(404);
  });

  it("the indicator page gives the chart's points, the baseline and the verdict, honest about too little data", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"], ["2021-22", "5"]] });
    await post(ws, id, ws.users.analyst.cookie, { intent: "update", name: "Children in external placements", polarity: "lower_is_better", baselinePeriod: "2014", baselineValue: "26" });
    const r = await callRoute(indicatorLoader, getRequest(`/w/${ws.slug}/indicators/${id}`, { cookie: ws.users.member.cookie }), { ws: ws.slug, id });
    const page = r.data as { chart: string; verdict: { kind: string }; forecast: string | null };
    expect([...page.chart.matchAll(/data-period="([^"]+)" data-value="([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual(["2014=26", "2021-22=5"]);
    expect(page.chart).toContain("Baseline 26 (2014)");
    expect(page.verdict.kind).toBe("not-enough-data");
    expect(page.forecast).toBeNull();
    expect(page.chart).not.toContain('data-series="forecast"');
  });
});

/** The figures every test estimate shares (the demo's: 20% deadweight, 50% attribution, 25% optimism bias). */
const ESTIMATE = {
  intent: "add-estimate",
  deadweight: "20",
  attribution: "50",
  optimismBias: "25",
  confidence: "low",
  assumptions: "One year of a foster care place per placement avoided.",
};

/** An indicator with the Midlothian placements values and a foster care unit cost to estimate from. */
async function setUp() {
  const ws = await makeWorkspaceWithRoles();
  const { id } = await makeIndicator(ws, { values: [["2014", "26"], ["2021-22", "5"]] });
  const unitCostId = newId();
  await db().insert(unitCosts).values({
    id: unitCostId,
    workspaceId: ws.id,
    costCode: "MID-FOSTER-2016",
    description: "Foster care place",
    unit: "per year",
    fiscalCostPence: 2_800_000,
    priceYear: "2015-16",
    source: "Midlothian Council, Preventative Outreach Service case study (June 2016)",
  });
  const rows = await db().select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id));
  const by = (p: string) => rows.find((r) => r.period === p)?.id ?? "";
  return { ws, id, unitCostId, from: by("2014"), to: by("2021-22") };
}

describe("savings estimates", () => {
  it("an estimate carries its assumptions, source, price year and confidence with every step of the sum", async () => {
    const { ws, id, unitCostId, from, to } = await setUp();
    const created = await post(ws, id, ws.users.analyst.cookie, { ...ESTIMATE, title: "Cost avoided by 21 fewer external placements", fromValueId: from, toValueId: to, unitCostId });
    expect(created.status).toBe(302);
    const estimateId = /savings\/([^/]+)$/.exec(created.headers.get("Location") ?? "")?.[1] ?? "";
    const [stored] = await db().select().from(savingsEstimates).where(eq(savingsEstimates.id, estimateId));
    expect(stored).toMatchObject({ change: "21", changeMicros: 21_000_000, unitCostPence: 2_800_000, deadweightBp: 2000, attributionBp: 5000, optimismBiasBp: 2500, priceYear: "2015-16" });
    const page = await callRoute(estimateLoader, getRequest(`/w/${ws.slug}/indicators/${id}/savings/${estimateId}`, { cookie: ws.users.evaluator.cookie }), {
      ws: ws.slug,
      id,
      estimateId,
    });
    expect((page.data as { estimate: unknown }).estimate).toMatchObject({
      change: "21",
      unitCost: "£28,000.00",
      gross: "£588,000.00",
      afterDeadweight: "£470,400.00",
      attributable: "£235,200.00",
      net: "£176,400.00",
      deadweight: "20%",
      attribution: "50%",
      optimismBias: "25%",
      priceYear: "2015-16",
      confidence: "low",
      source: "Midlothian Council, Preventative Outreach Service case study (June 2016)",
      assumptions: "One year of a foster care place per placement avoided.",
    });
  });

  it("an estimate of a change for the worse, or with a percentage over 100, is refused and nothing is stored", async () => {
    const { ws, id, unitCostId, from, to } = await setUp();
    const base = { intent: "add-estimate", title: "Backwards estimate", unitCostId, deadweight: "20", attribution: "50", optimismBias: "25", confidence: "low", assumptions: "Assumptions written in full here." };
    const worse = await post(ws, id, ws.users.analyst.cookie, { ...base, fromValueId: to, toValueId: from });
    expect(worse.status).toBe(400);
    const over = await post(ws, id, ws.users.analyst.cookie, { ...base, fromValueId: from, toValueId: to, deadweight: "120" });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.data)).toContain("Enter the deadweight as a percentage from 0 to 100");
    expect(await db().select().from(savingsEstimates).where(eq(savingsEstimates.workspaceId, ws.id))).toEqual([]);
  });
});

type Page = { values: Array<{ id: string; period: string; value: string; note: string; source: string }>; chart: string; verdict: { kind: string } };

async function page(ws: { slug: string }, id: string, cookie: string) {
  const r = await callRoute(indicatorLoader, getRequest(`/w/${ws.slug}/indicators/${id}`, { cookie }), { ws: ws.slug, id });
  return r.data as Page & { deletion: { values: number; estimates: Array<{ title: string }>; insights: Array<{ statement: string }>; actions: number; hiddenActions: number; decisions: number; partners: number } | null };
}

describe("changing an indicator's values in place", () => {
  it("an analyst changes a value's period, value, note and source; the trend and verdict follow, and the change is audited with before and after", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"], ["2015", "20"], ["2016", "14"]] });
    const cookie = ws.users.analyst.cookie;
    expect((await page(ws, id, cookie)).verdict.kind).toBe("right-way");
    const row = (await page(ws, id, cookie)).values.find((v) => v.period === "2016")!;

    const changed = await post(ws, id, cookie, { intent: "update-value", valueId: row.id, period: "2017", value: "30.5", note: "Revised figure", source: "Midlothian Council, 2018 return" });
    expect(changed.status).toBe(302);
    const after = await page(ws, id, cookie);
    expect(after.values.map((v) => `${v.period}=${v.value}`)).toEqual(["2014=26", "2015=20", "2017=30.5"]);
    expect(after.values.at(-1)).toMatchObject({ id: row.id, note: "Revised figure", source: "Midlothian Council, 2018 return" });
    expect([...after.chart.matchAll(/<circle[^>]*data-period="([^"]+)" data-value="([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual(["2014=26", "2015=20", "2017=30.5"]);
    expect(after.verdict.kind).toBe("wrong-way");
    const [stored] = await db().select().from(indicatorValues).where(eq(indicatorValues.id, row.id));
    expect([stored.valueMicros, stored.periodStart]).toEqual([30_500_000, Date.UTC(2017, 0, 1)]);

    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "indicator.value_updated")));
    expect(audit.actorUserId).toBe(ws.users.analyst.id);
    expect(audit.detail).toMatchObject({
      valueId: row.id,
      changed: ["period", "value", "note", "source"],
      before: { period: "2016", value: "14", note: "", source: "Test source" },
      after: { period: "2017", value: "30.5", note: "Revised figure", source: "Midlothian Council, 2018 return" },
    });
  });

  it("a change to a bad value, or to a period another value holds, is refused with a clear message and changes nothing", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"], ["2015", "20"]] });
    const cookie = ws.users.owner.cookie;
    const row = (await page(ws, id, cookie)).values.find((v) => v.period === "2015")!;
    const bad = await post(ws, id, cookie, { intent: "update-value", valueId: row.id, period: "2015", value: "twenty", source: "S source" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ target: `value-${row.id}` });
    expect(JSON.stringify(bad.data)).toContain("Enter a number such as 26");
    const clash = await post(ws, id, cookie, { intent: "update-value", valueId: row.id, period: "2014", value: "3", source: "S source" });
    expect(clash.status).toBe(400);
    expect(JSON.stringify(clash.data)).toContain("There is already a value for 2014: change that value instead");
    const noSource = await post(ws, id, cookie, { intent: "update-value", valueId: row.id, period: "2015", value: "3", source: "" });
    expect(JSON.stringify(noSource.data)).toContain("Enter where the value comes from");
    expect(await values(id)).toEqual(["2014=26", "2015=20"]);
    expect(await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "indicator.value_updated")))).toEqual([]);
  });

  it("keeping a value's own period is allowed, and only the changed fields are named in the audit", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2021-22", "202"]] });
    const row = (await page(ws, id, ws.users.analyst.cookie)).values[0];
    expect((await post(ws, id, ws.users.analyst.cookie, { intent: "update-value", valueId: row.id, period: "2021-22", value: "202", source: "Test source", note: "Referrals to the youth justice service" })).status).toBe(302);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "indicator.value_updated")));
    expect(audit.detail).toMatchObject({ changed: ["note"] });
  });

  it("members, facilitators and evaluators cannot change or delete a value, and a value of another indicator or workspace cannot be reached", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspaceWithRoles();
    const { id } = await makeIndicator(ws, { values: [["2014", "26"]] });
    const { id: otherId } = await makeIndicator(other, { values: [["2014", "9"]] });
    const row = (await page(ws, id, ws.users.owner.cookie)).values[0];
    const foreignRow = (await page(other, otherId, other.users.owner.cookie)).values[0];
    for (const role of ["member", "evaluator", "facilitator"] as const) {
      const cookie = ws.users[role].cookie;
      expect((await post(ws, id, cookie, { intent: "update-value", valueId: row.id, period: "2014", value: "1", source: "Someone" })).status).toBe(403);
      expect((await post(ws, id, cookie, { intent: "delete-value", valueId: row.id })).status).toBe(403);
    }
    const cross = await post(ws, id, ws.users.analyst.cookie, { intent: "update-value", valueId: foreignRow.id, period: "2014", value: "1", source: "Someone" });
    expect(cross.status).toBe(404);
    const crossDelete = await post(ws, id, ws.users.analyst.cookie, { intent: "delete-value", valueId: foreignRow.id });
    expect(crossDelete.status).toBe(404);
    expect(await values(id)).toEqual(["2014=26"]);
    expect(await values(otherId)).toEqual(["2014=9"]);
  });
});

describe("deleting an indicator", () => {
  async function linkedIndicator() {
    const { ws, id, unitCostId, from, to } = await setUp();
    const agencyId = newId();
    await db().insert(agencies).values({ id: agencyId, workspaceId: ws.id, name: "Midlothian Council", kind: "council" });
    const openActionId = newId();
    await db().insert(actions).values({ id: openActionId, workspaceId: ws.id, ownerId: ws.users.member.id, description: "Map the placements panel" });
    // A set action the analyst is not part of: counted, never named.
    const set = await createSet({ userId: ws.owner.id }, ws.id, { name: "Board set", facilitatorId: ws.users.facilitator.id, memberIds: [ws.users.member.id], inquiryIds: [], groundRules: "", rhythm: "", slotMinutes: 30 });
    const setActionId = newId();
    await db().insert(actions).values({ id: setActionId, workspaceId: ws.id, setId: set.id, ownerId: ws.users.member.id, description: "Talk to the fostering team" });
    const decision = await createDecision({ userId: ws.owner.id }, ws.id, { decision: "Keep children at home where safe", rationale: "", decidedOn: "2015-06-01", inquiryIds: [] });
    await db().insert(indicatorAgencies).values({ indicatorId: id, agencyId });
    await db().insert(indicatorActions).values([{ indicatorId: id, actionId: openActionId }, { indicatorId: id, actionId: setActionId }]);
    await db().insert(indicatorDecisions).values({ indicatorId: id, decisionId: decision.id });
    const insightId = newId();
    await db().insert(insights).values({ id: insightId, workspaceId: ws.id, statement: "Fewer placements follow early help", kind: "finding" });
    await db().insert(insightIndicators).values({ insightId, indicatorId: id });
    const estimate = await post(ws, id, ws.users.analyst.cookie, { ...ESTIMATE, title: "Cost avoided by fewer placements", fromValueId: from, toValueId: to, unitCostId });
    expect(estimate.status).toBe(302);
    return { ws, id, agencyId, openActionId, setActionId, decisionId: decision.id, insightId };
  }

  it("before confirming, the analyst is told what goes and what is only unlinked", async () => {
    const { ws, id } = await linkedIndicator();
    expect((await page(ws, id, ws.users.analyst.cookie)).deletion).toEqual({
      values: 2,
      estimates: [{ id: expect.any(String), title: "Cost avoided by fewer placements" }],
      insights: [{ id: expect.any(String), statement: "Fewer placements follow early help" }],
      actions: 2,
      hiddenActions: 1,
      decisions: 1,
      partners: 1,
    });
    expect((await page(ws, id, ws.users.member.cookie)).deletion).toBeNull();
  });

  it("deleting takes its values, estimates and links in one go, keeps the actions, decisions, insights and agencies, and is audited", async () => {
    const { ws, id, agencyId, openActionId, setActionId, decisionId, insightId } = await linkedIndicator();
    const res = await post(ws, id, ws.users.analyst.cookie, { intent: "delete" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/w/${ws.slug}/indicators`);
    expect(await db().select().from(indicators).where(eq(indicators.id, id))).toEqual([]);
    for (const table of [indicatorValues, indicatorAgencies, indicatorActions, indicatorDecisions, insightIndicators, savingsEstimates] as const) {
      expect(await db().select().from(table).where(eq(table.indicatorId, id))).toEqual([]);
    }
    expect(await db().select({ id: actions.id }).from(actions).where(eq(actions.workspaceId, ws.id))).toEqual(expect.arrayContaining([{ id: openActionId }, { id: setActionId }]));
    expect(await db().select({ id: decisions.id }).from(decisions).where(eq(decisions.id, decisionId))).toHaveLength(1);
    expect(await db().select({ id: insights.id }).from(insights).where(eq(insights.id, insightId))).toHaveLength(1);
    expect(await db().select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId))).toHaveLength(1);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "indicator.deleted")));
    expect(audit.actorUserId).toBe(ws.users.analyst.id);
    expect(audit.detail).toEqual({
      name: "Children in external placements",
      values: 2,
      savingsEstimates: ["Cost avoided by fewer placements"],
      insightsUnlinked: 1,
      actionsUnlinked: 2,
      decisionsUnlinked: 1,
    });
    const gone = await callRoute(indicatorLoader, getRequest(`/w/${ws.slug}/indicators/${id}`, { cookie: ws.users.analyst.cookie }), { ws: ws.slug, id });
    expect(gone.status).toBe(404);
  });

  it("only those who may create indicators may delete one, and not from another workspace", async () => {
    const { ws, id } = await linkedIndicator();
    const other = await makeWorkspaceWithRoles();
    for (const role of ["member", "evaluator", "facilitator"] as const) expect((await post(ws, id, ws.users[role].cookie, { intent: "delete" })).status).toBe(403);
    expect((await post(other, id, other.users.owner.cookie, { intent: "delete" })).status).toBe(404);
    expect(await db().select().from(indicators).where(eq(indicators.id, id))).toHaveLength(1);
    expect(await db().select().from(savingsEstimates).where(eq(savingsEstimates.indicatorId, id))).toHaveLength(1);
  });
});
