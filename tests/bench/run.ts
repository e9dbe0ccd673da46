import { runCollabBench } from "./collab-bench";

/*
 * `npm run bench`: every benchmark, one after another, figures printed as tables.
 * BENCH_SECONDS shortens the load scenarios for a quick look (default 10 s each).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const report = await runCollabBench({ seconds });
console.log(`\n${report}\n`);
process.exit(0);
