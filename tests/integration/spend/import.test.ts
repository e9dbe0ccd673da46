import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAgency } from "../../../app/models/agency/agency.server";
import { COLUMN_ROLES, type ColumnRole } from "../../../app/models/spend/spend-columns";
import {
  commitSpendImport,
  computePreview,
  createSpendImport,
  getSpendImport,
  loadSavedRules,
  updateSpendImport,
  type ImportChoices,
} from "../../../app/models/spend/spend-import.server";
import { deleteSpendLine } from "../../../app/models/spend/spend.server";
import { db } from "../../../app/utils/db.server";
import { agencies, auditEvents } from "../../../db/schema/core";
import { imports } from "../../../db/schema/imports";
import { spendLines, spendMappingRules } from "../../../db/schema/spend";
import { makeWorkspaceWithRoles } from "../../helpers/factories";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/spend");
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)));

async function world() {
  const ws = await makeWorkspaceWithRoles();
  return { ws, actor: { userId: ws.users.analyst.id } };
}

async function stage(workspaceId: string, userId: string, name: string, source = "") {
  const result = await createSpendImport({ userId }, workspaceId, {
    fileName: name,
    bytes: fixture(name),
    source,
  });
  if (!result.ok) throw new Error(result.message);
  const staged = await getSpendImport(workspaceId, result.id);
  if (!staged) throw new Error("no import");
  return { id: result.id, staged, preview: await computePreview(workspaceId, staged.payload) };
}

function header(
  staged: { payload: { headers: string[]; mapping: Record<ColumnRole, number | null> } },
  role: ColumnRole,
): string | null {
  const column = staged.payload.mapping[role];
  return column === null ? null : staged.payload.headers[column];
}

async function linesOf(workspaceId: string) {
  const [row] = await db()
    .select({ n: count(), pence: sql<number>`coalesce(sum(${spendLines.amountPence}), 0)` })
    .from(spendLines)
    .where(eq(spendLines.workspaceId, workspaceId));
  return { n: row.n, pence: Number(row.pence) };
}

async function importsOf(workspaceId: string) {
  const [row] = await db()
    .select({ n: count() })
    .from(imports)
    .where(eq(imports.workspaceId, workspaceId));
  return row.n;
}

function rolesFrom(
  mapping: Record<ColumnRole, number | null>,
  headers: string[],
): ImportChoices["roles"] {
  return headers.map((_, i) => COLUMN_ROLES.find((r) => mapping[r] === i));
}

describe("importing councils' spend files", () => {
  it("reads the Body / Expense Area layout with a byte-order mark, a quoted comma, a credit and a redacted supplier", async () => {
    const { ws, actor } = await world();
    const { id, staged, preview } = await stage(ws.id, actor.userId, "body-expense-area-bom.csv");
    expect(staged.payload.bom).toBe("utf-8");
    expect(staged.source).toBe("East Lothian Council");
    expect(header(staged, "date")).toBe("Date");
    expect(header(staged, "amount")).toBe("Net Amount");
    expect(header(staged, "service")).toBe("Expense Area");
    expect(header(staged, "supplier")).toBe("Supplier(Beneficiary) Name");
    expect(header(staged, "body")).toBe("Organisation Name");
    expect(preview.problems).toEqual([]);
    expect(preview.drafts.map((d) => [d.amountPence, d.financialYear])).toEqual([
      [125000, 2015],
      [1240050, 2015],
      [-32025, 2015],
      [99999, 2016],
    ]);
    expect(preview.totalPence).toBe(1433024);
    expect(preview.credits).toBe(1);
    expect(preview.drafts[1].notes).toContain("Supplier: REDACTED - personal data");
    expect(preview.drafts[1].notes).toContain("Residential care, external");

    const result = await commitSpendImport(actor, ws.id, id, { lines: 4, totalPence: 1433024 });
    expect(result).toEqual({ ok: true, lines: 4, totalPence: 1433024 });
    expect(await linesOf(ws.id)).toEqual({ n: 4, pence: 1433024 });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "spend.import_committed")),
      );
    expect(audit.targetId).toBe(id);
  });

  it("reads the Directorate / SeRCOP layout with a doubly encoded byte-order mark, ISO dates, pound signs and bracketed credits", async () => {
    const { ws, actor } = await world();
    const { staged, preview } = await stage(
      ws.id,
      actor.userId,
      "directorate-sercop-double-bom.csv",
      "Wiltshire Council",
    );
    expect(staged.payload.bom).toBe("double");
    expect(staged.payload.headers[0]).toBe("Payment Date");
    expect(header(staged, "service")).toBe("Directorate / Service Where Expenditure Incurred");
    expect(header(staged, "expenseType")).toBe("SeRCOP Expenditure Category");
    expect(header(staged, "transactionId")).toBe("Transaction Number");
    expect(preview.drafts.map((d) => d.amountPence)).toEqual([100000, -25000, 2500010]);
    expect(preview.totalPence).toBe(2575010);
    expect(preview.credits).toBe(1);
  });

  it("reads the Service Area / Trans No layout: #N/A is an unreadable row by its line, a quoted line break and trailing empty columns are fine", async () => {
    const { ws, actor } = await world();
    const { staged, preview } = await stage(
      ws.id,
      actor.userId,
      "service-area-quirks.csv",
      "Midlothian Council",
    );
    expect(staged.payload.headers).toEqual([
      "Service Area",
      "Expenditure Category",
      "Paid Date",
      "Trans No",
      "Amount",
    ]);
    expect(header(staged, "transactionId")).toBe("Trans No");
    expect(header(staged, "date")).toBe("Paid Date");
    expect(preview.drafts.map((d) => d.amountPence)).toEqual([150000, 9300000, -7550]);
    expect(preview.drafts[0].notes).toContain("Transaction: 46296351 - 1");
    expect(preview.drafts[1].notes).toContain("Legal fees\n(care proceedings)");
    expect(preview.problems).toEqual([
      { line: 5, reason: "the amount is a spreadsheet error (#N/A)" },
    ]);
    expect(preview.totalPence).toBe(9442450);
  });

  it("reads Windows-1252 text: the £ and ’ come through", async () => {
    const { ws, actor } = await world();
    const { staged, preview } = await stage(
      ws.id,
      actor.userId,
      "service-label-windows-1252.csv",
      "North Tyneside Council",
    );
    expect(staged.payload.encoding).toBe("windows-1252");
    expect(header(staged, "service")).toBe("Service Label");
    expect(preview.serviceValues.map((v) => v.value)).toContain("Children’s Services");
    expect(preview.drafts[0].notes).toContain("St Mary’s Trust");
    expect(preview.totalPence).toBe(165000);
  });

  it("reads the Expenses Type / Invoice Payment Date layout and the “Expenditure Catergory” typo", async () => {
    const { ws, actor } = await world();
    const first = await stage(ws.id, actor.userId, "expenses-type-invoice-date.csv", "A council");
    expect(header(first.staged, "date")).toBe("Invoice Payment Date");
    expect(header(first.staged, "expenseType")).toBe("Expenses Type");
    expect(header(first.staged, "service")).toBe("Department");
    expect(first.preview.totalPence).toBe(1000050);
    const typo = await stage(ws.id, actor.userId, "catergory-typo.csv", "A council");
    expect(header(typo.staged, "expenseType")).toBe("Expenditure Catergory");
    expect(typo.preview.totalPence).toBe(250000);
    expect(typo.preview.drafts[0].financialYear).toBe(2015);
  });

  it("reads the Praxis template with its own agency, category, share and approach per line", async () => {
    const { ws, actor } = await world();
    const nhs = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "NHS Lothian",
      kind: "health",
    });
    const police = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "Police Scotland",
      kind: "police",
    });
    if (!nhs.ok || !police.ok) throw new Error("agencies");
    const { preview } = await stage(ws.id, actor.userId, "praxis-template.csv", "Praxis template");
    expect(preview.problems).toEqual([]);
    expect(
      preview.drafts.map((d) => [
        d.agencyId,
        d.category,
        d.vulnerableShareBp,
        d.approach,
        d.financialYear,
        d.amountPence,
      ]),
    ).toEqual([
      [nhs.id, "health", 3500, "preventative", 2014, 41200000],
      [police.id, "justice", 2000, "reactive", 2014, 125000000],
    ]);
  });
});

describe("files that cannot be imported", () => {
  const cases: Array<[string, () => Uint8Array, RegExp]> = [
    ["an empty file", () => fixture("empty.csv"), /^The file is empty\.$/],
    [
      "a file separated by semicolons",
      () => fixture("wrong-delimiter.csv"),
      /separates its columns with semicolons/,
    ],
    ["a header row only", () => fixture("header-only.csv"), /header row but no lines of spend/],
    [
      "text where amounts belong",
      () => fixture("text-amounts.csv"),
      /No amounts can be read from the column “Amount”: it holds text such as “Stationery”/,
    ],
    [
      "a binary file (a PNG picture)",
      () =>
        new Uint8Array([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
        ]),
      /not a CSV text file/,
    ],
    [
      "a 50 MB file",
      () => new Uint8Array(50 * 1024 * 1024).fill(0x41),
      /The file is 50\.0 MB; the largest file Praxis imports is 20\.0 MB/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what} gets a clear message and nothing is stored`, async () => {
      const { ws, actor } = await world();
      const result = await createSpendImport(actor, ws.id, {
        fileName: "bad.csv",
        bytes: bytes(),
        source: "A council",
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
      expect(await importsOf(ws.id)).toBe(0);
      expect(await linesOf(ws.id)).toEqual({ n: 0, pence: 0 });
    });
  }

  it("the same file twice is refused once it has been imported, and reopens its preview before that", async () => {
    const { ws, actor } = await world();
    const first = await stage(ws.id, actor.userId, "catergory-typo.csv", "A council");
    const again = await createSpendImport(actor, ws.id, {
      fileName: "copy.csv",
      bytes: fixture("catergory-typo.csv"),
      source: "A council",
    });
    expect(again).toEqual({ ok: true, id: first.id, reused: true });
    await commitSpendImport(actor, ws.id, first.id, { lines: 1, totalPence: 250000 });
    const third = await createSpendImport(actor, ws.id, {
      fileName: "copy.csv",
      bytes: fixture("catergory-typo.csv"),
      source: "A council",
    });
    expect(third.ok).toBe(false);
    if (!third.ok)
      expect(third.message).toMatch(/already imported on .* \(as “catergory-typo\.csv”\)/);
    expect(await linesOf(ws.id)).toEqual({ n: 1, pence: 250000 });
    // Once every line it wrote is deleted, the file counts nothing twice: it may come in again.
    const [line] = await db().select({ id: spendLines.id }).from(spendLines).where(eq(spendLines.workspaceId, ws.id));
    expect(await deleteSpendLine(actor, ws.id, line.id)).toBe(true);
    const fourth = await createSpendImport(actor, ws.id, { fileName: "copy.csv", bytes: fixture("catergory-typo.csv"), source: "A council" });
    expect(fourth).toMatchObject({ ok: true, reused: false });
    // Another workspace may import the same bytes.
    const other = await world();
    expect(
      (
        await createSpendImport(other.actor, other.ws.id, {
          fileName: "x.csv",
          bytes: fixture("catergory-typo.csv"),
          source: "A council",
        })
      ).ok,
    ).toBe(true);
  });
});

describe("the preview and the commit", () => {
  it("changing a column mapping recomputes the preview, and a preview changed since it was seen is not committed", async () => {
    const { ws, actor } = await world();
    const { id, staged } = await stage(ws.id, actor.userId, "body-expense-area-bom.csv");
    const roles = rolesFrom(staged.payload.mapping, staged.payload.headers);
    // Take the amounts from "Irrecoverable VAT" (all zero) instead of "Net Amount".
    const vat = staged.payload.headers.indexOf("Irrecoverable VAT");
    const net = staged.payload.headers.indexOf("Net Amount");
    roles[net] = undefined;
    roles[vat] = "amount";
    expect(
      await updateSpendImport(actor, ws.id, id, {
        roles,
        defaults: staged.payload.defaults,
        rules: [],
      }),
    ).toBe("ok");
    const after = await getSpendImport(ws.id, id);
    const preview = await computePreview(ws.id, after!.payload);
    expect(preview.totalPence).toBe(0);
    const stale = await commitSpendImport(actor, ws.id, id, { lines: 4, totalPence: 1433024 });
    expect(stale).toMatchObject({ ok: false });
    expect(await linesOf(ws.id)).toEqual({ n: 0, pence: 0 });
  });

  it("two columns chosen for one part are refused with a message naming both", async () => {
    const { ws, actor } = await world();
    const { id, staged } = await stage(ws.id, actor.userId, "body-expense-area-bom.csv");
    const roles = rolesFrom(staged.payload.mapping, staged.payload.headers);
    roles[staged.payload.headers.indexOf("Irrecoverable VAT")] = "amount";
    await expect(
      updateSpendImport(actor, ws.id, id, { roles, defaults: staged.payload.defaults, rules: [] }),
    ).rejects.toThrow(/“Net Amount” and “Irrecoverable VAT” are both chosen as Amount/);
  });

  it("mapping rules are saved per source on commit and applied to that source's next file", async () => {
    const { ws, actor } = await world();
    const cs = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "Children's Services",
      kind: "council",
    });
    if (!cs.ok) throw new Error("agency");
    const { id, staged, preview } = await stage(
      ws.id,
      actor.userId,
      "service-area-quirks.csv",
      "Midlothian Council",
    );
    const key = preview.serviceValues.find((v) => v.value === "Children's Services")!.key;
    await updateSpendImport(actor, ws.id, id, {
      roles: rolesFrom(staged.payload.mapping, staged.payload.headers),
      defaults: staged.payload.defaults,
      rules: [
        {
          key,
          value: "Children's Services",
          agencyId: cs.id,
          service: "Children and families social work",
          category: "children_and_families",
          vulnerableShareBp: 8000,
          approach: "reactive",
        },
      ],
    });
    const committed = await commitSpendImport(actor, ws.id, id, { lines: 3, totalPence: 9442450 });
    expect(committed).toMatchObject({ ok: true });
    const rows = await db().select().from(spendLines).where(eq(spendLines.agencyId, cs.id));
    expect(rows.map((r) => [r.amountPence, r.vulnerableShareBp, r.category, r.service])).toEqual(
      expect.arrayContaining([
        [150000, 8000, "children_and_families", "Children and families social work"],
        [9300000, 8000, "children_and_families", "Children and families social work"],
      ]),
    );
    expect(Object.keys(await loadSavedRules(ws.id, "midlothian council"))).toEqual([key]);

    const next = await createSpendImport(actor, ws.id, {
      fileName: "next.csv",
      bytes: new TextEncoder().encode(
        "Service Area,Paid Date,Amount\nCHILDREN'S  SERVICES,01/08/2015,100.00\n",
      ),
      source: "Midlothian Council",
    });
    if (!next.ok) throw new Error(next.message);
    const nextPreview = await computePreview(
      ws.id,
      (await getSpendImport(ws.id, next.id))!.payload,
    );
    expect(nextPreview.drafts[0]).toMatchObject({
      agencyId: cs.id,
      vulnerableShareBp: 8000,
      category: "children_and_families",
    });
  });

  it("a failure half-way through the commit leaves the database as it was", async () => {
    const { ws, actor } = await world();
    const a = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "Agency A",
      kind: "council",
    });
    const b = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "Agency B",
      kind: "council",
    });
    if (!a.ok || !b.ok) throw new Error("agencies");
    const rows = ["Service Area,Paid Date,Amount"];
    for (let i = 0; i < 600; i++) rows.push(`Early,01/05/2015,${i + 1}.00`);
    for (let i = 0; i < 10; i++) rows.push(`Late,01/06/2015,7.00`);
    const created = await createSpendImport(actor, ws.id, {
      fileName: "big.csv",
      bytes: new TextEncoder().encode(rows.join("\n")),
      source: "Council",
    });
    if (!created.ok) throw new Error(created.message);
    const staged = (await getSpendImport(ws.id, created.id))!;
    const rule = (key: string, agencyId: string) => ({
      key,
      value: key,
      agencyId,
      service: key,
      category: "universal" as const,
      vulnerableShareBp: 0,
      approach: "universal" as const,
    });
    await updateSpendImport(actor, ws.id, created.id, {
      roles: rolesFrom(staged.payload.mapping, staged.payload.headers),
      defaults: staged.payload.defaults,
      rules: [rule("early", a.id), rule("late", b.id)],
    });
    // Agency B disappears after the preview: a later batch of inserts fails on its foreign key, after earlier batches were written.
    await db().delete(agencies).where(eq(agencies.id, b.id));
    const auditBefore = (
      await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))
    )[0].n;
    const total = ((600 * 601) / 2) * 100 + 10 * 700;
    const result = await commitSpendImport(actor, ws.id, created.id, {
      lines: 610,
      totalPence: total,
    });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/nothing was imported/),
    });
    expect(await linesOf(ws.id)).toEqual({ n: 0, pence: 0 });
    expect((await getSpendImport(ws.id, created.id))!.status).toBe("preview");
    expect(
      await db().select().from(spendMappingRules).where(eq(spendMappingRules.workspaceId, ws.id)),
    ).toEqual([]);
    expect(
      (
        await db()
          .select({ n: count() })
          .from(auditEvents)
          .where(eq(auditEvents.workspaceId, ws.id))
      )[0].n,
    ).toBe(auditBefore);
  });
});
