import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";

import * as Y from "yjs";

import type * as Helpers from "../integration/collab/helpers";
import type { Client, TestLog } from "../integration/collab/helpers";
import type { ServerStats } from "./bench-server";
import type { ColdClientsReply, ColdClientsRequest } from "./cold-clients";

/*
 * Collaboration benchmark. Clients live in this process (so a send time and an arrival time
 * are read from the same clock); each server lives in its own process (bench-server.ts), so its
 * CPU, RSS and event-loop delay are its own. Scenarios: N editors on one log typing 5
 * keystrokes a second each (plus a caret update per keystroke, as a browser sends), against our
 * server and against bare Hocuspocus; then a cold start of 50 stored logs opened at once.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const SERVER_SCRIPT = resolve(import.meta.dirname, "bench-server.ts");
const COLD_CLIENTS_SCRIPT = resolve(import.meta.dirname, "cold-clients.ts");
const KEYSTROKES_PER_SECOND = 5;

export type LoadResult = {
  server: "praxis" | "bare";
  editors: number;
  seconds: number;
  sent: number;
  delivered: number;
  expected: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  stats: ServerStats;
};

export type ColdStartResult = {
  logs: number;
  stateBytes: number;
  clientProcesses: number;
  p50: number;
  p95: number;
  max: number;
  clientCpuMs: number;
  stats: ServerStats;
  /** Then one keystroke in each log at once (the server decodes each log for its first edit). */
  firstEdit: { p50: number; p95: number; max: number; clientCpuMs: number; stats: ServerStats };
};

type ServerProcess = { child: ChildProcess; url: string; request: (type: "reset" | "stats") => Promise<ServerStats | undefined>; stop: () => void };

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

async function startServer(mode: "praxis" | "bare", env: Record<string, string>): Promise<ServerProcess> {
  // BENCH_SERVER_FLAGS: extra Node flags for the server processes (e.g. --max-semi-space-size=64);
  // BENCH_CPU_PROF: a folder for their CPU profiles.
  const flags = [
    ...(process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean),
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ];
  const child = fork(SERVER_SCRIPT, [], { cwd: ROOT, execArgv: ["--import", "tsx", "--expose-gc", ...flags], env: { ...process.env, BENCH_MODE: mode, ...env } });
  const port = await new Promise<number>((done, fail) => {
    child.once("message", (message: { type: string; port: number }) => done(message.port));
    child.once("exit", (code) => fail(new Error(`${mode} bench server exited (${code})`)));
  });
  const request = (type: "reset" | "stats") =>
    new Promise<ServerStats | undefined>((done) => {
      const onMessage = (message: { type: string; stats?: ServerStats }) => {
        child.off("message", onMessage);
        done(message.stats);
      };
      child.on("message", onMessage);
      child.send({ type });
    });
  return { child, url: `ws://localhost:${port}/collab`, request, stop: () => (process.env.BENCH_CPU_PROF ? child.disconnect() : child.kill("SIGKILL")) };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function connectAll(
  connectClient: typeof Helpers.connectClient,
  url: string,
  name: string,
  cookies: string[],
): Promise<Client[]> {
  const clients = cookies.map((cookie) => connectClient({ url, documentName: name, cookie }));
  const deadline = Date.now() + 20_000;
  while (!clients.every((c) => c.provider.isSynced && !c.provider.hasUnsyncedChanges)) {
    if (Date.now() > deadline) throw new Error(`clients did not sync on ${url}`);
    await sleep(10);
  }
  return clients;
}

async function runLoad(
  server: ServerProcess,
  mode: "praxis" | "bare",
  name: string,
  cookies: string[],
  seconds: number,
  connectClient: typeof Helpers.connectClient,
): Promise<LoadResult> {
  const clients = await connectAll(connectClient, server.url, name, cookies);
  const first = clients[0];
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Notes from the set meeting. ")]);
  first.doc.getXmlFragment("default").insert(0, [paragraph]);
  const textOf = (client: Client) => (client.doc.getXmlFragment("default").get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined;
  const deadline = Date.now() + 10_000;
  while (!clients.every((c) => textOf(c) !== undefined)) {
    if (Date.now() > deadline) throw new Error("the shared paragraph did not reach every client");
    await sleep(10);
  }
  clients.forEach((c, i) => c.provider.setAwarenessField("user", { name: `Editor ${i + 1}`, color: "#1d4ed8" }));
  await sleep(300);

  // Per sender: clock of each keystroke → when it was typed (only keystrokes in the window count).
  const sendTimes = new Map<number, Map<number, number>>();
  for (const c of clients) sendTimes.set(c.doc.clientID, new Map());
  const latencies: number[] = [];
  let delivered = 0;
  for (const receiver of clients) {
    const seen = new Map<number, number>();
    for (const sender of clients) seen.set(sender.doc.clientID, Y.getState(receiver.doc.store, sender.doc.clientID));
    receiver.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== receiver.provider) return;
      const now = performance.now();
      for (const sender of clients) {
        if (sender === receiver) continue;
        const id = sender.doc.clientID;
        const state = Y.getState(receiver.doc.store, id);
        const from = seen.get(id) ?? 0;
        if (state <= from) continue;
        const times = sendTimes.get(id) as Map<number, number>;
        for (let clock = from; clock < state; clock++) {
          const sentAt = times.get(clock);
          if (sentAt === undefined) continue;
          latencies.push(now - sentAt);
          delivered += 1;
        }
        seen.set(id, state);
      }
    });
  }

  await server.request("reset");
  let sent = 0;
  let typing = true;
  const period = 1000 / KEYSTROKES_PER_SECOND;
  const timers = clients.map((client, i) => {
    const text = textOf(client) as Y.XmlText;
    const times = sendTimes.get(client.doc.clientID) as Map<number, number>;
    const type = () => {
      if (!typing) return;
      const position = Math.floor(Math.random() * (text.length + 1));
      times.set(Y.getState(client.doc.store, client.doc.clientID), performance.now());
      text.insert(position, "abcdefghijklmnopqrstuvwxyz"[(sent + i) % 26]);
      client.provider.setAwarenessField("cursor", { anchor: position + 1, head: position + 1 });
      sent += 1;
    };
    // Spread the editors across the period, as real people are not in step.
    return setTimeout(() => {
      type();
      timers[i] = setInterval(type, period);
    }, (period * i) / clients.length);
  });
  await sleep(seconds * 1000);
  typing = false;
  for (const timer of timers) clearInterval(timer);
  await sleep(1500);
  const stats = (await server.request("stats")) as ServerStats;

  const converged = clients.every((c) => textOf(c)?.toString() === textOf(first)?.toString());
  if (!converged) throw new Error(`${mode}: editors did not converge`);
  for (const client of clients) client.destroy();
  latencies.sort((a, b) => a - b);
  return {
    server: mode,
    editors: clients.length,
    seconds,
    sent,
    delivered,
    expected: sent * (clients.length - 1),
    throughput: delivered / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    stats,
  };
}

/** A log of about `bytes` encoded: paragraphs of prose, then edits by three writers in the middle of it. */
function makeLogState(ydocFromProsemirrorJson: (json: unknown) => Y.Doc, bytes: number): Uint8Array {
  const sentence = "The family had contact with seven agencies in eighteen months, and no one agency saw the whole picture. ";
  const paragraphs = Math.max(1, Math.round(bytes / 560));
  const json = {
    type: "doc",
    content: Array.from({ length: paragraphs }, (_, i) => ({
      type: i % 12 === 0 ? "heading" : "paragraph",
      ...(i % 12 === 0 ? { attrs: { level: 2 } } : {}),
      content: [{ type: "text", text: i % 12 === 0 ? `Reflection ${i / 12 + 1}` : sentence.repeat(4) }],
    })),
  };
  const doc = ydocFromProsemirrorJson(json);
  for (let writer = 0; writer < 3; writer++) {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const fragment = other.getXmlFragment("default");
    for (let edit = 0; edit < 300; edit++) {
      const element = fragment.get(Math.floor(Math.random() * fragment.length)) as Y.XmlElement;
      const text = element.get(0) as Y.XmlText;
      text.insert(Math.floor(Math.random() * text.length), "x");
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  }
  return Y.encodeStateAsUpdate(doc);
}

/** Simulated people of the cold start, spread over processes (see cold-clients.ts). */
const COLD_CLIENT_PROCESSES = 5;
/**
 * Node flags of those client processes (BENCH_CLIENT_FLAGS replaces them). Each process stands in
 * for ten browsers and builds ten 200 KB documents within a few hundred milliseconds; with Node's
 * default young generation (starting at 1 MiB) its garbage collector copied those documents over
 * and over and the load generator, not the server, set the pace (client CPU 680–750 ms against
 * 350–490 ms with these flags, measured here). The server processes run with Node's defaults.
 */
const COLD_CLIENT_FLAGS = "--min-semi-space-size=32 --max-semi-space-size=64";

type ColdClients = {
  request: (message: ColdClientsRequest) => Promise<ColdClientsReply>;
  stop: () => void;
};

async function startColdClients(): Promise<ColdClients> {
  const flags = [
    ...(process.env.BENCH_CLIENT_FLAGS ?? COLD_CLIENT_FLAGS).split(" ").filter(Boolean),
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ];
  const child = fork(COLD_CLIENTS_SCRIPT, [], { cwd: ROOT, execArgv: ["--import", "tsx", "--expose-gc", ...flags], env: process.env });
  let pending: ((reply: ColdClientsReply) => void) | undefined;
  child.on("message", (reply: ColdClientsReply) => pending?.(reply));
  await new Promise<void>((done, fail) => {
    pending = () => done();
    child.once("exit", (code) => fail(new Error(`cold-start client process exited (${code})`)));
  });
  return {
    request: (message) =>
      new Promise<ColdClientsReply>((done) => {
        pending = done;
        child.send(message);
      }),
    stop: () => child.send({ type: "stop" } satisfies ColdClientsRequest),
  };
}

const absoluteNow = () => performance.timeOrigin + performance.now();

/**
 * One cold start: a new server process (as after a restart), warmed on one other log, then
 * `logCount` stored logs (new ones, never opened) opened at once, then edited at once.
 */
async function coldStart(state: Uint8Array, cookies: string[], workspaceId: string, logCount: number): Promise<ColdStartResult> {
  const { writeDocumentState } = await import("../../app/collab/storage.server");
  const { newId } = await import("../../app/utils/ids");
  const logs: Record<string, TestLog> = {};
  const warmUp = newId();
  logs[warmUp] = { workspaceId, visibility: "workspace", authors: [] };
  await writeDocumentState(`log:${warmUp}`, workspaceId, state);
  const coldIds: string[] = [];
  for (let i = 0; i < logCount; i++) {
    const id = newId();
    logs[id] = { workspaceId, visibility: "workspace", authors: [] };
    coldIds.push(id);
    await writeDocumentState(`log:${id}`, workspaceId, state);
  }
  const server = await startServer("praxis", { BENCH_LOGS: JSON.stringify(logs) });
  const groups = await Promise.all(Array.from({ length: COLD_CLIENT_PROCESSES }, () => startColdClients()));
  try {
    // Server and client processes are warm (another log opened, edited and closed); the 50 logs
    // are not in the server's memory.
    const warmLog = { name: `log:${warmUp}`, cookie: cookies[0] };
    for (const group of groups) await group.request({ type: "warm", url: server.url, log: warmLog });
    // Past the store debounce: the warm-up log is compacted and unloaded before the clock starts.
    await sleep(3000);
    (globalThis as { gc?: () => void }).gc?.();

    const shares = groups.map((_, g) =>
      coldIds.flatMap((id, i) => (i % groups.length === g ? [{ name: `log:${id}`, cookie: cookies[i % cookies.length] }] : [])),
    );
    await server.request("reset");
    const openedAt = absoluteNow();
    const opened = await Promise.all(groups.map((group, g) => group.request({ type: "open", url: server.url, logs: shares[g], at: openedAt })));
    const stats = (await server.request("stats")) as ServerStats;

    await sleep(500);
    await server.request("reset");
    const editAt = absoluteNow();
    const edited = await Promise.all(groups.map((group) => group.request({ type: "edit", at: editAt })));
    const editStats = (await server.request("stats")) as ServerStats;

    const timesOf = (replies: ColdClientsReply[]) => replies.flatMap((r) => ("times" in r ? r.times : [])).sort((a, b) => a - b);
    const cpuOf = (replies: ColdClientsReply[]) => replies.reduce((sum, r) => sum + ("cpuMs" in r ? r.cpuMs : 0), 0);
    const times = timesOf(opened);
    const editTimes = timesOf(edited);
    if (times.length !== logCount || editTimes.length !== logCount) throw new Error("cold start: not every log reported");
    return {
      logs: logCount,
      stateBytes: state.byteLength,
      clientProcesses: groups.length,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times[times.length - 1],
      clientCpuMs: cpuOf(opened),
      stats,
      firstEdit: { p50: percentile(editTimes, 0.5), p95: percentile(editTimes, 0.95), max: editTimes[editTimes.length - 1], clientCpuMs: cpuOf(edited), stats: editStats },
    };
  } finally {
    for (const group of groups) group.stop();
    server.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

export function formatReport(loads: LoadResult[], colds: ColdStartResult[]): string {
  const lines: string[] = [];
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  lines.push(`Machine: ${cpus().length} CPUs, load average at the end ${load} (other work on the machine inflates wall-clock figures)`);
  lines.push("");
  lines.push("Edit propagation: N editors on one log, 5 keystrokes/s each (+ caret updates)");
  lines.push(
    [
      "server".padEnd(7),
      "editors".padStart(7),
      "sent".padStart(6),
      "delivered".padStart(10),
      "upd/s".padStart(8),
      "p50 ms".padStart(7),
      "p95 ms".padStart(7),
      "p99 ms".padStart(7),
      "CPU %".padStart(6),
      "RSS MiB".padStart(8),
      "ELD p99".padStart(8),
      "commits".padStart(8),
      "wait p50/p95".padStart(12),
    ].join(" "),
  );
  for (const r of loads) {
    lines.push(
      [
        r.server.padEnd(7),
        String(r.editors).padStart(7),
        String(r.sent).padStart(6),
        `${r.delivered}/${r.expected}`.padStart(10),
        f(r.throughput).padStart(8),
        f(r.p50).padStart(7),
        f(r.p95).padStart(7),
        f(r.p99).padStart(7),
        f((100 * r.stats.cpuMs) / r.stats.elapsedMs).padStart(6),
        f(r.stats.rssMiB, 0).padStart(8),
        f(r.stats.eventLoopP99Ms).padStart(8),
        (r.server === "praxis" ? `${r.stats.commits}/${r.stats.rows}` : "—").padStart(8),
        (r.server === "praxis" ? `${f(r.stats.commitWaitP50Ms)}/${f(r.stats.commitWaitP95Ms)}` : "—").padStart(12),
      ].join(" "),
    );
  }
  lines.push("(CPU % = server CPU time / wall time; ELD p99 = server event-loop delay p99, ms;");
  lines.push(" commits = update-log transactions/rows; wait = append-to-commit ms an acknowledgement waits)");
  lines.push("");
  lines.push("Praxis vs bare Hocuspocus (throughput = delivered updates/s)");
  const editorsList = [...new Set(loads.map((r) => r.editors))];
  for (const editors of editorsList) {
    const praxis = loads.find((r) => r.server === "praxis" && r.editors === editors);
    const bare = loads.find((r) => r.server === "bare" && r.editors === editors);
    if (!praxis || !bare) continue;
    lines.push(
      `  ${String(editors).padStart(2)} editors: throughput ratio ${f(praxis.throughput / bare.throughput, 3)}, p95 ${f(praxis.p95)} vs ${f(bare.p95)} ms, CPU ${f(praxis.stats.cpuMs, 0)} vs ${f(bare.stats.cpuMs, 0)} ms`,
    );
  }
  lines.push("");
  const first = colds[0];
  lines.push(
    `Cold start: ${first.logs} stored logs of ${f(first.stateBytes / 1024, 0)} KiB opened at once by ${first.logs} simulated people (in ${first.clientProcesses} client processes, flags "${process.env.BENCH_CLIENT_FLAGS ?? COLD_CLIENT_FLAGS}"), ${colds.length} trials, each on a newly started server (Node defaults)`,
  );
  for (const [i, cold] of colds.entries()) {
    lines.push(
      `  trial ${i + 1}: time to synced p50 ${f(cold.p50)} ms, p95 ${f(cold.p95)} ms, max ${f(cold.max)} ms; server CPU ${f(cold.stats.cpuMs, 0)} ms (${f(cold.stats.cpuMs / cold.logs)} ms per log), ELD p99 ${f(cold.stats.eventLoopP99Ms)} ms, RSS ${f(cold.stats.rssMiB, 0)} MiB; clients CPU ${f(cold.clientCpuMs, 0)} ms`,
    );
    lines.push(
      `           then a first keystroke in every log at once (each log decoded on the server): acknowledged p50 ${f(cold.firstEdit.p50)} ms, p95 ${f(cold.firstEdit.p95)} ms; server CPU ${f(cold.firstEdit.stats.cpuMs, 0)} ms, RSS ${f(cold.firstEdit.stats.rssMiB, 0)} MiB`,
    );
  }
  const coldP95 = median(colds.map((c) => c.p95));
  lines.push(`  median over trials: time to synced p95 ${f(coldP95)} ms, first keystroke p95 ${f(median(colds.map((c) => c.firstEdit.p95)))} ms`);
  lines.push("  (first syncs are answered from the stored bytes; a log is decoded when first edited — ADR 006)");
  lines.push("");
  const ten = loads.find((r) => r.server === "praxis" && r.editors === 10);
  const worstRatio = Math.min(
    ...editorsList.map((e) => {
      const p = loads.find((r) => r.server === "praxis" && r.editors === e);
      const b = loads.find((r) => r.server === "bare" && r.editors === e);
      return p && b ? p.throughput / b.throughput : Number.NaN;
    }),
  );
  const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");
  lines.push("Targets");
  lines.push(`  p95 < 50 ms at 10 editors:          ${ten ? f(ten.p95) : "—"} ms  ${verdict(!!ten && ten.p95 < 50)}`);
  lines.push(`  throughput >= 0.8 of bare (worst):  ${f(worstRatio, 3)}     ${verdict(worstRatio >= 0.8)}`);
  lines.push(`  cold start p95 < 500 ms (median):   ${f(coldP95)} ms  ${verdict(coldP95 < 500)}`);
  return lines.join("\n");
}

export async function runCollabBench(
  options: { seconds?: number; editors?: number[]; coldLogs?: number; coldBytes?: number; coldTrials?: number } = {},
): Promise<string> {
  const seconds = options.seconds ?? 10;
  const editorCounts = options.editors ?? [2, 10, 25];
  const tmp = resolve(ROOT, "tests/.tmp");
  const file = resolve(tmp, `bench-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NODE_ENV = "test";

  const { migrateDatabase } = await import("../../db/migrate");
  const { closeDb } = await import("../../db/client");
  await migrateDatabase();
  const factories = await import("../helpers/factories");
  const helpers = await import("../integration/collab/helpers");
  const { newId } = await import("../../app/utils/ids");

  const maxEditors = Math.max(...editorCounts);
  const workspace = await factories.makeWorkspace();
  const users = [workspace.owner];
  while (users.length < maxEditors) users.push(await factories.addMember(workspace, "member"));
  const cookies = users.map((u) => u.cookie);

  const logs: Record<string, TestLog> = {};
  const names = editorCounts.map(() => {
    const id = newId();
    logs[id] = { workspaceId: workspace.id, visibility: "workspace", authors: [] };
    return `log:${id}`;
  });
  const praxis = await startServer("praxis", { BENCH_LOGS: JSON.stringify(logs) });
  const bare = await startServer("bare", {});
  const loads: LoadResult[] = [];
  try {
    for (const [i, editors] of editorCounts.entries()) {
      process.stderr.write(`bench: ${editors} editors… `);
      loads.push(await runLoad(praxis, "praxis", names[i], cookies.slice(0, editors), seconds, helpers.connectClient));
      loads.push(await runLoad(bare, "bare", `bare:${i}`, cookies.slice(0, editors), seconds, helpers.connectClient));
      process.stderr.write("done\n");
    }
  } finally {
    praxis.stop();
    bare.stop();
  }
  const { ydocFromProsemirrorJson } = await import("../../app/collab/content.server");
  const state = makeLogState(ydocFromProsemirrorJson, options.coldBytes ?? 200_000);
  const colds: ColdStartResult[] = [];
  for (let trial = 1; trial <= (options.coldTrials ?? 5); trial++) {
    process.stderr.write(`bench: cold start ${trial}… `);
    colds.push(await coldStart(state, cookies, workspace.id, options.coldLogs ?? 50));
    process.stderr.write("done\n");
  }
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  return formatReport(loads, colds);
}
