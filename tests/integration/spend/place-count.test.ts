import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAgency } from "../../../app/models/agency/agency.server";
import { getPlaceCount } from "../../../app/models/spend/spend.server";
import { createSpendLine } from "../../../app/models/spend/spend.server";
import { loader as placeLoader } from "../../../app/routes/w.$ws.spend._index";
import { loader as csvLoader } from "../../../app/routes/w.$ws.spend.aggregates[.csv]";
import {
  action as linesAction,
  loader as linesLoader,
} from "../../../app/routes/w.$ws.spend.lines";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { spendLines } from "../../../db/schema/spend";
import { makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

async function agency(wsId: string, ownerId: string, name: string) {
  const a = await createAgency({ userId: ownerId }, wsId, { name, kind: "council" });
  if (!a.ok) throw new Error(a.reason);
  return a.id;
}

const line = (over: Partial<Parameters<typeof createSpendLine>[2]>) => ({
  financialYear: 2014,
  service: "",
  category: "children_and_families",
  amount: "0",
  vulnerableShare: "0",
  approach: "reactive",
  source: "Illustrative",
  notes: "",
  ...over,
});

/**
 * Four lines whose totals are worked out by hand:
 *   council 2014 children 1,000.00 @ 80%   → vulnerable 800.00
 *   council 2015 children   333.33 @ 33.33% → 33333 × 3333 / 10000 = 11109.8889p
 *   police  2014 justice  2,500.00 @ 12.5%  → 312.50
 *   police  2015 justice   -100.01 @ 50%    → -5000.5p (a credit)
 * Total 3,733.32; vulnerable = 80000 + 11109.8889 + 31250 − 5000.5 = 117359.3889 → 117359p;
 * share 117359 / 373332 = 31.44% (3144 bp).
 */
async function world() {
  const ws = await makeWorkspaceWithRoles();
  const council = await agency(ws.id, ws.owner.id, '=HYPERLINK("http://evil.example","Council")');
  const police = await agency(ws.id, ws.owner.id, "Police");
  const actor = { userId: ws.users.analyst.id };
  await createSpendLine(
    actor,
    ws.id,
    line({ agencyId: council, amount: "1000.00", vulnerableShare: "80" }) as never,
  );
  await createSpendLine(
    actor,
    ws.id,
    line({
      agencyId: council,
      financialYear: 2015,
      amount: "333.33",
      vulnerableShare: "33.33",
      approach: "preventative",
    }) as never,
  );
  await createSpendLine(
    actor,
    ws.id,
    line({
      agencyId: police,
      category: "justice",
      amount: "2500",
      vulnerableShare: "12.5",
    }) as never,
  );
  await createSpendLine(
    actor,
    ws.id,
    line({
      agencyId: police,
      financialYear: 2015,
      category: "justice",
      amount: "-100.01",
      vulnerableShare: "50",
    }) as never,
  );
  return { ws, council, police };
}

describe("the place count", () => {
  it("totals are exact in pence against hand-computed figures", async () => {
    const { ws, council, police } = await world();
    const count = await getPlaceCount(ws.id);
    expect(count.total).toEqual({
      lines: 4,
      pence: 373332,
      vulnerablePence: 117359,
      vulnerableBp: 3144,
    });
    const byAgency = Object.fromEntries(
      count.byAgency.map((g) => [g.key, [g.pence, g.vulnerablePence]]),
    );
    // council: 80000 + 11109.8889 = 91109.8889 → 91110; police: 31250 − 5000.5 = 26249.5 → 26250 (half away from zero)
    expect(byAgency).toEqual({ [council]: [133333, 91110], [police]: [239999, 26250] });
    expect(count.byYear.map((g) => [g.key, g.pence])).toEqual([
      ["2014", 350000],
      ["2015", 23332],
    ]);
    expect(count.byApproach.map((g) => [g.key, g.pence])).toEqual([
      ["reactive", 339999],
      ["preventative", 33333],
    ]);
    expect(count.byCategory.map((g) => [g.key, g.pence])).toEqual([
      ["children_and_families", 133333],
      ["justice", 239999],
    ]);
  });

  it("filters narrow every total, and bad filters in the URL are reported, not applied", async () => {
    const { ws, police } = await world();
    expect((await getPlaceCount(ws.id, { year: 2015, agency: police })).total.pence).toBe(-10001);
    const ok = await callRoute(
      placeLoader,
      getRequest(`/w/${ws.slug}/spend?year=2014&category=justice`, {
        cookie: ws.users.member.cookie,
      }),
      { ws: ws.slug },
    );
    expect(ok.status).toBe(200);
    expect((ok.data as { count: { total: { pence: number } } }).count.total.pence).toBe(250000);
    const bad = await callRoute(
      placeLoader,
      getRequest(`/w/${ws.slug}/spend?year=twenty&category=justice`, {
        cookie: ws.users.member.cookie,
      }),
      { ws: ws.slug },
    );
    expect(bad.status).toBe(400);
    const body = bad.data as { errors: string[]; count: { total: { pence: number } } };
    expect(body.errors[0]).toMatch(/^Year: /);
    expect(body.count.total.pence).toBe(239999);
  });

  it("the place count page's charts carry the right bars", async () => {
    const { ws, council, police } = await world();
    const page = await callRoute(
      placeLoader,
      getRequest(`/w/${ws.slug}/spend`, { cookie: ws.users.evaluator.cookie }),
      { ws: ws.slug },
    );
    const { charts } = page.data as { charts: { agencies: string; years: string } };
    const segments = [
      ...charts.agencies.matchAll(
        /<rect class="segment" data-group="([^"]+)" data-category="([^"]+)" data-pence="(-?\d+)"/g,
      ),
    ].map((m) => [m[1], m[2], Number(m[3])]);
    expect(segments).toEqual([
      [police, "justice", 239999],
      [council, "children_and_families", 133333],
    ]);
    const years = [
      ...charts.years.matchAll(
        /<g class="year" data-year="(\d+)" data-pence="(-?\d+)" data-vulnerable-pence="(-?\d+)"/g,
      ),
    ].map((m) => m.slice(1).map(Number));
    expect(years).toEqual([
      [2014, 350000, 111250],
      [2015, 23332, 6109],
    ]);
  });

  it("the aggregates CSV neutralises formula cells, writes credits in brackets and is audited", async () => {
    const { ws } = await world();
    const res = await callRoute(
      csvLoader,
      getRequest(`/w/${ws.slug}/spend/aggregates.csv?year=2015`, {
        cookie: ws.users.evaluator.cookie,
      }),
      { ws: ws.slug },
    );
    expect(res.status).toBe(200);
    const text = await res.response!.text();
    const rows = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(rows[0]).toBe(
      "Dimension,Group,Lines,Spend (GBP),Spent on vulnerable families (GBP),Vulnerable-family share (%)",
    );
    expect(rows).toContain(
      `Agency,"'=HYPERLINK(""http://evil.example"",""Council"")",1,333.33,111.10,33.3`,
    );
    expect(rows).toContain("Agency,Police,1,(100.01),(50.01),0.0");
    expect(
      rows.every((r) => r.split(",").every((cell) => !/^[=+\-@\t\r]/.test(cell.replace(/^"/, "")))),
    ).toBe(true);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "spend.aggregates_exported")),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0].actorUserId).toBe(ws.users.evaluator.id);
  });
});

describe("spend lines", () => {
  it("an analyst adds, edits and deletes a line, each change audited; a bad amount changes nothing", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.analyst.cookie;
    const fields = {
      intent: "create",
      financialYear: "2014",
      category: "housing",
      amount: "£1,234.56",
      vulnerableShare: "25",
      approach: "preventative",
      source: "Illustrative demo figure",
    };
    expect(
      (
        await callRoute(linesAction, postRequest(`/w/${ws.slug}/spend/lines`, fields, { cookie }), {
          ws: ws.slug,
        })
      ).status,
    ).toBe(302);
    const [created] = await db().select().from(spendLines).where(eq(spendLines.workspaceId, ws.id));
    expect([created.amountPence, created.vulnerableShareBp, created.category]).toEqual([
      123456,
      2500,
      "housing",
    ]);

    const bad = await callRoute(
      linesAction,
      postRequest(
        `/w/${ws.slug}/spend/lines`,
        { ...fields, intent: "update", lineId: created.id, amount: "lots" },
        { cookie },
      ),
      { ws: ws.slug },
    );
    expect(bad.status).toBe(400);
    // The errors go back to that line's own form, not the new-line form.
    expect(bad.data).toMatchObject({ target: created.id });
    expect(JSON.stringify(bad.data)).toContain("Enter the amount in pounds");
    expect(
      (await db().select().from(spendLines).where(eq(spendLines.id, created.id)))[0].amountPence,
    ).toBe(123456);

    await callRoute(
      linesAction,
      postRequest(
        `/w/${ws.slug}/spend/lines`,
        { ...fields, intent: "update", lineId: created.id, amount: "(10.00)" },
        { cookie },
      ),
      { ws: ws.slug },
    );
    expect(
      (await db().select().from(spendLines).where(eq(spendLines.id, created.id)))[0].amountPence,
    ).toBe(-1000);
    await callRoute(
      linesAction,
      postRequest(
        `/w/${ws.slug}/spend/lines`,
        { intent: "delete", lineId: created.id },
        { cookie },
      ),
      { ws: ws.slug },
    );
    expect(await db().select().from(spendLines).where(eq(spendLines.workspaceId, ws.id))).toEqual(
      [],
    );
    const kinds = (
      await db()
        .select({ kind: auditEvents.kind })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, created.id))
    )
      .map((a) => a.kind)
      .sort();
    expect(kinds).toEqual(["spend.line_created", "spend.line_deleted", "spend.line_updated"]);
  });

  it("a line of another workspace cannot be edited or deleted from this one", async () => {
    const a = await makeWorkspaceWithRoles();
    const b = await makeWorkspaceWithRoles();
    const { id } = await createSpendLine(
      { userId: b.owner.id },
      b.id,
      line({ amount: "5.00" }) as never,
    );
    const res = await callRoute(
      linesAction,
      postRequest(
        `/w/${a.slug}/spend/lines`,
        { intent: "delete", lineId: id },
        { cookie: a.users.analyst.cookie },
      ),
      { ws: a.slug },
    );
    expect(res.status).toBe(404);
    expect(await db().select().from(spendLines).where(eq(spendLines.id, id))).toHaveLength(1);
  });

  it("the place count follows a line's change and deletion, and the audit says what changed and what went", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.analyst.cookie;
    const police = await agency(ws.id, ws.owner.id, "Police Scotland");
    const post = (fields: Record<string, string>) =>
      callRoute(linesAction, postRequest(`/w/${ws.slug}/spend/lines`, fields, { cookie }), {
        ws: ws.slug,
      });
    const total = async () =>
      (
        (
          await callRoute(
            placeLoader,
            getRequest(`/w/${ws.slug}/spend`, { cookie: ws.users.member.cookie }),
            { ws: ws.slug },
          )
        ).data as { count: { total: { pence: number } } }
      ).count.total.pence;
    const { id: kept } = await createSpendLine(
      { userId: ws.owner.id },
      ws.id,
      line({ amount: "100.00" }) as never,
    );
    const { id } = await createSpendLine(
      { userId: ws.owner.id },
      ws.id,
      line({
        amount: "2,500.00",
        agencyId: police,
        category: "justice",
        source: "Police Scotland returns",
      }) as never,
    );
    expect(await total()).toBe(260000);

    const fields = {
      intent: "update",
      lineId: id,
      financialYear: "2014",
      agencyId: police,
      category: "housing",
      amount: "2,000.50",
      vulnerableShare: "0",
      approach: "reactive",
      source: "Police Scotland returns",
    };
    expect((await post(fields)).status).toBe(302);
    expect(await total()).toBe(210050);
    const [updated] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "spend.line_updated")));
    expect(updated.actorUserId).toBe(ws.users.analyst.id);
    expect(updated.detail).toEqual({
      changed: ["category", "amountPence"],
      before: { category: "justice", amountPence: 250000 },
      after: { category: "housing", amountPence: 200050 },
    });

    // Back to the list as it was filtered.
    const deleting = await callRoute(
      linesAction,
      postRequest(
        `/w/${ws.slug}/spend/lines?year=2014`,
        { intent: "delete", lineId: id },
        { cookie },
      ),
      { ws: ws.slug },
    );
    expect(deleting.status).toBe(302);
    expect(deleting.headers.get("Location")).toBe(`/w/${ws.slug}/spend/lines?year=2014`);
    expect(await total()).toBe(10000);
    const [deleted] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "spend.line_deleted")));
    expect(deleted.detail).toMatchObject({
      amountPence: 200050,
      financialYear: 2014,
      agencyId: police,
      category: "housing",
      source: "Police Scotland returns",
    });
    expect(
      (
        await db()
          .select({ id: spendLines.id })
          .from(spendLines)
          .where(eq(spendLines.workspaceId, ws.id))
      ).map((r) => r.id),
    ).toEqual([kept]);
  });

  it("members, facilitators and evaluators read spend lines but cannot add, change or delete one", async () => {
    const ws = await makeWorkspaceWithRoles();
    const { id } = await createSpendLine(
      { userId: ws.owner.id },
      ws.id,
      line({ amount: "5.00" }) as never,
    );
    const fields = {
      financialYear: "2014",
      category: "housing",
      amount: "9.00",
      vulnerableShare: "0",
      approach: "reactive",
      source: "Someone's figure",
    };
    for (const role of ["member", "facilitator", "evaluator"] as const) {
      const cookie = ws.users[role].cookie;
      expect(
        (
          await callRoute(linesLoader, getRequest(`/w/${ws.slug}/spend/lines`, { cookie }), {
            ws: ws.slug,
          })
        ).status,
      ).toBe(200);
      const forms: Record<string, string>[] = [
        { ...fields, intent: "create" },
        { ...fields, intent: "update", lineId: id },
        { intent: "delete", lineId: id },
      ];
      for (const form of forms) {
        const res = await callRoute(
          linesAction,
          postRequest(`/w/${ws.slug}/spend/lines`, form, { cookie }),
          { ws: ws.slug },
        );
        expect(res.status, `${role} posting ${form.intent}`).toBe(403);
      }
    }
    const rows = await db().select().from(spendLines).where(eq(spendLines.workspaceId, ws.id));
    expect(rows.map((r) => [r.id, r.amountPence])).toEqual([[id, 500]]);
  });
});
