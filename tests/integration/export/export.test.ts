import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { and, eq } from "drizzle-orm";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";

import { learningSummaryJsonSchema } from "../../../app/models/export/export.schema";
import { db } from "../../../app/utils/db.server";
import { auditEvents, ROLES } from "../../../db/schema/core";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeExportWorld, SECRET, SHARED, type ExportWorld } from "./world";

const FILES = {
  "summary.docx": "w.$ws.export.summary[.docx].ts",
  "summary.md": "w.$ws.export.summary[.md].ts",
  "summary.html": "w.$ws.export.summary[.html].ts",
  "summary.json": "w.$ws.export.summary[.json].ts",
  "insights.csv": "w.$ws.export.insights[.csv].ts",
  "actions.csv": "w.$ws.export.actions[.csv].ts",
  "codebook.qdc": "w.$ws.export.codebook[.qdc].ts",
} as const;
type FileName = keyof typeof FILES;

const XSD = resolve(import.meta.dirname, "../../../../shared/data/refi-qda-codebook-1.0.xsd");

async function loaderOf(file: string) {
  const mod = (await import(`../../../app/routes/${file}`)) as {
    loader: Parameters<typeof callRoute>[0];
  };
  return mod.loader;
}

async function fetchExport(world: ExportWorld, name: FileName, cookie: string, search = "") {
  const loader = await loaderOf(FILES[name]);
  const result = await callRoute(
    loader,
    getRequest(`/w/${world.ws.slug}/export/${name}${search}`, { cookie }),
    { ws: world.ws.slug },
  );
  return result.response ?? new Response(JSON.stringify(result.data), { status: result.status });
}

/** The text a person would read in a file: DOCX through a real DOCX reader, the rest as UTF-8. */
async function readable(name: FileName, response: Response): Promise<string> {
  const bytes = Buffer.from(await response.arrayBuffer());
  if (name === "summary.docx") return (await mammoth.extractRawText({ buffer: bytes })).value;
  return bytes.toString("utf8");
}

let world: ExportWorld;
beforeAll(async () => {
  world = await makeExportWorld();
});

describe("the learning summary export", () => {
  it("a unique word planted in a private log, a set log, set meeting notes, a set action, a case event and another workspace appears in no export format", async () => {
    for (const name of Object.keys(FILES) as FileName[]) {
      const response = await fetchExport(world, name, world.ws.users.evaluator.cookie);
      expect(response.status, name).toBe(200);
      const text = (await readable(name, response)).toLowerCase();
      for (const word of Object.values(SECRET))
        expect(text, `${name} leaks ${word}`).not.toContain(word);
    }
  });

  it("workspace-visible logs, insights, actions and decisions appear in every summary format", async () => {
    for (const name of ["summary.docx", "summary.md", "summary.html", "summary.json"] as const) {
      const text = await readable(
        name,
        await fetchExport(world, name, world.ws.users.facilitator.cookie),
      );
      expect(text, name).toContain(SHARED.logWord);
      expect(text, name).toContain(SHARED.insight);
      expect(text, name).toContain(SHARED.decision);
      expect(text, name).toContain(SHARED.excerpt);
      expect(text, name).toContain("Case MTP-001");
      expect(text, name).toContain("Map the referral routes");
    }
  });

  it("counts of families under 5 are shown as “fewer than 5”, never as the number", async () => {
    const json = JSON.parse(
      await readable(
        "summary.json",
        await fetchExport(world, "summary.json", world.ws.owner.cookie),
      ),
    ) as {
      evidence: {
        cases: {
          families: unknown;
          highTariffFamilies: unknown;
          journeyEvents: unknown;
          byLocality: Array<{ families: unknown; costPence: unknown }>;
        };
      };
      method: { sets: Array<{ participants: unknown; actionsCommitted: unknown }> };
    };
    expect(json.evidence.cases.families).toBe("fewer than 5");
    expect(json.evidence.cases.journeyEvents).toBe("fewer than 5");
    expect(json.evidence.cases.byLocality).toEqual([
      { locality: "Locality not recorded", families: "fewer than 5", costPence: null },
    ]);
    expect(json.method.sets[0].participants).toBe("fewer than 5");
    expect(json.method.sets[0].actionsCommitted).toBe("fewer than 5");
    const html = await readable(
      "summary.html",
      await fetchExport(world, "summary.html", world.ws.owner.cookie),
    );
    expect(html).toContain("fewer than 5");
    expect(html).not.toMatch(/Families \(pseudonymised cases\)<\/td><td>3</);
  });

  it("evaluators, facilitators and owners can export; members and analysts cannot", async () => {
    const outcome: Record<string, number> = {};
    for (const role of ROLES)
      outcome[role] = (await fetchExport(world, "summary.md", world.ws.users[role].cookie)).status;
    expect(outcome).toEqual({
      owner: 200,
      facilitator: 200,
      analyst: 403,
      member: 403,
      evaluator: 200,
    });
  });

  it("another workspace's inquiry cannot be exported through this workspace", async () => {
    const response = await fetchExport(
      world,
      "summary.json",
      world.ws.owner.cookie,
      `?inquiry=${world.otherInquiryId}`,
    );
    expect(response.status).toBe(404);
  });

  it("a bad date in the query gets a clear message and records no export", async () => {
    const before = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, world.ws.id), eq(auditEvents.kind, "export.created")));
    const response = await fetchExport(
      world,
      "summary.md",
      world.ws.owner.cookie,
      "?from=2015-02-30",
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter a real date");
    const reversed = await fetchExport(
      world,
      "summary.md",
      world.ws.owner.cookie,
      "?from=2015-06-01&to=2015-05-01",
    );
    expect(await reversed.text()).toContain("The start date must be on or before the end date");
    const after = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, world.ws.id), eq(auditEvents.kind, "export.created")));
    expect(after.length).toBe(before.length);
  });

  it("every export is audited with who exported which file and what it contained", async () => {
    await fetchExport(
      world,
      "summary.json",
      world.ws.users.evaluator.cookie,
      `?inquiry=${world.inquiryId}`,
    );
    const [row] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, world.ws.id),
          eq(auditEvents.kind, "export.created"),
          eq(auditEvents.actorUserId, world.ws.users.evaluator.id),
        ),
      )
      .orderBy(auditEvents.id)
      .limit(1)
      .offset(0);
    expect(row).toBeDefined();
    const all = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, world.ws.id),
          eq(auditEvents.kind, "export.created"),
          eq(auditEvents.actorUserId, world.ws.users.evaluator.id),
        ),
      );
    const last = all.at(-1)!;
    expect(last.targetId).toBe("summary.json");
    expect(last.detail).toMatchObject({
      filters: { inquiryId: world.inquiryId },
      contained: { logs: [world.sharedLogId], insights: 1 },
    });
  });

  it("summary.json validates against the JSON Schema the app publishes", async () => {
    const schemaRoute = await loaderOf("w.$ws.export.summary[.schema.json].ts");
    const schemaResult = await callRoute(
      schemaRoute,
      getRequest(`/w/${world.ws.slug}/export/summary.schema.json`, {
        cookie: world.ws.users.member.cookie,
      }),
      { ws: world.ws.slug },
    );
    expect(schemaResult.status).toBe(200);
    const schema = (await schemaResult.response!.json()) as Record<string, unknown>;
    expect(schema).toEqual(learningSummaryJsonSchema());
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const summary = JSON.parse(
      await readable(
        "summary.json",
        await fetchExport(world, "summary.json", world.ws.owner.cookie),
      ),
    ) as Record<string, unknown>;
    const { $schema: _ignored, ...document } = summary;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...document, schemaVersion: "2.0" })).toBe(false);
  });

  it("the codebook validates against the REFI-QDA codebook XSD (xmllint)", async () => {
    const xml = await readable(
      "codebook.qdc",
      await fetchExport(world, "codebook.qdc", world.ws.owner.cookie),
    );
    const dir = mkdtempSync(join(tmpdir(), "praxis-qdc-"));
    const file = join(dir, "codebook.qdc");
    writeFileSync(file, xml);
    const out = execFileSync("xmllint", ["--noout", "--schema", XSD, file], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toBe("");
    expect(xml).toContain('name="Barrier"');
    expect(xml).toContain('name="Adopted"');
  });

  it("the DOCX opens in a real DOCX reader with headings, tables and a chart image", async () => {
    const response = await fetchExport(world, "summary.docx", world.ws.owner.cookie);
    expect(response.headers.get("Content-Type")).toContain("wordprocessingml");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename=".+-summary\.docx"/,
    );
    const html = (
      await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) })
    ).value;
    expect(html).toMatch(/<h1>(<a id="[^"]*"><\/a>)*How can we prevent some families/);
    expect(html).toMatch(/<h2>(<a id="[^"]*"><\/a>)*Insights and their evidence<\/h2>/);
    expect(html).toMatch(/<table>[\s\S]*Pool the early-help budget/);
    expect(html).toMatch(/<img [^>]*src="data:image\/(png|svg\+xml);base64,/);
  });

  it("the summary carries the place count and each indicator's trend, as figures and as a chart", async () => {
    const json = JSON.parse(await readable("summary.json", await fetchExport(world, "summary.json", world.ws.owner.cookie))) as {
      evidence: { spend: { totalPence: number; vulnerablePence: number }; indicators: Array<{ name: string; verdict: string; values: unknown[] }> };
    };
    expect(json.evidence.spend).toMatchObject({ totalPence: 123_456_789, vulnerablePence: 30_864_197 });
    expect(json.evidence.indicators).toEqual([expect.objectContaining({ name: "Children in external placements", values: expect.arrayContaining([expect.objectContaining({ period: "2014", value: "26" })]) })]);
    expect(json.evidence.indicators[0].verdict).toMatch(/right way/i);
    const md = await readable("summary.md", await fetchExport(world, "summary.md", world.ws.owner.cookie));
    expect(md).toContain("£1,234,567.89 of public spend");
    const html = await readable("summary.html", await fetchExport(world, "summary.html", world.ws.owner.cookie));
    expect(html).toMatch(/<figure role="group" aria-label="Children in external placements: values over time"><svg/);
    // The linked family's journey, de-identified: lanes by agency, dates to the month, no descriptions.
    expect(html).toMatch(/<figure role="group" aria-label="Journey of case MTP-001"><svg[\s\S]*?Police Scotland[\s\S]*?<\/svg>/);
    expect(html.match(/ id="journey-chart-title[^"]*"/g)?.length).toBe(new Set(html.match(/ id="journey-chart-title[^"]*"/g)).size);
    const docx = (await mammoth.convertToHtml({ buffer: Buffer.from(await (await fetchExport(world, "summary.docx", world.ws.owner.cookie)).arrayBuffer()) })).value;
    expect(docx.match(/<img /g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });

  it("CSV cells that a spreadsheet would run as formulas are neutralised", async () => {
    const csv = await readable(
      "actions.csv",
      await fetchExport(world, "actions.csv", world.ws.owner.cookie),
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Map the referral routes"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("the HTML summary prints cleanly: a print stylesheet, page breaks and a contents list", async () => {
    const html = await readable(
      "summary.html",
      await fetchExport(world, "summary.html", world.ws.owner.cookie),
    );
    expect(html).toContain("@media print");
    expect(html).toContain('class="page-break"');
    expect(html).toMatch(
      /<nav aria-labelledby="toc-heading">[\s\S]*<a href="#s\d+-how-can-we-prevent/,
    );
    expect(html).toContain('<html lang="en-GB">');
  });
});
