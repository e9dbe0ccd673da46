import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as commitAction, loader as previewLoader } from "../../../app/routes/w.$ws.indicators.import.$importId";
import { action as uploadAction } from "../../../app/routes/w.$ws.indicators.import._index";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { imports } from "../../../db/schema/imports";
import { indicatorValues } from "../../../db/schema/indicators";
import { makeIndicator, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

type Preview = { preview: { total: number; badTotal: number; rows: Array<{ line: number; period: string; value: string; indicatorName: string }>; bad: Array<{ line: number; reason: string }>; councils: string[]; needsCouncil: boolean; council: string | null } };

async function upload(ws: { slug: string }, cookie: string, content: string | Uint8Array<ArrayBuffer>, name = "values.csv") {
  const form = new FormData();
  form.append("file", new File([content], name, { type: "text/csv" }));
  return callRoute(uploadAction, postRequest(`/w/${ws.slug}/indicators/import`, form, { cookie }), { ws: ws.slug });
}

function importIdFrom(location: string | null): string {
  const id = /\/indicators\/import\/([^/?#]+)$/.exec(location ?? "")?.[1];
  if (!id) throw new Error(`no import id in ${location}`);
  return id;
}

async function preview(ws: { slug: string }, cookie: string, importId: string, search = "") {
  const r = await callRoute(previewLoader, getRequest(`/w/${ws.slug}/indicators/import/${importId}${search}`, { cookie }), { ws: ws.slug, importId });
  return r.data as Preview;
}

async function commit(ws: { slug: string }, cookie: string, importId: string, extra: Record<string, string> = {}) {
  return callRoute(commitAction, postRequest(`/w/${ws.slug}/indicators/import/${importId}`, { intent: "commit", ...extra }, { cookie }), { ws: ws.slug, importId });
}

async function storedValues(indicatorId: string) {
  return (await db().select().from(indicatorValues).where(eq(indicatorValues.indicatorId, indicatorId)).orderBy(indicatorValues.periodStart)).map((v) => [v.period, v.value, v.valueMicros, v.source]);
}

describe("importing indicator values", () => {
  it("an analyst imports the Praxis layout with a byte-order mark: the preview lists bad rows by line and the commit writes the rest exactly", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.analyst.cookie;
    const { id } = await makeIndicator(ws, { name: "Children in external placements" });
    const csv =
      "\uFEFFIndicator,Period,Value,Note,Source\r\n" +
      "Children in external placements,2014,26,,Midlothian Council\r\n" +
      'Children in external placements,2021-22,5,"Reported as ""now"",\nin the Promise report",Midlothian Council\r\n' +
      "Children in external placements,2019,n/a,,Midlothian Council\r\n" +
      "Somebody else's indicator,2019,4,,Midlothian Council\r\n" +
      "Children in external placements,2018,12.5,,\r\n";
    const uploaded = await upload(ws, cookie, csv);
    expect(uploaded.status).toBe(303);
    const importId = importIdFrom(uploaded.headers.get("Location"));
    const { preview: p } = await preview(ws, cookie, importId);
    expect(p.rows.map((r) => [r.line, r.period, r.value])).toEqual([
      [2, "2014", "26"],
      [3, "2021-22", "5"],
    ]);
    expect(p.bad).toEqual([
      { line: 5, reason: "“n/a” is not a number." },
      { line: 6, reason: "No indicator in this workspace has the name or code “Somebody else's indicator”." },
      { line: 7, reason: "The source is missing: say where the figure comes from." },
    ]);
    expect(await storedValues(id)).toEqual([]);

    const committed = await commit(ws, cookie, importId);
    expect(committed.status).toBe(302);
    expect(await storedValues(id)).toEqual([
      ["2014", "26", 26_000_000, "Midlothian Council"],
      ["2021-22", "5", 5_000_000, "Midlothian Council"],
    ]);
    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "indicator.values_imported"));
    expect(audit.detail).toMatchObject({ rows: 2, skipped: 3 });
  });

  it("a Local Government Benchmarking Framework file with several councils asks for the council and imports only its values", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.owner.cookie;
    const { id } = await makeIndicator(ws, { name: "Balance of care for looked after children", polarity: "higher_is_better", code: "CHN9" });
    const csv = [
      "Indicator Code,Council,Year,Value",
      "CHN9,Midlothian,2019-20,88.12",
      "CHN9,East Lothian,2019-20,90.01",
      "CHN9,Midlothian,2020-21,89.5",
      "CHN9,East Lothian,2020-21,91",
      "CHN10,Midlothian,2020-21,12",
    ].join("\n");
    const importId = importIdFrom((await upload(ws, cookie, csv)).headers.get("Location"));
    const first = await preview(ws, cookie, importId);
    expect(first.preview.needsCouncil).toBe(true);
    expect(first.preview.councils).toEqual(["East Lothian", "Midlothian"]);
    const refused = await commit(ws, cookie, importId);
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ message: "Choose the council whose values to import." });

    const chosen = await preview(ws, cookie, importId, "?council=East%20Lothian");
    expect(chosen.preview.rows.map((r) => [r.period, r.value])).toEqual([
      ["2019-20", "90.01"],
      ["2020-21", "91"],
    ]);
    expect(chosen.preview.bad).toEqual([]);
    expect((await commit(ws, cookie, importId, { council: "East Lothian" })).status).toBe(302);
    expect(await storedValues(id)).toEqual([
      ["2019-20", "90.01", 90_010_000, "Local Government Benchmarking Framework (Improvement Service): East Lothian"],
      ["2020-21", "91", 91_000_000, "Local Government Benchmarking Framework (Improvement Service): East Lothian"],
    ]);
    // The same file again is refused.
    const again = await upload(ws, cookie, csv);
    expect(again.status).toBe(400);
    expect((again.data as { message: string }).message).toMatch(/^This file was already imported on \d{1,2} \w+ \d{4} \(as “.+”\): its values are in the indicators\.$/);
    // Once the values it wrote are deleted, the file no longer holds them: it imports again.
    await db().delete(indicatorValues).where(eq(indicatorValues.indicatorId, id));
    const fresh = await upload(ws, cookie, csv);
    expect(fresh.status).toBe(303);
    expect((await commit(ws, cookie, importIdFrom(fresh.headers.get("Location")), { council: "East Lothian" })).status).toBe(302);
    expect((await storedValues(id)).map(([period, value]) => [period, value])).toEqual([
      ["2019-20", "90.01"],
      ["2020-21", "91"],
    ]);
  });

  it.each([
    ["an empty file", "", "The file is empty."],
    ["a header row only", "Indicator,Period,Value,Note,Source\n", "The file has a header row but no values."],
    ["a binary file", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), "This is not a CSV text file (it contains binary data). Save it from your spreadsheet as CSV UTF-8."],
    ["Windows-1252 text", new Uint8Array([...new TextEncoder().encode("Indicator,Period,Value,Note,Source\nA,2014,1,,Caf"), 0xe9]), "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8 (comma delimited)”."],
    ["a semicolon-separated file", "Indicator;Period;Value\nA;2014;1\n", "The file seems to use “;” between columns; save it with commas."],
    ["an unclosed quote", 'Indicator,Period,Value,Note,Source\n"A,2014,1,,S\n', "The file could not be read as CSV"],
  ])("%s gets a clear message and stages nothing", async (_label, content, message) => {
    const ws = await makeWorkspaceWithRoles();
    const result = await upload(ws, ws.users.analyst.cookie, content);
    expect(result.status).toBe(400);
    expect((result.data as { message: string }).message).toContain(message);
    expect(await db().select().from(imports).where(eq(imports.workspaceId, ws.id))).toEqual([]);
  });

  it("a file over 5 MB is refused before it is read", async () => {
    const ws = await makeWorkspaceWithRoles();
    const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(0x41);
    const result = await upload(ws, ws.users.analyst.cookie, big);
    expect(result.status).toBe(413);
    expect(await db().select().from(imports).where(eq(imports.workspaceId, ws.id))).toEqual([]);
  });

  it("a failure half-way through the commit leaves the values and the import as they were", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.analyst.cookie;
    const { id } = await makeIndicator(ws, { name: "Placements", values: [["2014", "26"]] });
    const csv = "Indicator,Period,Value,Note,Source\nPlacements,2014,30,,S\nPlacements,2015,20,,S\nPlacements,2016,10,,S\n";
    const importId = importIdFrom((await upload(ws, cookie, csv)).headers.get("Location"));
    // A trigger makes the third row's insert fail inside the commit's transaction.
    await db().run("CREATE TRIGGER fail_third BEFORE INSERT ON indicator_values WHEN NEW.period = '2016' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      await expect(commit(ws, cookie, importId)).rejects.toThrow();
    } finally {
      await db().run("DROP TRIGGER fail_third");
    }
    expect(await storedValues(id)).toEqual([["2014", "26", 26_000_000, "Test source"]]);
    const [row] = await db().select().from(imports).where(eq(imports.id, importId));
    expect(row.status).toBe("preview");
  });

  it("a member may not upload, and another workspace's import is not found", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspaceWithRoles();
    const member = await upload(ws, ws.users.member.cookie, "Indicator,Period,Value,Note,Source\nA,2014,1,,S\n");
    expect(member.status).toBe(403);
    await makeIndicator(other, { name: "A" });
    const importId = importIdFrom((await upload(other, other.users.analyst.cookie, "Indicator,Period,Value,Note,Source\nA,2014,1,,S\n")).headers.get("Location"));
    const r = await callRoute(previewLoader, getRequest(`/w/${ws.slug}/indicators/import/${importId}`, { cookie: ws.users.analyst.cookie }), { ws: ws.slug, importId });
    expect(r.status).toBe(404);
  });
});
