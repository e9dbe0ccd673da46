import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

import * as Y from "yjs";

import type { Editor } from "../integration/ops/fixtures/processes";

/*
 * Multi-process benchmark (issue 12): 10 editors typing 5 keystrokes a second each (plus a caret
 * update per keystroke) on one log, first all on one server.ts process — the baseline, measured in
 * the same run — then split 5 + 5 across two server.ts processes joined by a real redis-server.
 * Propagation is measured from a keystroke to its arrival at every other editor (one clock: the
 * editors live in this process); throughput is keystrokes delivered per second.
 */

const KEYSTROKES_PER_SECOND = 5;
const EDITORS = 10;
const ROOT = resolve(import.meta.dirname, "../..");

type Result = {
  label: string;
  processes: number;
  sent: number;
  delivered: number;
  expected: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
};

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function textOf(editor: Editor): Y.XmlText | undefined {
  const first = editor.doc.getXmlFragment("default").get(0);
  const inner = first instanceof Y.XmlElement ? first.get(0) : undefined;
  return inner instanceof Y.XmlText ? inner : undefined;
}

async function measure(
  label: string,
  processes: number,
  editors: Editor[],
  seconds: number,
): Promise<Result> {
  await Promise.all(editors.map((e) => e.synced()));
  editors[0]?.type("Notes from the set meeting. ");
  await Promise.all(editors.map((e) => e.until((t) => t.length > 0)));
  editors.forEach((e, i) =>
    e.provider.setAwarenessField("user", { name: `Editor ${i + 1}`, color: "#1d4ed8" }),
  );
  await sleep(300);

  const sendTimes = new Map<number, Map<number, number>>();
  for (const e of editors) sendTimes.set(e.doc.clientID, new Map());
  const latencies: number[] = [];
  let delivered = 0;
  for (const receiver of editors) {
    const seen = new Map<number, number>();
    for (const sender of editors)
      seen.set(sender.doc.clientID, Y.getState(receiver.doc.store, sender.doc.clientID));
    receiver.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== receiver.provider) return;
      const now = performance.now();
      for (const sender of editors) {
        if (sender === receiver) continue;
        const id = sender.doc.clientID;
        const state = Y.getState(receiver.doc.store, id);
        const from = seen.get(id) ?? 0;
        if (state <= from) continue;
        const times = sendTimes.get(id);
        for (let clock = from; clock < state; clock++) {
          const sentAt = times?.get(clock);
          if (sentAt === undefined) continue;
          latencies.push(now - sentAt);
          delivered += 1;
        }
        seen.set(id, state);
      }
    });
  }

  let sent = 0;
  let typing = true;
  const period = 1000 / KEYSTROKES_PER_SECOND;
  const timers: NodeJS.Timeout[] = [];
  editors.forEach((editor, i) => {
    const type = () => {
      const text = textOf(editor);
      if (!typing || !text) return;
      const position = Math.floor(Math.random() * (text.length + 1));
      sendTimes
        .get(editor.doc.clientID)
        ?.set(Y.getState(editor.doc.store, editor.doc.clientID), performance.now());
      text.insert(position, "abcdefghijklmnopqrstuvwxyz"[(sent + i) % 26] ?? "a");
      editor.provider.setAwarenessField("cursor", { anchor: position + 1, head: position + 1 });
      sent += 1;
    };
    // Spread across the period: real people are not in step.
    timers.push(
      setTimeout(
        () => {
          type();
          timers.push(setInterval(type, period));
        },
        (period * i) / editors.length,
      ),
    );
  });
  await sleep(seconds * 1000);
  typing = false;
  for (const timer of timers) clearInterval(timer);
  await sleep(1500);
  const reference = textOf(editors[0] as Editor)?.toString();
  if (!editors.every((e) => textOf(e)?.toString() === reference))
    throw new Error(`${label}: editors did not converge`);
  latencies.sort((a, b) => a - b);
  return {
    label,
    processes,
    sent,
    delivered,
    expected: sent * (editors.length - 1),
    throughput: delivered / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

function format(results: Result[]): string {
  const [base, split] = results;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.processes} | ${r.sent} | ${r.delivered}/${r.expected} | ${r.throughput.toFixed(0)}/s | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
  );
  const lines = [
    "Multi-process: 10 editors on one log, 5 keystrokes/s each (+ caret updates)",
    "| scenario | processes | keystrokes | delivered | throughput | p50 | p95 | p99 |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
  ];
  if (base && split) {
    lines.push(
      "",
      `two processes with Redis vs one process: throughput ×${(split.throughput / base.throughput).toFixed(2)} (target ≥ 0.8), p95 ${ms(split.p95)} vs ${ms(base.p95)} (target < 50 ms)`,
    );
  }
  return lines.join("\n");
}

/** Runs both scenarios on a fresh database of its own; returns the printed table. */
export async function runMultiProcessBench(options: { seconds: number }): Promise<string> {
  const dir = resolve(ROOT, "tests/.tmp/bench-multi");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, "bench.db");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NODE_ENV = "test";
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  const { closeDb } = await import("../../db/client");
  const { makeUser, makeWorkspace } = await import("../helpers/factories");
  const { createLog } = await import("../../app/models/log/log.server");
  const { memberships } = await import("../../db/schema/core");
  const { db } = await import("../../app/utils/db.server");
  const { newId } = await import("../../app/utils/ids");
  const fixtures = await import("../integration/ops/fixtures/processes");
  fixtures.ensureAppBuild();

  const ws = await makeWorkspace();
  const people = [ws.owner];
  for (let i = 1; i < EDITORS; i++) {
    const user = await makeUser();
    await db()
      .insert(memberships)
      .values({ id: newId(), workspaceId: ws.id, userId: user.id, role: "member" });
    people.push(user);
  }
  const newLog = async (title: string) =>
    `log:${(await createLog({ userId: ws.owner.id, role: "owner", workspaceId: ws.id }, { title, visibility: "workspace", tags: [], template: "blank" })).id}`;
  const baselineLog = await newLog("One process");
  const splitLog = await newLog("Two processes");
  closeDb();

  const results: Result[] = [];
  const one = await fixtures.startAppProcess({ databaseUrl: `file:${file}` });
  try {
    const editors = people.map((p) =>
      fixtures.connectEditor({ port: one.port, documentName: baselineLog, cookie: p.cookie }),
    );
    results.push(await measure("one process", 1, editors, options.seconds));
    for (const e of editors) e.destroy();
  } finally {
    await one.stop();
  }

  const redis = await fixtures.startRedis();
  const a = await fixtures.startAppProcess({ databaseUrl: `file:${file}`, redisUrl: redis.url });
  const b = await fixtures.startAppProcess({ databaseUrl: `file:${file}`, redisUrl: redis.url });
  try {
    const editors = people.map((p, i) =>
      fixtures.connectEditor({
        port: i % 2 === 0 ? a.port : b.port,
        documentName: splitLog,
        cookie: p.cookie,
      }),
    );
    results.push(await measure("two processes + Redis (5 + 5)", 2, editors, options.seconds));
    for (const e of editors) e.destroy();
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  }
  return format(results);
}
