import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as editAction, loader as editLoader } from "../../../app/routes/w.$ws.unit-costs.$id";
import { action, loader } from "../../../app/routes/w.$ws.unit-costs._index";
import { action as deflatorAction, loader as deflatorLoader } from "../../../app/routes/w.$ws.unit-costs.deflators";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { journeyEvents } from "../../../db/schema/cases";
import { auditEvents } from "../../../db/schema/core";
import { deflatorIndices, deflatorSeries, unitCosts } from "../../../db/schema/costs";
import { seedUnitCosts } from "../../../db/seeds/unit-costs";
import { addMember, makeCase, makeUnitCost, makeWorkspace, type TestUser, type TestWorkspace } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import type { RouteHandler } from "../../helpers/routes";
import { form } from "./files";

const FIELDS = {
  costCode: "NEW-1",
  outcomeCategory: "Housing",
  outcomeDetail: "Homelessness",
  description: "Temporary accommodation",
  unit: "per household per week",
  fiscalCost: "£1,234.56",
  agency: "Local authority",
  agencyDetail: "Housing",
  priceYear: "2019/20",
  source: "Test housing report (2020)",
  confidence: "high",
};

function post(ws: TestWorkspace, who: TestUser, body: Record<string, string> | FormData, path = "/unit-costs", fn: RouteHandler = action as RouteHandler) {
  return callRoute(fn, postRequest(`/w/${ws.slug}${path}`, body, { cookie: who.cookie }), { ws: ws.slug });
}

type Library = {
  rows: Array<{ id: string; costCode: string; fiscalCostPence: number; flags: Array<{ kind: string; reason: string }>; uprating: { kind: string; pence?: number; missing?: string[] } }>;
  series: { id: string; release: string; source: string } | null;
  canManage: boolean;
};

async function library(ws: TestWorkspace, who: TestUser, search = "") {
  const page = await callRoute(loader, getRequest(`/w/${ws.slug}/unit-costs${search}`, { cookie: who.cookie }), { ws: ws.slug });
  expect(page.status).toBe(200);
  return page.data as Library;
}

describe("the unit cost library", () => {
  it("an analyst adds, edits and deletes a unit cost; amounts are stored in pence and each step is audited", async () => {
    const ws = await makeWorkspace();
    const analyst = await addMember(ws, "analyst");
    expect((await post(ws, analyst, { intent: "create", ...FIELDS })).status).toBe(302);
    const [row] = await db().select().from(unitCosts).where(eq(unitCosts.workspaceId, ws.id));
    expect(row).toMatchObject({ costCode: "NEW-1", fiscalCostPence: 123_456, priceYear: "2019-20", confidence: "high", createdBy: analyst.id });

    const edit = callRoute(editAction, postRequest(`/w/${ws.slug}/unit-costs/${row.id}`, { intent: "update", ...FIELDS, fiscalCost: "1234.57" }, { cookie: analyst.cookie }), { ws: ws.slug, id: row.id });
    expect((await edit).status).toBe(302);
    const [edited] = await db().select().from(unitCosts).where(eq(unitCosts.id, row.id));
    expect(edited.fiscalCostPence).toBe(123_457);

    // The page says, before deleting, how many journey events lose their cost with it.
    const page = async () => (await callRoute(editLoader, getRequest(`/w/${ws.slug}/unit-costs/${row.id}`, { cookie: analyst.cookie }), { ws: ws.slug, id: row.id })).data as { eventsCosted: number };
    expect((await page()).eventsCosted).toBe(0);
    const caseId = await makeCase(ws);
    for (const day of [1, 2]) {
      await db()
        .insert(journeyEvents)
        .values({ id: newId(), workspaceId: ws.id, caseId, occurredOn: Date.UTC(2015, 2, day), kind: "intervention", approach: "preventative", unitCostId: row.id, quantityMilli: 1000 });
    }
    expect((await page()).eventsCosted).toBe(2);

    const del = await callRoute(editAction, postRequest(`/w/${ws.slug}/unit-costs/${row.id}`, { intent: "delete", unitCostId: row.id }, { cookie: analyst.cookie }), { ws: ws.slug, id: row.id });
    expect(del.status).toBe(302);
    expect(await db().select().from(unitCosts).where(eq(unitCosts.workspaceId, ws.id))).toEqual([]);
    const kinds = (await db().select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))).map((a) => a.kind).filter((k) => k.startsWith("unit_cost."));
    expect(kinds).toEqual(["unit_cost.created", "unit_cost.updated", "unit_cost.deleted"]);
  });

  it("bad form input gets a message against its field and writes nothing", async () => {
    const ws = await makeWorkspace();
    const res = await post(ws, ws.owner, { intent: "create", ...FIELDS, fiscalCost: "lots", priceYear: "2019", source: "" });
    expect(res.status).toBe(400);
    const errors = (res.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.fiscalCost).toEqual(["Enter the fiscal cost as an amount in pounds, such as 28000 or 1234.50"]);
    expect(errors.priceYear).toEqual(["Enter the price year as a financial year, such as 2015-16"]);
    expect(errors.source).toEqual(["Enter the source of the cost (publication and date)"]);
    expect(await db().select().from(unitCosts).where(eq(unitCosts.workspaceId, ws.id))).toEqual([]);
  });

  it("members read the library but cannot change it, and another workspace's entry cannot be edited from here", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const { id } = await makeUnitCost(ws);
    expect((await library(ws, member)).rows.map((r) => r.id)).toEqual([id]);
    expect((await library(ws, member)).canManage).toBe(false);
    expect((await post(ws, member, { intent: "delete", unitCostId: id })).status).toBe(403);

    const other = await makeWorkspace();
    const res = await post(other, other.owner, { intent: "delete", unitCostId: id });
    expect(res.status).toBe(404);
    expect(await db().select().from(unitCosts).where(eq(unitCosts.id, id))).toHaveLength(1);
  });

  it("stale and implausible entries are flagged with the reason, using the workspace's own settings", async () => {
    const ws = await makeWorkspace();
    await makeUnitCost(ws, { costCode: "A", fiscalCostPence: 2_800_000, priceYear: "2023-24" });
    await makeUnitCost(ws, { costCode: "B", fiscalCostPence: 3_000_000, priceYear: "2023-24" });
    await makeUnitCost(ws, { costCode: "C", fiscalCostPence: 2_800_000_00, priceYear: "2009-10" });
    const flagsOf = async () => Object.fromEntries((await library(ws, ws.owner)).rows.map((r) => [r.costCode, r.flags.map((f) => f.kind)]));
    expect(await flagsOf()).toEqual({ A: [], B: [], C: ["stale", "implausible"] });

    expect((await post(ws, ws.owner, { intent: "settings", staleAfterYears: "30", implausibleFactor: "200" })).status).toBe(302);
    expect(await flagsOf()).toEqual({ A: [], B: [], C: [] });
    const bad = await post(ws, ws.owner, { intent: "settings", staleAfterYears: "0", implausibleFactor: "ten" });
    expect(bad.status).toBe(400);
  });

  it("costs are uprated with a typed-in deflator series, which states its release and source, and say which year it lacks", async () => {
    const ws = await makeWorkspace();
    await makeUnitCost(ws, { costCode: "FOSTER", fiscalCostPence: 2_800_000, priceYear: "2015-16" });
    await makeUnitCost(ws, { costCode: "OLD", fiscalCostPence: 9_300_000, priceYear: "2009-10" });
    expect((await library(ws, ws.owner, "?year=2024-25")).rows.map((r) => r.uprating.kind)).toEqual(["none", "none"]);

    const values = "Financial year, Index\n2015-16, 80.000\n2024-25\t100.000\n";
    const created = await post(ws, ws.owner, { intent: "create", name: "Hand-made test series", release: "Test release 1", source: "Written for this test", values }, "/unit-costs/deflators", deflatorAction);
    expect(created.status).toBe(302);
    const [series] = await db().select().from(deflatorSeries).where(eq(deflatorSeries.workspaceId, ws.id));
    expect(await db().select().from(deflatorIndices).where(eq(deflatorIndices.seriesId, series.id)).orderBy(deflatorIndices.financialYear)).toEqual([
      { seriesId: series.id, financialYear: "2015-16", indexMilli: 80_000 },
      { seriesId: series.id, financialYear: "2024-25", indexMilli: 100_000 },
    ]);

    const view = await library(ws, ws.owner, `?year=2024-25&series=${series.id}`);
    expect(view.series).toMatchObject({ release: "Test release 1", source: "Written for this test" });
    const byCode = Object.fromEntries(view.rows.map((r) => [r.costCode, r.uprating]));
    expect(byCode.FOSTER).toMatchObject({ kind: "uprated", pence: 3_500_000 });
    expect(byCode.OLD).toEqual({ kind: "no-deflator", missing: ["2009-10"] });
  });

  it("a deflator series with an unreadable line is refused line by line and nothing is written", async () => {
    const ws = await makeWorkspace();
    const res = await post(ws, ws.owner, { intent: "create", name: "S", release: "R", source: "Src", values: "2015-16, 80\n2016-17, n/a\nlast year, 90\n2015/16, 81" }, "/unit-costs/deflators", deflatorAction);
    expect(res.status).toBe(400);
    expect((res.data as { result: { error: Record<string, string[]> } }).result.error.values).toEqual([
      "Line 2: The index for 2016-17, “n/a”, is not a positive number",
      "Line 3: “last year” is not a financial year such as 2015-16",
      "Line 4: 2015-16 appears more than once",
    ]);
    expect(await db().select().from(deflatorSeries).where(eq(deflatorSeries.workspaceId, ws.id))).toEqual([]);
  });

  it("HM Treasury's layout imports from CSV with title rows and footnotes; a bad row refuses the whole file", async () => {
    const ws = await makeWorkspace();
    const meta = { name: "GDP deflator at market prices", release: "Test release", source: "Hand-made test file" };
    const good = "GDP deflators at market prices\nTest copy\n\nFinancial year,GDP deflator (2015-16 = 100),Per cent change\n2014-15,99.500,\n2015-16,100.000,0.5\n\nNotes: test footnote\n";
    const ok = await post(ws, ws.owner, form(new TextEncoder().encode(good), "deflators.csv", { intent: "import", ...meta }), "/unit-costs/deflators", deflatorAction);
    expect(ok.status).toBe(302);
    const page = await callRoute(deflatorLoader, getRequest(`/w/${ws.slug}/unit-costs/deflators`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    expect((page.data as { series: Array<{ release: string; values: unknown[] }> }).series).toMatchObject([
      { release: "Test release", values: [{ financialYear: "2014-15", index: "99.500" }, { financialYear: "2015-16", index: "100.000" }] },
    ]);

    const bad = "Financial year,GDP deflator\n2016-17,abc\n";
    const refused = await post(ws, ws.owner, form(new TextEncoder().encode(bad), "bad.csv", { intent: "import", ...meta }), "/unit-costs/deflators", deflatorAction);
    expect(refused.status).toBe(400);
    expect((refused.data as { problems: string[] }).problems).toEqual([
      "Nothing was imported. Correct these rows and upload the file again:",
      "Row 2: The index for 2016-17, “abc”, is not a positive number",
    ]);
    expect(await db().select().from(deflatorSeries).where(eq(deflatorSeries.workspaceId, ws.id))).toHaveLength(1);
  });

  it("the demo seed's costs carry their sources and upsert by cost code", async () => {
    const ws = await makeWorkspace();
    const foundation = { workspaceId: ws.id, users: {}, agencies: {}, now: Date.now(), startedAt: Date.now() };
    await seedUnitCosts(db(), foundation);
    await seedUnitCosts(db(), foundation);
    const rows = await db().select().from(unitCosts).where(eq(unitCosts.workspaceId, ws.id)).orderBy(unitCosts.costCode);
    expect(rows.map((r) => [r.costCode, r.fiscalCostPence, r.unit, r.priceYear, r.source])).toEqual([
      ["MID-FOSTER-2016", 2_800_000, "per year", "2015-16", "Midlothian Council, Preventative Outreach Service case study (June 2016)"],
      ["WES-CAREPROC-2010", 9_300_000, "per family", "2009-10", "Total Place conference report (March 2010): Westminster family recovery programme"],
    ]);
    expect(rows[0].description).toContain("inferred from the publication date");
  });
});
