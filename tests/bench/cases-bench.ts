import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

/*
 * Case evidence at scale, in-process: a workspace of 1,000 cases × 50 events, and one case of 500
 * events across 23 agencies. Each figure is the p95 of a loader call (or of the SVG alone), set
 * against the /healthz loader measured the same way in the same run. Figures are printed, never
 * asserted (ADR 011).
 */
type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)], p95: p95(samples) };
}

export async function runCasesBench(options: { runs?: number } = {}): Promise<string> {
  const runs = options.runs ?? 40;
  const dir = mkdtempSync(join(tmpdir(), "praxis-cases-bench-"));
  process.env.DATABASE_URL = `file:${join(dir, "bench.db")}`;
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  const { db } = await import("../../app/utils/db.server");
  const { newId } = await import("../../app/utils/ids");
  const { agencies, memberships } = await import("../../db/schema/core");
  const { caseCriteria, cases, commonCriteria, journeyEvents } = await import("../../db/schema/cases");
  const { makeWorkspace, TEST_ORIGIN } = await import("../helpers/factories");
  const { eq } = await import("drizzle-orm");
  const { loader: healthz } = (await import("../../app/routes/healthz")) as unknown as { loader: Loader };
  const { loader: casesList } = (await import("../../app/routes/w.$ws.cases._index")) as unknown as { loader: Loader };
  const { loader: criteriaPage } = (await import("../../app/routes/w.$ws.criteria")) as unknown as { loader: Loader };
  const { buildCaseView } = await import("../../app/models/case/case-view");
  const { listJourneyEvents, getCaseSettings } = await import("../../app/models/case/case.server");

  const ws = await makeWorkspace();
  await db().update(memberships).set({ role: "analyst" }).where(eq(memberships.workspaceId, ws.id));
  const agencyIds = Array.from({ length: 23 }, () => newId());
  await db().insert(agencies).values(agencyIds.map((id, i) => ({ id, workspaceId: ws.id, name: `Agency ${String(i + 1).padStart(2, "0")}`, kind: "other" as const })));
  const criteriaIds = Array.from({ length: 7 }, () => newId());
  await db().insert(commonCriteria).values(criteriaIds.map((id, i) => ({ id, workspaceId: ws.id, label: `Criterion ${i + 1}`, position: i })));
  const kinds = ["referral", "assessment", "intervention", "contact", "crisis", "outcome"] as const;
  const seedStart = performance.now();
  const caseIds: string[] = [];
  for (let c = 0; c < 1000; c += 1) {
    const caseId = newId();
    caseIds.push(caseId);
    await db().insert(cases).values({ id: caseId, workspaceId: ws.id, reference: `B-${String(c).padStart(4, "0")}` });
    if (c % 5) await db().insert(caseCriteria).values(criteriaIds.slice(0, c % 5).map((commonCriterionId) => ({ caseId, commonCriterionId })));
    await db()
      .insert(journeyEvents)
      .values(Array.from({ length: 50 }, (_, e) => ({ id: newId(), workspaceId: ws.id, caseId, occurredOn: Date.UTC(2012, 0, 1 + e * 9), agencyId: agencyIds[(c + e) % (3 + (c % 10))], kind: kinds[e % 6], costPence: 1_000 + e * 37 })));
  }
  const bigCase = newId();
  await db().insert(cases).values({ id: bigCase, workspaceId: ws.id, reference: "B-BIG" });
  for (let chunk = 0; chunk < 5; chunk += 1) {
    await db()
      .insert(journeyEvents)
      .values(Array.from({ length: 100 }, (_, i) => { const e = chunk * 100 + i; return { id: newId(), workspaceId: ws.id, caseId: bigCase, occurredOn: Date.UTC(2010, 0, 1 + e * 4), agencyId: agencyIds[e % 23], kind: kinds[e % 6], approach: e % 3 ? ("reactive" as const) : ("preventative" as const), costPence: 5_000 + e }; }));
  }
  const seedMs = performance.now() - seedStart;
  // The events went in directly, so the maintained totals are filled the way every write fills them.
  const { refreshCaseTotals } = await import("../../app/models/case/case-totals.server");
  const totalsStart = performance.now();
  await db().transaction((tx) => refreshCaseTotals(tx, [...caseIds, bigCase]));
  const totalsMs = performance.now() - totalsStart;
  const { listCasePage, summariseCases, listCriteriaProfiles } = await import("../../app/models/case/case-list.server");

  const call = (fn: Loader, path: string) => fn({ request: new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: ws.owner.cookie } }), params: { ws: ws.slug }, context: {} });
  const health = await time(runs, () => healthz({ request: new Request(`${TEST_ORIGIN}/healthz`), params: {}, context: {} }));
  const list = await time(runs, () => call(casesList, `/w/${ws.slug}/cases`));
  const tariff = await time(runs, () => call(criteriaPage, `/w/${ws.slug}/criteria?sort=cost`));
  const listSorted = await time(runs, () => call(casesList, `/w/${ws.slug}/cases?sort=cost&page=7`));
  const thresholds = { minCriteria: 3, minAgencies: 5 };
  const pageOnly = await time(runs, () => listCasePage(ws.id, { sort: "cost", page: 7, perPage: 50, thresholds }));
  const summaryOnly = await time(runs, () => summariseCases(ws.id, thresholds));
  const profilesOnly = await time(runs, () => listCriteriaProfiles(ws.id));
  const payloadKb = async (fn: Loader, path: string) => (JSON.stringify(await call(fn, path)).length / 1024).toFixed(0);
  const listKb = await payloadKb(casesList, `/w/${ws.slug}/cases`);
  const tariffKb = await payloadKb(criteriaPage, `/w/${ws.slug}/criteria?sort=cost`);
  const stored = await listJourneyEvents(ws.id, bigCase);
  const settings = await getCaseSettings(ws.id);
  const svg = await time(runs, () => buildCaseView("B-BIG", { role: "analyst", agencyId: null }, stored, settings, Date.now()));
  const svgWithRead = await time(runs, async () => buildCaseView("B-BIG", { role: "analyst", agencyId: null }, await listJourneyEvents(ws.id, bigCase), settings, Date.now()));
  rmSync(dir, { recursive: true, force: true });

  const fmt = (n: number) => n.toFixed(2).padStart(8);
  const row = (name: string, t: { p50: number; p95: number }, target: string) => `| ${name.padEnd(52)} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${(t.p95 / health.p95).toFixed(1).padStart(7)}× | ${target.padEnd(8)} |`;
  return [
    `Case evidence: 1,000 cases × 50 events (${caseIds.length * 50 + 500} events, seeded in ${(seedMs / 1000).toFixed(1)} s, totals of all ${caseIds.length + 1} cases refreshed in ${totalsMs.toFixed(0)} ms), ${runs} runs each, in-process loader calls`,
    `Loader payloads: case list ${listKb} KB (one page of 50 rows), high-tariff list ${tariffKb} KB`,
    "| measure                                              |  p50 ms  |  p95 ms  | vs /healthz p95 | target |",
    "|------------------------------------------------------|----------|----------|---------|----------|",
    row("/healthz loader (baseline)", health, "—"),
    row("case list + summary + clusters (/w/:ws/cases)", list, "< 50 ms"),
    row("  the same, sorted by cost, page 7", listSorted, "< 50 ms"),
    row("  of which: one page of 50 from the totals", pageOnly, "—"),
    row("  of which: summary, spreads and areas", summaryOnly, "—"),
    row("  of which: pairs of criteria (profiles)", profilesOnly, "—"),
    row("high-tariff list (/w/:ws/criteria?sort=cost)", tariff, "< 50 ms"),
    row("journey SVG + evidence, 500 events, 23 agencies", svg, "< 100 ms"),
    row("the same, with the events read from the database", svgWithRead, "< 100 ms"),
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(await runCasesBench());
  process.exit(0);
}
