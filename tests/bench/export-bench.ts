import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

import { ROOT, TMP_DIR } from "../setup/paths";

const run = promisify(execFile);

/*
 * The learning-summary export at scale (issue 11): a workspace of 1,000 workspace-visible logs,
 * 2,000 insights and 200 cases of 25 events. Each export runs in a fresh process (peak RSS is the
 * export's own); the JSON summary, measured in the same run, is the baseline the DOCX is set
 * against. Targets: DOCX under 3 s with peak RSS under 300 MB.
 */
export async function runExportBench(): Promise<string> {
  mkdirSync(TMP_DIR, { recursive: true });
  const file = resolve(TMP_DIR, `bench-export-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  const { migrateDatabase } = await import("../../db/migrate");
  const { getDb, closeDb } = await import("../../db/client");
  const { newId } = await import("../../app/utils/ids");
  await migrateDatabase();
  const { client } = getDb();
  const userId = newId();
  const workspace = { id: newId(), slug: "bench", name: "Bench partnership", description: "" };
  const paragraph =
    "Families described being asked the same questions by several agencies in the same month, and workers said the referral routes were unclear. ";
  const statements: Array<{ sql: string; args: Array<string | number | null> }> = [
    {
      sql: "insert into users (id, email, display_name, password_hash) values (?, ?, ?, ?)",
      args: [userId, "bench@example.test", "Bench evaluator", "x"],
    },
    {
      sql: "insert into workspaces (id, slug, name) values (?, ?, ?)",
      args: [workspace.id, workspace.slug, workspace.name],
    },
    {
      sql: "insert into memberships (id, workspace_id, user_id, role) values (?, ?, ?, 'evaluator')",
      args: [newId(), workspace.id, userId],
    },
  ];
  const inquiries = Array.from({ length: 4 }, (_, i) => ({
    id: newId(),
    q: `Bench inquiry ${i + 1}: how can we prevent crisis?`,
  }));
  for (const [i, q] of inquiries.entries())
    statements.push({
      sql: "insert into inquiries (id, workspace_id, question, position) values (?, ?, ?, ?)",
      args: [q.id, workspace.id, q.q, i],
    });
  for (let i = 0; i < 1000; i += 1) {
    const id = newId();
    statements.push({
      sql: "insert into logs (id, workspace_id, title, visibility, inquiry_id, created_by, content_text) values (?, ?, ?, 'workspace', ?, ?, ?)",
      args: [
        id,
        workspace.id,
        `Reflection ${i + 1}`,
        inquiries[i % 4].id,
        userId,
        paragraph.repeat(12),
      ],
    });
    statements.push({
      sql: "insert into log_authors (log_id, user_id) values (?, ?)",
      args: [id, userId],
    });
  }
  const kinds = ["finding", "barrier", "opportunity", "question"];
  const statuses = ["emerging", "tested", "adopted", "dropped"];
  for (let i = 0; i < 2000; i += 1) {
    statements.push({
      sql: "insert into insights (id, workspace_id, statement, kind, status, barrier_level) values (?, ?, ?, ?, ?, ?)",
      args: [
        newId(),
        workspace.id,
        `Insight ${i + 1}: duplicated assessments delay help for families in crisis`,
        kinds[i % 4],
        statuses[(i >> 2) % 4],
        i % 4 === 1 ? (i % 8 === 1 ? "local" : "national") : null,
      ],
    });
  }
  const agency = newId();
  statements.push({
    sql: "insert into agencies (id, workspace_id, name, kind) values (?, ?, 'Police Scotland', 'police')",
    args: [agency, workspace.id],
  });
  for (let c = 0; c < 200; c += 1) {
    const caseId = newId();
    statements.push({
      sql: "insert into cases (id, workspace_id, reference) values (?, ?, ?)",
      args: [caseId, workspace.id, `BEN-${String(c).padStart(4, "0")}`],
    });
    for (let e = 0; e < 25; e += 1) {
      statements.push({
        sql: "insert into journey_events (id, workspace_id, case_id, occurred_on, agency_id, kind, cost_pence) values (?, ?, ?, ?, ?, 'contact', ?)",
        args: [
          newId(),
          workspace.id,
          caseId,
          Date.UTC(2014, 0, 1) + e * 86_400_000 * 7,
          agency,
          12_345,
        ],
      });
    }
  }
  await client.batch(statements, "write");
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  closeDb();

  const tsx = resolve(ROOT, "node_modules/.bin/tsx");
  const measure = async (format: string) => {
    const { stdout } = await run(tsx, [resolve(ROOT, "tests/bench/export-worker.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${file}`,
        BENCH_FORMAT: format,
        BENCH_WORKSPACE: JSON.stringify(workspace),
        BENCH_USER: userId,
      },
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
      format: string;
      ms: number;
      bytes: number;
      peakRssMiB: number;
      startRssMiB: number;
    };
  };
  const rows: Array<Awaited<ReturnType<typeof measure>>> = [];
  for (const format of ["json", "docx", "json", "docx", "html", "md"])
    rows.push(await measure(format));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  const best = (format: string) =>
    rows.filter((r) => r.format === format).sort((a, b) => a.ms - b.ms)[0];
  const json = best("json");
  const docx = best("docx");
  const lines = [
    "Learning-summary export: 1,000 logs, 2,000 insights, 200 cases × 25 events (each export in a fresh process; best of runs)",
    "| format | time | size | peak RSS | time vs JSON |",
    "|---|---|---|---|---|",
    ...["json", "docx", "html", "md"].map((f) => {
      const r = best(f);
      return `| ${f} | ${(r.ms / 1000).toFixed(2)} s | ${(r.bytes / 1024 / 1024).toFixed(1)} MiB | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.ms / json.ms).toFixed(2)}× |`;
    }),
    `Targets: DOCX under 3 s (${(docx.ms / 1000).toFixed(2)} s: ${docx.ms < 3000 ? "met" : "not met"}), peak RSS under 300 MB (${((docx.peakRssMiB * 1024 * 1024) / 1e6).toFixed(0)} MB: ${docx.peakRssMiB * 1024 * 1024 < 300e6 ? "met" : "not met"}).`,
  ];
  return lines.join("\n");
}
