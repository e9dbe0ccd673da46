import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { loader as libraryLoader } from "../../../app/routes/w.$ws.unit-costs._index";
import { action as previewAction, loader as previewLoader } from "../../../app/routes/w.$ws.unit-costs.import.$importId";
import { action as uploadAction } from "../../../app/routes/w.$ws.unit-costs.import._index";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { imports } from "../../../db/schema/imports";
import { makeUnitCost, makeWorkspace, type TestUser, type TestWorkspace } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { csv, form, gmcaWorkbook, GMCA_HEADER, GOOD_ROWS, utf8 } from "./files";

async function upload(ws: TestWorkspace, file: Uint8Array | null, name: string, fields: Record<string, string> = {}, who: TestUser = ws.owner) {
  return callRoute(uploadAction, postRequest(`/w/${ws.slug}/unit-costs/import`, form(file, name, fields), { cookie: who.cookie }), { ws: ws.slug });
}

async function preview(ws: TestWorkspace, importId: string) {
  const page = await callRoute(previewLoader, getRequest(`/w/${ws.slug}/unit-costs/import/${importId}`, { cookie: ws.owner.cookie }), { ws: ws.slug, importId });
  expect(page.status).toBe(200);
  return page.data as { rowCount: number; problems: Array<{ number: number; messages: string[] }>; sheet: string | null; headerRow: number; status: string; replacing: number };
}

async function commit(ws: TestWorkspace, importId: string) {
  return callRoute(previewAction, postRequest(`/w/${ws.slug}/unit-costs/import/${importId}`, { intent: "commit", importId }, { cookie: ws.owner.cookie }), { ws: ws.slug, importId });
}

function importIdFrom(location: string | null): string {
  const match = /\/unit-costs\/import\/([^/]+)$/.exec(location ?? "");
  if (!match) throw new Error(`not a preview address: ${location}`);
  return match[1];
}

async function stored(workspaceId: string) {
  return db().select().from(unitCosts).where(eq(unitCosts.workspaceId, workspaceId)).orderBy(unitCosts.costCode);
}

async function importCount(workspaceId: string) {
  const [row] = await db().select({ n: count() }).from(imports).where(eq(imports.workspaceId, workspaceId));
  return row.n;
}

describe("importing unit costs", () => {
  it("a CSV upload answers 303 to a preview that counts the rows; its commit writes every row exactly, in pence", async () => {
    const ws = await makeWorkspace();
    const res = await upload(ws, utf8(csv([GMCA_HEADER, ...GOOD_ROWS])), "costs.csv");
    expect(res.status).toBe(303);
    const importId = importIdFrom(res.headers.get("Location"));
    expect(res.headers.get("Location")).toBe(`/w/${ws.slug}/unit-costs/import/${importId}`);
    expect(await stored(ws.id)).toEqual([]);
    const p = await preview(ws, importId);
    expect(p).toMatchObject({ rowCount: 3, problems: [], headerRow: 1, status: "preview" });

    expect((await commit(ws, importId)).status).toBe(302);
    const rows = await stored(ws.id);
    expect(rows.map((r) => [r.costCode, r.fiscalCostPence, r.priceYear, r.confidence, r.importId])).toEqual([
      ["TST-CAREPROC", 9_300_000, "2009-10", "low", importId],
      ["TST-FOSTER", 2_800_000, "2015-16", "medium", importId],
      ["TST-VISIT", 5_435, "2019-20", "high", importId],
    ]);
    expect(rows.find((r) => r.costCode === "TST-VISIT")?.description).toBe("Health visitor contact, with “quotes”, and commas");
    const [imp] = await db().select().from(imports).where(eq(imports.id, importId));
    expect(imp.status).toBe("committed");
    expect(imp.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.kind, "unit_cost.imported"));
    expect(audit.filter((a) => a.targetId === importId)).toHaveLength(1);

    // A second commit of the same preview writes nothing more.
    expect((await commit(ws, importId)).status).toBe(400);
    expect(await stored(ws.id)).toHaveLength(3);
  });

  it("the GMCA .xlsx workbook with title rows and several sheets is read from its costs sheet's header row", async () => {
    const ws = await makeWorkspace();
    const file = await gmcaWorkbook([
      ["X-1", "Crime", "Domestic abuse", "Incident of domestic abuse", "per incident", 2836.5, "Police", "", "2019-20", "Test source", "medium"],
      ["X-2", "Crime", "Domestic abuse", "Same, computed", "per incident", { formula: "A1*0+1000.125", result: 1000.125 }, "Police", "", "2019/20", "Test source", ""],
    ]);
    const res = await upload(ws, file, "Unit Cost Database v2.xlsx");
    expect(res.status).toBe(303);
    const importId = importIdFrom(res.headers.get("Location"));
    expect(await preview(ws, importId)).toMatchObject({ rowCount: 2, problems: [], sheet: "Unit costs", headerRow: 4 });
    await commit(ws, importId);
    expect((await stored(ws.id)).map((r) => [r.costCode, r.fiscalCostPence, r.priceYear, r.confidence])).toEqual([
      ["X-1", 283_650, "2019-20", "medium"],
      ["X-2", 100_013, "2019-20", "low"],
    ]);
  });

  it("Windows-1252 and byte-order-marked files decode, and a form-wide source fills rows that name none", async () => {
    const ws = await makeWorkspace();
    const header = ["Description", "Unit", "Fiscal cost", "Price year"];
    const text = csv([header, ["Children’s home place – £ a week", "per week", "£4,000", "2018-19"]]);
    const cp1252 = new Uint8Array([...text].map((ch) => ({ "’": 0x92, "–": 0x96, "£": 0xa3 })[ch] ?? ch.charCodeAt(0)));
    const res = await upload(ws, cp1252, "old-excel.csv", { source: "Test council, 2019" });
    await commit(ws, importIdFrom(res.headers.get("Location")));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv([header, ["Night in custody", "per night", "£400", "2018-19"]]))]);
    const res2 = await upload(ws, bom, "bom.csv", { source: "Test police, 2019" });
    await commit(ws, importIdFrom(res2.headers.get("Location")));
    const rows = await stored(ws.id);
    expect(rows.map((r) => [r.description, r.fiscalCostPence, r.source]).sort()).toEqual([
      ["Children’s home place – £ a week", 400_000, "Test council, 2019"],
      ["Night in custody", 40_000, "Test police, 2019"],
    ]);
  });

  it("a preview lists every unreadable row by number, and its commit is refused with nothing written", async () => {
    const ws = await makeWorkspace();
    const rows = [
      GMCA_HEADER,
      GOOD_ROWS[0],
      ["B-1", "", "", "Text where a cost belongs", "per year", "about £5k", "", "", "2015-16", "S", "low"],
      ["B-2", "", "", "", "per year", "100", "", "", "2015", "S", "extreme"],
      GOOD_ROWS[1],
    ];
    const res = await upload(ws, utf8(csv(rows)), "mixed.csv");
    expect(res.status).toBe(303);
    const importId = importIdFrom(res.headers.get("Location"));
    const p = await preview(ws, importId);
    expect(p.rowCount).toBe(2);
    expect(p.problems).toEqual([
      { number: 3, messages: ["Fiscal cost “about £5k” is not an amount of money in pounds"] },
      { number: 4, messages: ["Description is empty", "Price year “2015” is not a financial year such as 2015-16", "Confidence “extreme” is not high, medium or low"] },
    ]);
    const refused = await commit(ws, importId);
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ error: "Nothing was imported: fix the unreadable rows and upload the file again." });
    expect(await stored(ws.id)).toEqual([]);
    const [imp] = await db().select().from(imports).where(eq(imports.id, importId));
    expect(imp.status).toBe("preview");
  });

  it.each([
    ["an empty file", () => new Uint8Array(), "empty.csv", "The file “empty.csv” is empty."],
    ["whitespace only", () => utf8(" \r\n\r\n"), "blank.csv", "The file is empty."],
    ["a semicolon-delimited file", () => utf8(csv([GMCA_HEADER, GOOD_ROWS[0]], ";")), "semi.csv", "The file seems to use semicolons between columns, not commas: save it as CSV (comma delimited) and upload it again."],
    ["a tab-delimited file", () => utf8(csv([GMCA_HEADER, GOOD_ROWS[0]], "\t")), "tabs.csv", "The file seems to use tabs between columns, not commas: save it as CSV (comma delimited) and upload it again."],
    ["a binary file", () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), "picture.csv", "The file is not a CSV file or an Excel workbook (.xlsx): it contains binary data."],
    ["a damaged workbook", () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), "broken.xlsx", "The file is not a readable Excel workbook (.xlsx). Save it again from your spreadsheet program, or as CSV."],
    ["an old .xls workbook", () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "old.xls", "Old-style .xls workbooks cannot be read: save the workbook as .xlsx (Excel Workbook) or as CSV and upload that."],
    ["a header row only", () => utf8(csv([GMCA_HEADER])), "header.csv", "The file has a header row (row 1) but no rows of costs below it."],
    ["a file without the required columns", () => utf8(csv([["Name", "Amount"], ["Thing", "5"]])), "other.csv", "No header row was found: the file needs columns named Description, Unit, Fiscal cost, Price year (the GMCA Unit Cost Database layout)."],
    ["an unclosed quote", () => utf8(`${GMCA_HEADER.join(",")}\r\nA,"B,C\r\n`), "quote.csv", "The file is not readable as CSV"],
  ])("%s gets a clear message and nothing is written", async (_label, bytes, name, message) => {
    const ws = await makeWorkspace();
    const res = await upload(ws, bytes(), name);
    expect(res.status).toBe(400);
    expect((res.data as { error: string }).error).toContain(message);
    expect(await importCount(ws.id)).toBe(0);
    expect(await stored(ws.id)).toEqual([]);
  });

  it("a file over the size cap is refused before it is parsed, with nothing written", async () => {
    const ws = await makeWorkspace();
    const row = `${GOOD_ROWS[0].join(",")}\r\n`;
    const huge = utf8(GMCA_HEADER.join(",") + "\r\n" + row.repeat(Math.ceil((6 * 1024 * 1024) / row.length)));
    const res = await upload(ws, huge, "huge.csv");
    expect(res.status).toBe(400);
    expect((res.data as { error: string }).error).toBe("The file is too large: the largest file accepted is 5 MB.");
    expect(await importCount(ws.id)).toBe(0);
  });

  it("a row with a cost code already in the library replaces that entry; the preview says how many will", async () => {
    const ws = await makeWorkspace();
    const existing = await makeUnitCost(ws, { costCode: "TST-FOSTER", fiscalCostPence: 1 });
    const res = await upload(ws, utf8(csv([GMCA_HEADER, ...GOOD_ROWS])), "costs.csv");
    const importId = importIdFrom(res.headers.get("Location"));
    expect((await preview(ws, importId)).replacing).toBe(1);
    await commit(ws, importId);
    const rows = await stored(ws.id);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.costCode === "TST-FOSTER")).toMatchObject({ id: existing.id, fiscalCostPence: 2_800_000 });
  });

  it("another workspace's import is not found, and members cannot upload", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    const res = await upload(ws, utf8(csv([GMCA_HEADER, ...GOOD_ROWS])), "costs.csv");
    const importId = importIdFrom(res.headers.get("Location"));
    const foreign = await callRoute(previewAction, postRequest(`/w/${other.slug}/unit-costs/import/${importId}`, { intent: "commit", importId }, { cookie: other.owner.cookie }), {
      ws: other.slug,
      importId,
    });
    expect(foreign.status).toBe(404);
    expect(await stored(ws.id)).toEqual([]);
    expect(await stored(other.id)).toEqual([]);
    const page = await callRoute(libraryLoader, getRequest(`/w/${other.slug}/unit-costs`, { cookie: other.owner.cookie }), { ws: other.slug });
    expect((page.data as { rows: unknown[] }).rows).toEqual([]);
  });
});
