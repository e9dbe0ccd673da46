import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

import type { ServerBuild } from "@remix-run/node";

import { APP_BUILD_DIR, TMP_DIR } from "../setup/paths";

/*
 * Spend benchmark, in this process so the server's event-loop delay is measured where the work
 * runs: the production build served by server.ts on a fresh database. A 16,000-row "spend over
 * £500" file is uploaded (preview) and committed while a second client asks /healthz every 20 ms;
 * then the place count page is timed with 200,000 spend lines. Every figure sits beside /healthz
 * measured in the same run. Figures are printed, never asserted.
 */
const ROWS = 16_000;
const PLACE_LINES = 200_000;
const SAMPLES = 60;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]
    : Number.NaN;
}

/** A transparency file in the Body / Expense Area layout, with credits, quoted commas and a redacted supplier. */
export function makeTransparencyFile(rows: number): { csv: string; totalPence: number } {
  const areas = [
    "Children's Services - Looked After Children",
    "Children's Services - Family Support",
    "Education - Schools",
    "Adult Social Care",
    "Housing - Homelessness",
    "Roads, Transport and Parking",
  ];
  const lines = [
    "Body,Organisation Name,Date,Net Amount,Irrecoverable VAT,Supplier(Beneficiary) Name,Expense Area,Expense Code,Purpose of Spend",
  ];
  let totalPence = 0;
  for (let i = 0; i < rows; i++) {
    const pence = (50_000 + ((i * 7919) % 5_000_000)) * (i % 50 === 0 ? -1 : 1);
    totalPence += pence;
    const pounds = Math.floor(Math.abs(pence) / 100).toLocaleString("en-GB");
    const amount = `${pence < 0 ? "-" : ""}${pounds}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 12) + 1).padStart(2, "0");
    const supplier = i % 9 === 0 ? "REDACTED - personal data" : `Supplier ${i % 400} Ltd`;
    lines.push(
      `S12000010,East Lothian Council,${day}/${month}/2015,"${amount}",0.00,${supplier},"${areas[i % areas.length]}",${5000 + (i % 40)},"Purpose ${i % 90}, various"`,
    );
  }
  return { csv: lines.join("\r\n"), totalPence };
}

type Timed = { ms: number; status: number };

async function timed(fn: () => Promise<Response>): Promise<Timed> {
  const started = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

export async function runSpendBench(): Promise<string> {
  const { default: buildApp } = await import("../setup/global-build");
  buildApp();
  mkdirSync(TMP_DIR, { recursive: true });
  const file = resolve(TMP_DIR, `bench-spend-${process.pid}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NODE_ENV = "production";
  process.env.SESSION_COOKIE_SECURE = "false";
  const { configureConnection, getDb, closeDb } = await import("../../db/client");
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  await configureConnection(getDb().client);
  const { makeWorkspace, sessionCookieFor } = await import("../helpers/factories");
  const { startServer } = await import("../../server");
  const build = (await import(
    pathToFileURL(resolve(APP_BUILD_DIR, "build/index.js")).href
  )) as ServerBuild;
  const running = await startServer({ port: 0, host: "127.0.0.1", build });
  const base = running.url.replace("localhost", "127.0.0.1");
  const ws = await makeWorkspace(undefined, "Bench partnership");
  const cookie = await sessionCookieFor(ws.owner.id);
  const headers = { Cookie: cookie, Origin: base };
  const out: string[] = [];

  try {
    const healthz = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push((await timed(() => fetch(`${base}/healthz`))).ms);
      return times;
    };
    await healthz(20);
    const baseline = await healthz(SAMPLES);

    // The import, with another client asking /healthz every 20 ms.
    const { csv, totalPence } = makeTransparencyFile(ROWS);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const probes: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        probes.push((await timed(() => fetch(`${base}/healthz`))).ms);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    delay.enable();
    const form = new FormData();
    form.append("source", "East Lothian Council");
    form.append("file", new File([csv], "bench-16000.csv", { type: "text/csv" }));
    // CPU of this process (server and clients) beside the wall time: on a shared machine the
    // wall time also counts the other processes' turns.
    const cpuAtUpload = process.cpuUsage();
    const uploadStarted = performance.now();
    const upload = await fetch(`${base}/w/${ws.slug}/spend/import`, {
      method: "POST",
      body: form,
      headers,
      redirect: "manual",
    });
    await upload.arrayBuffer();
    const location = upload.headers.get("location") ?? "";
    const uploadMs = performance.now() - uploadStarted;
    const previewPage = await timed(() => fetch(`${base}${location}`, { headers }));
    const previewMs = uploadMs + previewPage.ms;
    const previewCpu = process.cpuUsage(cpuAtUpload);
    const cpuAtCommit = process.cpuUsage();
    const commitBody = new URLSearchParams({
      intent: "commit",
      expectedLines: String(ROWS),
      expectedTotalPence: String(totalPence),
    });
    const commit = await timed(() =>
      fetch(`${base}${location}`, {
        method: "POST",
        body: commitBody,
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      }),
    );
    const commitCpu = process.cpuUsage(cpuAtCommit);
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    delay.disable();
    probing = false;
    await prober;
    const loopP99 = delay.percentile(99) / 1e6;
    const loopMax = delay.max / 1e6;

    // 200,000 spend lines for the place count (written directly: this measures reading them).
    const { spendLines } = await import("../../db/schema/spend");
    const { newId } = await import("../../app/utils/ids");
    const db = getDb().db;
    const existing = ROWS;
    const categories = [
      "children_and_families",
      "adults",
      "education",
      "justice",
      "health",
      "housing",
      "welfare",
      "universal",
    ] as const;
    const approaches = ["reactive", "preventative", "universal"] as const;
    for (let at = existing; at < PLACE_LINES; at += 2000) {
      const batch = [];
      for (let i = at; i < Math.min(PLACE_LINES, at + 2000); i++) {
        batch.push({
          id: newId(),
          workspaceId: ws.id,
          financialYear: 2010 + (i % 6),
          category: categories[i % 8],
          approach: approaches[i % 3],
          amountPence: 10_000 + (i % 900_000),
          vulnerableShareBp: (i % 11) * 500,
          source: "bench",
        });
      }
      await db.insert(spendLines).values(batch);
    }
    const page = `${base}/w/${ws.slug}/spend`;
    // Idle keep-alive sockets were closed by the server while the lines were written.
    await fetch(page, { headers }).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    );
    for (let i = 0; i < 5; i++) await timed(() => fetch(page, { headers }));
    const placeTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++)
      placeTimes.push((await timed(() => fetch(page, { headers }))).ms);
    const filtered: number[] = [];
    for (let i = 0; i < SAMPLES; i++)
      filtered.push(
        (await timed(() => fetch(`${page}?year=2012&category=health`, { headers }))).ms,
      );
    const baselineAfter = await healthz(SAMPLES);

    const f = (n: number) => n.toFixed(1);
    out.push(
      "Spend benchmark (one process: server and clients; 2 shared cores)",
      "",
      "| figure | value | against /healthz p50 |",
      "|---|---|---|",
      `| /healthz p50 / p95 (before) | ${f(percentile(baseline, 0.5))} / ${f(percentile(baseline, 0.95))} ms | 1.0× |`,
      `| upload + parse of ${ROWS.toLocaleString("en-GB")} rows (POST → 303, status ${upload.status}) | ${f(uploadMs)} ms | ${f(uploadMs / percentile(baseline, 0.5))}× |`,
      `| preview page GET (status ${previewPage.status}) | ${f(previewPage.ms)} ms | |`,
      `| preview time (upload + preview page) | ${f(previewMs)} ms | |`,
      `| commit of ${ROWS.toLocaleString("en-GB")} lines (POST → 303, status ${commit.status}) | ${f(commit.ms)} ms | |`,
      `| preview + commit (target < 3,000 ms) | ${f(previewMs + commit.ms)} ms | |`,
      `| CPU of this process during the preview / the commit | ${f(cpuMs(previewCpu))} / ${f(cpuMs(commitCpu))} ms | |`,
      `| event-loop delay while importing: p99 / max (target p99 < 100 ms) | ${f(loopP99)} / ${f(loopMax)} ms | |`,
      `| another client's /healthz while importing: p50 / p99 / max (${probes.length} probes) | ${f(percentile(probes, 0.5))} / ${f(percentile(probes, 0.99))} / ${f(Math.max(...probes))} ms | ${f(percentile(probes, 0.99) / percentile(baseline, 0.5))}× at p99 |`,
      `| place count page, ${PLACE_LINES.toLocaleString("en-GB")} lines: p50 / p95 (target p95 < 100 ms) | ${f(percentile(placeTimes, 0.5))} / ${f(percentile(placeTimes, 0.95))} ms | ${f(percentile(placeTimes, 0.95) / percentile(baselineAfter, 0.5))}× at p95 |`,
      `| place count page filtered (year and category): p50 / p95 | ${f(percentile(filtered, 0.5))} / ${f(percentile(filtered, 0.95))} ms | |`,
      `| /healthz p50 / p95 (after) | ${f(percentile(baselineAfter, 0.5))} / ${f(percentile(baselineAfter, 0.95))} ms | |`,
    );
  } finally {
    await running.close();
    closeDb();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
  return out.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`\n${await runSpendBench()}\n`);
  process.exit(0);
}
