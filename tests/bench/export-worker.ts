import { performance } from "node:perf_hooks";

import type { ExportFormat } from "../../app/models/export/export.schema";
import { createExport } from "../../app/models/export/export.server";
import { configureConnection, getDb } from "../../db/client";

/*
 * One export in its own process, so that the peak RSS it reports is the export's own: the parent
 * (export-bench.ts) has filled the database named by DATABASE_URL.
 */
const format = (process.env.BENCH_FORMAT ?? "docx") as ExportFormat;
const workspace = JSON.parse(process.env.BENCH_WORKSPACE ?? "{}") as {
  id: string;
  slug: string;
  name: string;
  description: string;
};
const userId = process.env.BENCH_USER ?? "";
await configureConnection(getDb().client);
const baselineRss = process.memoryUsage().rss;
const started = performance.now();
const file = await createExport({
  workspace,
  exporter: { userId, displayName: "Bench evaluator" },
  query: {},
  format,
});
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    format,
    ms,
    bytes: typeof file.body === "string" ? Buffer.byteLength(file.body) : file.body.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    startRssMiB: baselineRss / 1024 / 1024,
  })}\n`,
);
process.exit(0);
