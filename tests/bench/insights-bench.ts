import { rmSync } from "node:fs";
import { resolve } from "node:path";

/*
 * The insight board under a workspace of 1,000 logs, 2,000 insights and 200 cases (issue 11):
 * the board's loader, which shows a page of insights at a time (`/w/:ws/insights?inquiry=…`, 500
 * insights of one inquiry; the whole workspace's 2,000, on its first and last page and filtered
 * by kind and status) and one insight's page, each called in-process with a real session, against
 * the app's own /healthz loader measured in the same run. Figures are printed, never asserted.
 */

const ROOT = resolve(import.meta.dirname, "../..");

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] : Number.NaN;
}

type Timing = { label: string; p50: number; p95: number; max: number };

async function time(label: string, runs: number, call: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 10; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1] };
}

export async function runInsightsBench(options: { runs?: number } = {}): Promise<string> {
  const runs = options.runs ?? 200;
  const file = resolve(ROOT, "tests/.tmp", `bench-insights-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NODE_ENV = "test";

  const { migrateDatabase } = await import("../../db/migrate");
  const { closeDb } = await import("../../db/client");
  await migrateDatabase();
  const factories = await import("../helpers/factories");
  const { db } = await import("../../app/utils/db.server");
  const { newId } = await import("../../app/utils/ids");
  const { logs, logAuthors } = await import("../../db/schema/logs");
  const { inquiries } = await import("../../db/schema/learning");
  const { cases } = await import("../../db/schema/cases");
  const { insights, insightInquiries, insightExcerpts, insightCases } = await import("../../db/schema/insights");
  const { INSIGHT_KINDS, INSIGHT_STATUSES } = await import("../../app/models/insight/insight.constants");
  const requests = await import("../helpers/requests");
  const board = await import("../../app/routes/w.$ws.insights._index");
  const page = await import("../../app/routes/w.$ws.insights.$id");
  const health = await import("../../app/routes/healthz");

  process.stderr.write("bench: building a workspace of 1,000 logs, 2,000 insights and 200 cases… ");
  const ws = await factories.makeWorkspace();
  const member = await factories.addMember(ws, "member");
  const inquiryIds = Array.from({ length: 4 }, () => newId());
  await db()
    .insert(inquiries)
    .values(inquiryIds.map((id, position) => ({ id, workspaceId: ws.id, question: `Inquiry question ${position + 1}?`, position })));
  const logIds = Array.from({ length: 1000 }, () => newId());
  const caseIds = Array.from({ length: 200 }, () => newId());
  const insightIds = Array.from({ length: 2000 }, () => newId());
  const chunks = <T>(rows: T[], size = 200) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await db().transaction(async (tx) => {
    for (const part of chunks(logIds)) {
      await tx.insert(logs).values(part.map((id, i) => ({ id, workspaceId: ws.id, title: `Log ${i}`, visibility: i % 10 === 0 ? ("private" as const) : ("workspace" as const), createdBy: member.id, contentText: "Reflection text" })));
      await tx.insert(logAuthors).values(part.map((logId) => ({ logId, userId: member.id })));
    }
    await tx.insert(cases).values(caseIds.map((id, i) => ({ id, workspaceId: ws.id, reference: `BENCH-${String(i).padStart(4, "0")}` })));
    const now = Date.now();
    for (const [n, part] of chunks(insightIds).entries()) {
      await tx.insert(insights).values(
        part.map((id, i) => {
          const kind = INSIGHT_KINDS[(n + i) % INSIGHT_KINDS.length];
          return {
            id,
            workspaceId: ws.id,
            statement: `Insight ${n * 200 + i}: what the board learned from the logs`,
            kind,
            status: INSIGHT_STATUSES[i % INSIGHT_STATUSES.length],
            barrierLevel: kind === "barrier" ? ((i % 2 ? "local" : "national") as "local" | "national") : null,
            createdBy: member.id,
            createdAt: now - i,
            updatedAt: now - i,
          };
        }),
      );
      await tx.insert(insightInquiries).values(part.map((insightId, i) => ({ insightId, inquiryId: inquiryIds[i % 4] })));
      await tx
        .insert(insightExcerpts)
        .values(part.map((insightId, i) => ({ id: newId(), workspaceId: ws.id, insightId, logId: logIds[(n * 200 + i) % 1000], text: "quoted words", derivedAt: now })));
      await tx.insert(insightCases).values(part.map((insightId, i) => ({ insightId, caseId: caseIds[(n * 200 + i) % 200] })));
    }
  });
  process.stderr.write("done\n");

  const cookie = member.cookie;
  const call = (fn: Parameters<typeof requests.callRoute>[0], path: string, params: Record<string, string>) => async () => {
    const result = await requests.callRoute(fn, requests.getRequest(path, { cookie }), params);
    if (result.status !== 200) throw new Error(`${path} answered ${result.status}`);
  };
  const params = { ws: ws.slug };
  const model = await import("../../app/models/insight/insight.server");
  const lastPage = Math.ceil(insightIds.length / model.INSIGHTS_PAGE_SIZE);
  const timings = [
    await time("/healthz", runs, call(health.loader as Parameters<typeof requests.callRoute>[0], "/healthz", {})),
    await time("board page query alone (2,000)", runs, () => model.listInsightBoardPage({ workspaceId: ws.id, page: 1 })),
    await time("board, one inquiry (500 insights)", runs, call(board.loader, `/w/${ws.slug}/insights?inquiry=${inquiryIds[0]}`, params)),
    await time("board, whole workspace (2,000)", runs, call(board.loader, `/w/${ws.slug}/insights`, params)),
    await time("board, whole workspace, last page", runs, call(board.loader, `/w/${ws.slug}/insights?page=${lastPage}`, params)),
    await time("board, whole workspace, kind+status", runs, call(board.loader, `/w/${ws.slug}/insights?kind=barrier&status=tested`, params)),
    await time("one insight's page", runs, call(page.loader, `/w/${ws.slug}/insights/${insightIds[0]}`, { ...params, id: insightIds[0] })),
  ];
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });

  const f = (n: number) => n.toFixed(2);
  const base = timings[0];
  const lines = [
    "Insights: 1,000 logs, 2,000 insights (500 per inquiry), 200 cases; loaders called in-process with a session",
    `  ${"route".padEnd(40)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}${"p95 / healthz".padStart(15)}`,
    ...timings.map((t) => `  ${t.label.padEnd(40)}${f(t.p50).padStart(9)}${f(t.p95).padStart(9)}${f(t.max).padStart(9)}${f(t.p95 / base.p95).padStart(15)}`),
    `  board pages of ${model.INSIGHTS_PAGE_SIZE}; target: board p95 < 50 ms — one inquiry ${f(timings[2].p95)} ms, whole workspace ${f(timings[3].p95)} ms (last page ${f(timings[4].p95)} ms)`,
  ];
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`\n${await runInsightsBench()}\n`);
  process.exit(0);
}
