import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";

/*
 * `npm test`: every suite, in order (unit → integration → end-to-end), each run to the end even
 * when an earlier one fails, then one line for all of them together: "N passed, N failed".
 * Counts come from Vitest's JSON reporter, not from scraping its console output.
 */
const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "tests/.tmp/results");
mkdirSync(outDir, { recursive: true });

const only = process.argv.slice(2);
const projects = (only.length ? only : ["unit", "integration", "e2e"]).filter(Boolean);

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean };

/*
 * Two integration files at once even on a 2-core machine (Vitest's default there is one worker):
 * each file has its own database, and much of a file's time is spent waiting on it, on argon2 or
 * on a socket. The pool takes this from the command line, not from a project's own options.
 */
const EXTRA_ARGS: Record<string, string[]> = { integration: ["--maxWorkers=2", "--minWorkers=1"] };

let passed = 0;
let failed = 0;
let skipped = 0;
let anyFailure = false;
for (const project of projects) {
  const out = resolve(outDir, `${project}.json`);
  rmSync(out, { force: true });
  console.log(`\n=== ${project} tests ===`);
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--project", project, ...(EXTRA_ARGS[project] ?? []), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    { cwd: root, stdio: "inherit", env: process.env },
  );
  if (!existsSync(out)) {
    console.error(`The ${project} suite did not report results (exit ${run.status}).`);
    anyFailure = true;
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(out, "utf8")) as VitestJson;
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  if (run.status !== 0 || !result.success) anyFailure = true;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(anyFailure || failed > 0 ? 1 : 0);
