import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as commitAction, loader as previewLoader } from "../../../app/routes/w.$ws.cases.$id.import.$importId";
import { action as uploadAction } from "../../../app/routes/w.$ws.cases.$id.import._index";
import { loader as templateLoader } from "../../../app/routes/w.$ws.cases.import-template[.csv]";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { caseTotals, journeyEvents } from "../../../db/schema/cases";
import { auditEvents } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { imports } from "../../../db/schema/imports";
import { makeAgency, makeCase, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

async function world() {
  const ws = await makeWorkspaceWithRoles();
  for (const name of ["Police Scotland", "East Lothian Council — Children's Services"]) await makeAgency(ws.id, name);
  await db().insert(unitCosts).values({ id: newId(), workspaceId: ws.id, costCode: "MID-FOSTER-2016", description: "Foster care place", unit: "per year", fiscalCostPence: 2_800_000, priceYear: "2016-17", source: "Midlothian case study (June 2016)" });
  const caseId = await makeCase(ws, { adults: 1, children: 1 });
  return { ws, caseId, analyst: ws.users.analyst };
}

async function upload(w: Awaited<ReturnType<typeof world>>, content: string | Uint8Array<ArrayBuffer>, name = "events.csv") {
  const form = new FormData();
  form.append("file", new File([content], name, { type: "text/csv" }));
  return callRoute(uploadAction, postRequest(`/w/${w.ws.slug}/cases/${w.caseId}/import`, form, { cookie: w.analyst.cookie }), { ws: w.ws.slug, id: w.caseId });
}

async function eventCount(caseId: string) {
  return (await db().select().from(journeyEvents).where(eq(journeyEvents.caseId, caseId))).length;
}

const GOOD = `date,agency,kind,approach,service,family_member,description,recording_agency,cost_gbp,unit_cost_code,quantity,episode
2015-03-14,Police Scotland,crisis,reactive,Response,Adult 1,Domestic incident attended,,1200.50,,,EP-1
14/03/2015,East Lothian Council — Children's Services,contact,reactive,,,Told of the incident,,60.01,,,EP-1
2015-04-01,East Lothian Council — Children's Services,intervention,reactive,,Child 1,Placed with foster carers,,,mid-foster-2016,0.333,
`;

describe("journey-event CSV import", () => {
  it("a good file answers 303 to a preview, which states the rows and total, and commit writes every event in one go", async () => {
    const w = await world();
    const uploaded = await upload(w, GOOD);
    expect(uploaded.status).toBe(303);
    const location = uploaded.headers.get("Location") ?? "";
    const importId = location.split("/").pop() ?? "";
    expect(location).toBe(`/w/${w.ws.slug}/cases/${w.caseId}/import/${importId}`);
    expect(await eventCount(w.caseId)).toBe(0);
    const params = { ws: w.ws.slug, id: w.caseId, importId };
    const preview = (await callRoute(previewLoader, getRequest(location, { cookie: w.analyst.cookie }), params)).data as { rowCount: number; total: string; errors: unknown[] };
    // £1,200.50 + £60.01 + £28,000 × 0.333 (£9,324.00)
    expect(preview).toMatchObject({ rowCount: 3, total: "£10,584.51", errors: [] });
    const committed = await callRoute(commitAction, postRequest(location, { intent: "commit" }, { cookie: w.analyst.cookie }), params);
    expect(committed.status).toBe(303);
    const stored = await db().select().from(journeyEvents).where(eq(journeyEvents.caseId, w.caseId)).orderBy(journeyEvents.occurredOn);
    expect(stored.map((e) => [e.kind, e.costPence, e.quantityMilli, e.episodeKey])).toEqual([
      ["crisis", 120_050, null, "EP-1"],
      ["contact", 6_001, null, "EP-1"],
      ["intervention", null, 333, null],
    ]);
    const again = await callRoute(commitAction, postRequest(location, { intent: "commit" }, { cookie: w.analyst.cookie }), params);
    expect(again.status).toBe(400);
    expect(await eventCount(w.caseId)).toBe(3);
  });

  it("the same file into the same journey again is refused, saying when; into another case, or once its events are deleted, it imports", async () => {
    const w = await world();
    const commitUpload = async (caseId: string) => {
      const form = new FormData();
      form.append("file", new File([GOOD], "events.csv", { type: "text/csv" }));
      const uploaded = await callRoute(uploadAction, postRequest(`/w/${w.ws.slug}/cases/${caseId}/import`, form, { cookie: w.analyst.cookie }), { ws: w.ws.slug, id: caseId });
      if (uploaded.status !== 303) return uploaded;
      const location = uploaded.headers.get("Location") ?? "";
      return callRoute(commitAction, postRequest(location, { intent: "commit" }, { cookie: w.analyst.cookie }), { ws: w.ws.slug, id: caseId, importId: location.split("/").pop() ?? "" });
    };
    expect((await commitUpload(w.caseId)).status).toBe(303);
    const again = await upload(w, GOOD, "copy of events.csv");
    expect(again.status).toBe(400);
    expect((again.data as { error: string }).error).toMatch(/^This file was already imported into this journey on \d{1,2} \w+ \d{4} \(as “events\.csv”\)\. Importing it again would record its events twice/);
    expect(await eventCount(w.caseId)).toBe(3);
    const stagedBefore = (await db().select().from(imports).where(eq(imports.workspaceId, w.ws.id))).length;
    expect(stagedBefore).toBe(1);

    const otherCase = await makeCase(w.ws, { adults: 1, children: 1 });
    expect((await commitUpload(otherCase)).status).toBe(303);
    expect(await eventCount(otherCase)).toBe(3);

    await db().delete(journeyEvents).where(eq(journeyEvents.caseId, w.caseId));
    expect((await commitUpload(w.caseId)).status).toBe(303);
    expect(await eventCount(w.caseId)).toBe(3);
  });

  it("every bad row is reported by its line number, and such a file imports nothing", async () => {
    const w = await world();
    const bad = `date,agency,kind,cost_gbp
2015-03-14,Police Scotland,crisis,twelve pounds
31/02/2015,Police Scotland,contact,
2015-03-20,Nowhere Agency,visit,
2015-03-21,Police Scotland,contact,10.00
`;
    const uploaded = await upload(w, bad);
    expect(uploaded.status).toBe(303);
    const location = uploaded.headers.get("Location") ?? "";
    const params = { ws: w.ws.slug, id: w.caseId, importId: location.split("/").pop() ?? "" };
    const preview = (await callRoute(previewLoader, getRequest(location, { cookie: w.analyst.cookie }), params)).data as { rowCount: number; errors: Array<{ line: number; message: string }> };
    expect(preview.rowCount).toBe(1);
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(preview.errors[0].message).toBe("Line 2: cost “twelve pounds” is not an amount in pounds (such as 1250.00)");
    expect(preview.errors[1].message).toContain("date “31/02/2015” is not a real date");
    expect(preview.errors[2].message).toContain("agency “Nowhere Agency” is not one of this workspace's agencies");
    expect(preview.errors[2].message).toContain("kind “visit” must be one of");
    const committed = await callRoute(commitAction, postRequest(location, { intent: "commit" }, { cookie: w.analyst.cookie }), params);
    expect(committed.status).toBe(400);
    expect(await eventCount(w.caseId)).toBe(0);
  });

  it("rows with identifiers are listed on the preview by line and what was found; without a reason the commit refuses and writes nothing", async () => {
    const w = await world();
    const file = "date,agency,kind,description\n2015-03-14,Police Scotland,contact,Called 07700 900123\n2015-03-15,Police Scotland,contact,Visit to school\n";
    const uploaded = await upload(w, file);
    const location = uploaded.headers.get("Location") ?? "";
    const params = { ws: w.ws.slug, id: w.caseId, importId: location.split("/").pop() ?? "" };
    const preview = (await callRoute(previewLoader, getRequest(location, { cookie: w.analyst.cookie }), params)).data as { rowCount: number; errors: unknown[]; flagged: Array<{ line: number; detected: string[] }> };
    expect(preview.errors).toEqual([]);
    expect(preview.rowCount).toBe(2);
    expect(preview.flagged).toEqual([{ line: 2, detected: ["Description: looks like it contains a phone number"] }]);
    for (const overrideReason of ["", "too short"]) {
      const refused = await callRoute(commitAction, postRequest(location, { intent: "commit", overrideReason }, { cookie: w.analyst.cookie }), params);
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({ field: "overrideReason", error: expect.stringContaining("Give a reason of at least 10 characters to keep the text flagged on line 2") });
    }
    expect(await eventCount(w.caseId)).toBe(0);
    expect((await db().select().from(imports).where(eq(imports.id, params.importId)))[0].status).toBe("preview");
  });

  it("with a reason, flagged rows import with the rest in one go and the override is audited with the import, without the text", async () => {
    const w = await world();
    const file = "date,agency,kind,description,cost_gbp\n2015-03-14,Police Scotland,contact,Met at EH21 6AF school office,15.00\n2015-03-15,Police Scotland,contact,Home visit,20.00\n";
    const uploaded = await upload(w, file);
    const location = uploaded.headers.get("Location") ?? "";
    const params = { ws: w.ws.slug, id: w.caseId, importId: location.split("/").pop() ?? "" };
    const committed = await callRoute(commitAction, postRequest(location, { intent: "commit", overrideReason: "The postcode is the school's, not the family's" }, { cookie: w.analyst.cookie }), params);
    expect(committed.status).toBe(303);
    expect(await eventCount(w.caseId)).toBe(2);
    const [override] = await db().select().from(auditEvents).where(and(eq(auditEvents.workspaceId, w.ws.id), eq(auditEvents.kind, "case.identifier_override")));
    expect(override).toMatchObject({ actorUserId: w.analyst.id, targetType: "import", targetId: params.importId });
    expect(override.detail).toEqual({ caseId: w.caseId, lines: [{ line: 2, fields: [{ field: "description", kinds: ["postcode"] }] }], reason: "The postcode is the school's, not the family's" });
    expect(JSON.stringify(override.detail)).not.toContain("EH21");
    const [totals] = await db().select().from(caseTotals).where(eq(caseTotals.caseId, w.caseId));
    expect(totals).toMatchObject({ contacts: 2, costPence: 3_500, agencyCount: 1 });
  });

  it("a row with an identifier and another problem is a bad row: reported with both, and no reason lets the file through", async () => {
    const w = await world();
    const uploaded = await upload(w, "date,agency,kind,description\n2015-03-14,Nowhere,contact,Called 07700 900123\n");
    const location = uploaded.headers.get("Location") ?? "";
    const params = { ws: w.ws.slug, id: w.caseId, importId: location.split("/").pop() ?? "" };
    const preview = (await callRoute(previewLoader, getRequest(location, { cookie: w.analyst.cookie }), params)).data as { errors: Array<{ message: string }>; flagged: unknown[] };
    expect(preview.flagged).toEqual([]);
    expect(preview.errors[0].message).toBe("Line 2: agency “Nowhere” is not one of this workspace's agencies; description: This looks like it contains a phone number");
    const refused = await callRoute(commitAction, postRequest(location, { intent: "commit", overrideReason: "A long enough reason for it" }, { cookie: w.analyst.cookie }), params);
    expect(refused.status).toBe(400);
    expect(await eventCount(w.caseId)).toBe(0);
  });

  it.each([
    ["an empty file", "", "The file is empty. Choose a CSV file with a header row and at least one event."],
    ["semicolons between columns", "date;agency;kind\n2015-03-14;Police Scotland;contact\n", "The file uses semicolons between columns. Save it as CSV (comma delimited) and try again."],
    ["a binary file", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), "This is not a text CSV file (it contains binary data). Save the spreadsheet as CSV (comma delimited) and try again."],
    ["a header without the required columns", "when,who\n2015-03-14,Police\n", "The header row must name the columns date, agency, kind. Download the template to see the layout."],
    ["a header row and nothing else", "date,agency,kind\n", "The file has a header row but no events."],
  ])("%s gets a clear message and nothing is staged or written", async (_label, content, message) => {
    const w = await world();
    const result = await upload(w, content);
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ error: message });
    expect(await db().select().from(imports).where(eq(imports.workspaceId, w.ws.id))).toHaveLength(0);
    expect(await eventCount(w.caseId)).toBe(0);
  });

  it("the template downloads as CSV with every documented column", async () => {
    const w = await world();
    const result = await callRoute(templateLoader, getRequest(`/w/${w.ws.slug}/cases/import-template.csv`, { cookie: w.ws.users.member.cookie }), { ws: w.ws.slug });
    expect(result.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await result.response?.text();
    expect(text?.split("\n")[0]).toBe("date,agency,kind,approach,service,family_member,description,recording_agency,cost_gbp,unit_cost_code,quantity,episode");
  });
});
