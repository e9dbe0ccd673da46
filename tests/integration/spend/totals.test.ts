import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAgency } from "../../../app/models/agency/agency.server";
import { runRetention } from "../../../app/models/retention/retention.server";
import {
  commitSpendImport,
  computePreview,
  createSpendImport,
  getSpendImport,
} from "../../../app/models/spend/spend-import.server";
import {
  createSpendLine,
  deleteSpendLine,
  getPlaceCount,
  updateSpendLine,
} from "../../../app/models/spend/spend.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { getDb } from "../../../db/client";
import { runPostMigrationSql } from "../../../db/migrate";
import { agencies } from "../../../db/schema/core";
import { localities } from "../../../db/schema/places";
import { spendLines, spendTotals } from "../../../db/schema/spend";
import { makeWorkspaceWithRoles } from "../../helpers/factories";

/*
 * The place count reads spend_totals, kept by triggers. After every kind of write — import, add,
 * edit, delete, retention, an agency removed under its lines — the totals must equal an
 * aggregation of the lines done from scratch, row for row, and hold no empty groups.
 */

type Totals = Array<Record<string, string | number>>;

async function fromScratch(workspaceId: string): Promise<Totals> {
  const result = await getDb().client.execute({
    sql: `SELECT financial_year AS year, coalesce(agency_id, '') AS agency, category,
            coalesce(locality_id, '') AS area, approach, count(*) AS lines, sum(amount_pence) AS pence,
            sum((amount_pence / 10000) * vulnerable_share_bp) AS whole,
            sum((amount_pence % 10000) * vulnerable_share_bp) AS remainder
          FROM spend_lines WHERE workspace_id = ? GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    args: [workspaceId],
  });
  return result.rows.map((r) => ({ ...r }) as Record<string, string | number>);
}

async function kept(workspaceId: string): Promise<Totals> {
  const result = await getDb().client.execute({
    sql: `SELECT financial_year AS year, agency_key AS agency, category, locality_key AS area,
            approach, lines, pence, share_whole AS whole, share_remainder AS remainder
          FROM spend_totals WHERE workspace_id = ? ORDER BY 1, 2, 3, 4, 5`,
    args: [workspaceId],
  });
  return result.rows.map((r) => ({ ...r }) as Record<string, string | number>);
}

async function expectTotalsExact(workspaceId: string) {
  const expected = await fromScratch(workspaceId);
  expect(await kept(workspaceId)).toEqual(expected);
  return expected;
}

const field = (over: Partial<Parameters<typeof createSpendLine>[2]>) =>
  ({
    financialYear: 2016,
    service: "Family support",
    category: "children_and_families",
    amount: "0",
    vulnerableShare: "0",
    approach: "preventative",
    source: "Illustrative",
    notes: "",
    ...over,
  }) as Parameters<typeof createSpendLine>[2];

async function world() {
  const ws = await makeWorkspaceWithRoles();
  const actor = { userId: ws.users.analyst.id };
  const agency = async (name: string) => {
    const a = await createAgency({ userId: ws.owner.id }, ws.id, { name, kind: "council" });
    if (!a.ok) throw new Error(a.reason);
    return a.id;
  };
  const council = await agency("East Lothian Council");
  const police = await agency("Police Scotland");
  const area = newId();
  await db()
    .insert(localities)
    .values({ id: area, workspaceId: ws.id, name: "Musselburgh", position: 0 });
  return { ws, actor, council, police, area };
}

/** A template file with credits, shares, agencies, an area and two years. */
function templateFile(): Uint8Array {
  const rows = [
    "Financial year,Agency,Service,Area,Category,Amount,Vulnerable-family share (%),Approach",
    "2014-15,East Lothian Council,Children's social work,Musselburgh,Children and families,1234567.89,62.5,Reactive",
    "2014-15,East Lothian Council,Children's social work,Musselburgh,Children and families,-999.99,62.5,Reactive",
    "2014-15,Police Scotland,Response policing,,Justice,333333.33,33.33,Reactive",
    "2015-16,Police Scotland,Response policing,,Justice,0.01,12.5,Reactive",
    "2015-16,,Universal services,,Universal,48000.00,0,Universal",
    "2015-16,East Lothian Council,Early years,Musselburgh,Education,7777.77,17.77,Preventative",
  ];
  return new TextEncoder().encode(rows.join("\r\n"));
}

async function importTemplate(workspaceId: string, userId: string) {
  const created = await createSpendImport({ userId }, workspaceId, {
    fileName: "template.csv",
    bytes: templateFile(),
    source: "Partners",
  });
  if (!created.ok) throw new Error(created.message);
  const staged = (await getSpendImport(workspaceId, created.id))!;
  const preview = await computePreview(workspaceId, staged.payload);
  expect(preview.problems).toEqual([]);
  const result = await commitSpendImport({ userId }, workspaceId, created.id, {
    lines: preview.drafts.length,
    totalPence: preview.totalPence,
  });
  expect(result).toMatchObject({ ok: true, lines: 6 });
}

describe("the place count's running totals", () => {
  it("equal a from-scratch aggregation of the lines after an import, an add, an edit, a delete, retention and an agency removed", async () => {
    const { ws, actor, council, police, area } = await world();
    const other = await world();
    await importTemplate(other.ws.id, other.actor.userId);
    const otherTotals = await expectTotalsExact(other.ws.id);

    await importTemplate(ws.id, actor.userId);
    const afterImport = await expectTotalsExact(ws.id);
    expect(afterImport).toHaveLength(5);
    expect(afterImport.reduce((n, r) => n + Number(r.lines), 0)).toBe(6);

    const added = await createSpendLine(
      actor,
      ws.id,
      field({ agencyId: council, localityId: area, amount: "250.50", vulnerableShare: "80" }),
    );
    const second = await createSpendLine(
      actor,
      ws.id,
      field({ agencyId: police, financialYear: 2015, category: "justice", amount: "-42.42" }),
    );
    await expectTotalsExact(ws.id);

    // Every part of the key and both money columns change; then only the notes change.
    await updateSpendLine(
      actor,
      ws.id,
      added.id,
      field({
        agencyId: police,
        localityId: undefined,
        financialYear: 2014,
        category: "justice",
        approach: "reactive",
        amount: "1000000.01",
        vulnerableShare: "99.99",
      }),
    );
    await expectTotalsExact(ws.id);
    await updateSpendLine(
      actor,
      ws.id,
      second.id,
      field({
        agencyId: police,
        financialYear: 2015,
        category: "justice",
        amount: "-42.42",
        notes: "Checked against the ledger",
      }),
    );
    await expectTotalsExact(ws.id);

    expect(await deleteSpendLine(actor, ws.id, second.id)).toBe(true);
    await expectTotalsExact(ws.id);

    // Retention removes the lines not changed for the evidence period.
    const [oldest] = await db()
      .select({ id: spendLines.id })
      .from(spendLines)
      .where(eq(spendLines.workspaceId, ws.id))
      .limit(2);
    await db().update(spendLines).set({ updatedAt: 1 }).where(eq(spendLines.id, oldest.id));
    const run = await runRetention({ now: new Date() });
    expect(run).toMatchObject({ ran: true });
    expect(
      await db().select({ id: spendLines.id }).from(spendLines).where(eq(spendLines.id, oldest.id)),
    ).toEqual([]);
    await expectTotalsExact(ws.id);

    // An agency removed under its lines (the foreign key sets them to no agency).
    await db().delete(agencies).where(eq(agencies.id, council));
    const afterAgency = await expectTotalsExact(ws.id);
    expect(afterAgency.some((r) => r.agency === council)).toBe(false);

    const none = await db()
      .select({ n: sql<number>`count(*)` })
      .from(spendTotals)
      .where(eq(spendTotals.lines, 0));
    expect(none[0].n).toBe(0);
    expect(await kept(other.ws.id)).toEqual(otherTotals);

    // The page's figures are the lines' own.
    const count = await getPlaceCount(ws.id);
    const [sum] = await db()
      .select({
        lines: sql<number>`count(*)`,
        pence: sql<number>`sum(${spendLines.amountPence})`,
      })
      .from(spendLines)
      .where(eq(spendLines.workspaceId, ws.id));
    expect({ lines: count.total.lines, pence: count.total.pence }).toEqual({
      lines: Number(sum.lines),
      pence: Number(sum.pence),
    });
  });

  it("are filled from the lines when a database from before them is started", async () => {
    const { ws, actor } = await world();
    await importTemplate(ws.id, actor.userId);
    const expected = await fromScratch(ws.id);
    const client = getDb().client;
    // A database as it was before spend_totals existed: no triggers, nothing summed.
    for (const name of [
      "spend_totals_line_inserted",
      "spend_totals_line_deleted",
      "spend_totals_line_updated",
    ])
      await client.execute(`DROP TRIGGER ${name}`);
    await client.execute("DELETE FROM spend_totals");
    await runPostMigrationSql(client);
    expect(await kept(ws.id)).toEqual(expected);
    // Started again: filled once, not twice, and kept from then on.
    await runPostMigrationSql(client);
    expect(await kept(ws.id)).toEqual(expected);
    await createSpendLine(actor, ws.id, field({ amount: "10.00" }));
    await expectTotalsExact(ws.id);
  });
});
