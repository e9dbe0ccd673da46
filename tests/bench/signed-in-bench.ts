import { startApp, type RunningApp } from "../e2e/helpers/app";
import buildApp from "../setup/global-build";

/*
 * Signed-in pages against a public one (issue 8): the production server on the demo seed, 8
 * concurrent keep-alive clients per page, the same run. Prints requests per second and latency
 * for /login (anonymous), the workspace home and the logs list (signed in as a member), and each
 * signed-in page's rate as a ratio of /login's. Figures only: timings are never asserted.
 */
const CONCURRENCY = 8;
const PASSWORD = "praxis-demo-2015";

type Figures = { path: string; signedIn: boolean; requests: number; seconds: number; p50: number; p95: number; errors: number };

async function signIn(app: RunningApp, email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: PASSWORD });
  const response = await fetch(`${app.url}/login`, { method: "POST", body, headers: { Origin: app.url }, redirect: "manual" });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("praxis_session="));
  if (!session) throw new Error(`Signing in as ${email} failed (${response.status})`);
  // A browser also holds the "last workspace" hint once it has visited the workspace.
  return `${session.split(";")[0]}; praxis_ws=demo`;
}

async function load(app: RunningApp, path: string, cookie: string | null, seconds: number) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const at = performance.now();
        const response = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, seconds: elapsed, latencies, errors };
}

export async function runSignedInBench({ seconds }: { seconds: number }): Promise<string> {
  buildApp();
  const app = await startApp({ seed: "demo" });
  try {
    const cookie = await signIn(app, "member@demo.test");
    const pages = [
      { path: "/login", cookie: null },
      { path: "/w/demo", cookie },
      { path: "/w/demo/logs", cookie },
    ];
    // Warm the server (JIT, caches, SQLite pages) on every page before measuring.
    for (const page of pages) await load(app, page.path, page.cookie, Math.min(2, seconds));
    // Interleaved one-second turns, so a change in the machine's load (it is shared) falls on every page alike.
    const totals = pages.map(() => ({ requests: 0, seconds: 0, latencies: [] as number[], errors: 0 }));
    for (let turn = 0; turn < seconds; turn++) {
      for (const [i, page] of pages.entries()) {
        const f = await load(app, page.path, page.cookie, 1);
        totals[i].requests += f.requests;
        totals[i].seconds += f.seconds;
        totals[i].errors += f.errors;
        totals[i].latencies.push(...f.latencies);
      }
    }
    const figures: Figures[] = pages.map((page, i) => {
      const latencies = totals[i].latencies.sort((x, y) => x - y);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * (latencies.length - 1)))] ?? Number.NaN;
      return { path: page.path, signedIn: page.cookie !== null, requests: totals[i].requests, seconds: totals[i].seconds, p50: at(0.5), p95: at(0.95), errors: totals[i].errors };
    });
    const base = figures[0].requests / figures[0].seconds;
    const rows = figures.map((f) => {
      const rate = f.requests / f.seconds;
      return `| ${f.path.padEnd(13)} | ${f.signedIn ? "member" : "nobody"} | ${rate.toFixed(0).padStart(6)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p95.toFixed(1).padStart(6)} | ${(rate / base).toFixed(2).padStart(5)}× | ${String(f.errors).padStart(6)} |`;
    });
    return [
      `Signed-in pages against /login: ${CONCURRENCY} concurrent clients, ${seconds} interleaved 1-s turns per page, production build, demo seed`,
      "| page          | who    |  req/s | p50 ms | p95 ms | ratio | non-200 |",
      "|---------------|--------|--------|--------|--------|-------|---------|",
      ...rows,
    ].join("\n");
  } finally {
    await app.stop();
  }
}

if (process.argv[1]?.endsWith("signed-in-bench.ts")) {
  console.log(await runSignedInBench({ seconds: Number(process.env.BENCH_SECONDS ?? 10) }));
  process.exit(0);
}
