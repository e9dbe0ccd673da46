import { runCasesBench } from "./cases-bench";
import { runCollabBench } from "./collab-bench";

/*
 * `npm run bench`: every benchmark, one after another, figures printed as tables.
 * BENCH_SECONDS shortens the load scenarios for a quick look (default 10 s each);
 * BENCH_COLD_TRIALS sets how many cold starts are measured (default 5; the median is judged).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const report = await runCollabBench({ seconds, coldTrials: Number(process.env.BENCH_COLD_TRIALS ?? 5) });
console.log(`\n${report}\n`);
console.log(`\n${await runCasesBench()}\n`);
process.exit(0);
