import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as indicatorAction, loader as indicatorLoader } from "../../../app/routes/w.$ws.indicators.$id";
import { loader as estimateLoader } from "../../../app/routes/w.$ws.indicators.$id_.savings.$estimateId";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencies, auditEvents } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { indicators, indicatorValues, savingsEstimates } from "../../../db/schema/indicators";
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
    expect(JSON.stringify(duplicate.data)).toContain("There is already a value for 2014");
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

describe("savings estimates", () => {
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

  it("an estimate carries its assumptions, source, price year and confidence with every step of the sum", async () => {
    const { ws, id, unitCostId, from, to } = await setUp();
    const created = await post(ws, id, ws.users.analyst.cookie, {
      intent: "add-estimate",
      title: "Cost avoided by 21 fewer external placements",
      fromValueId: from,
      toValueId: to,
      unitCostId,
      deadweight: "20",
      attribution: "50",
      optimismBias: "25",
      confidence: "low",
      assumptions: "One year of a foster care place per placement avoided.",
    });
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
