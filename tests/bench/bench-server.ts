import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";

import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer, type RawData } from "ws";

import { attachCollab } from "../../app/collab/index.server";
import { updateLog } from "../../app/collab/update-log.server";
import { closeDb, configureConnection, getDb } from "../../db/client";
import { testLogKind, type TestLog } from "../integration/collab/helpers";

/*
 * The server side of the benchmark, in its own process so its CPU, memory and event-loop delay
 * are its own. BENCH_MODE=praxis runs our collaboration server (all extensions, real database);
 * BENCH_MODE=bare runs Hocuspocus with no extensions, wired to `ws` the same way. Talks to the
 * parent over IPC: "reset" starts a measurement window, "stats" ends it.
 */
export type ServerStats = {
  cpuMs: number;
  elapsedMs: number;
  rssMiB: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  commits: number;
  rows: number;
  /** Append-to-commit wait of update-log rows (what an acknowledgement waits for), p50/p95 ms. */
  commitWaitP50Ms: number;
  commitWaitP95Ms: number;
};

type Request = { type: "reset" } | { type: "stats" };

const mode = process.env.BENCH_MODE === "bare" ? "bare" : "praxis";
const server = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});

if (mode === "praxis") {
  await configureConnection(getDb().client);
  const kind = testLogKind();
  for (const [id, log] of Object.entries(JSON.parse(process.env.BENCH_LOGS ?? "{}") as Record<string, TestLog>)) kind.logs.set(id, log);
  attachCollab(server, { kinds: { log: kind.config }, quiet: true });
} else {
  const hocuspocus = new Hocuspocus({ quiet: true });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on("upgrade", (request: IncomingMessage, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = hocuspocus.handleConnection(ws, new Request(`http://localhost${request.url ?? "/"}`));
      ws.on("message", (data: RawData) => {
        const buffer = data as Buffer;
        connection.handleMessage(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      });
      ws.on("close", (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
    });
  });
}

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let window = { cpu: process.cpuUsage(), at: performance.now(), commits: 0, rows: 0 };

process.on("message", (message: Request) => {
  if (message.type === "reset") {
    // Every measurement window starts from a collected heap (the bench starts servers with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    delay.reset();
    updateLog().takeWaits();
    window = { cpu: process.cpuUsage(), at: performance.now(), commits: updateLog().stats.commits, rows: updateLog().stats.rows };
    process.send?.({ type: "reset-done" });
  } else if (message.type === "stats") {
    const cpu = process.cpuUsage(window.cpu);
    const waits = updateLog()
      .takeWaits()
      .sort((a, b) => a - b);
    const at = (q: number) => (waits.length ? waits[Math.min(waits.length - 1, Math.floor(q * (waits.length - 1)))] : Number.NaN);
    const stats: ServerStats = {
      cpuMs: (cpu.user + cpu.system) / 1000,
      elapsedMs: performance.now() - window.at,
      rssMiB: process.memoryUsage().rss / (1024 * 1024),
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
      commits: updateLog().stats.commits - window.commits,
      rows: updateLog().stats.rows - window.rows,
      commitWaitP50Ms: at(0.5),
      commitWaitP95Ms: at(0.95),
    };
    process.send?.({ type: "stats", stats });
  }
});

server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "listening", port: (server.address() as AddressInfo).port });
});

process.on("disconnect", () => {
  if (mode === "praxis") closeDb();
  process.exit(0);
});
