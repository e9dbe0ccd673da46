import { runCasesBench } from "./cases-bench";
import { runCollabBench } from "./collab-bench";
import { runExportBench } from "./export-bench";
import { runSignedInBench } from "./signed-in-bench";
import { runSpendBench } from "./spend-bench";

/*
 * `npm run bench`: every benchmark, one after another, figures printed as tables.
 * BENCH_SECONDS shortens the load scenarios for a quick look (default 10 s each);
 * BENCH_COLD_TRIALS sets how many cold starts are measured (default 5; the median is judged).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const report = await runCollabBench({
  seconds,
  coldTrials: Number(process.env.BENCH_COLD_TRIALS ?? 5),
});
console.log(`\n${report}\n`);
console.log(
  `\n${await (await import("./multi-process-bench")).runMultiProcessBench({ seconds })}\n`,
);
console.log(`\n${await (await import("./insights-bench")).runInsightsBench()}\n`);
console.log(`\n${await runSignedInBench({ seconds })}\n`);
console.log(`\n${await runExportBench()}\n`);
console.log(`\n${await runSpendBench()}\n`);
console.log(`\n${await runCasesBench()}\n`);
process.exit(0);
