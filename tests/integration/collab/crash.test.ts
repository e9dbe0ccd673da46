import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, onTestFailed } from "vitest";
import type * as Y from "yjs";

import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { collabUpdates } from "../../../db/schema/collab";
import { addMember, makeWorkspace, type TestUser } from "../../helpers/factories";
import { ROOT, TMP_DIR } from "../../setup/paths";
import { connectClient, saved, storedDoc, synced, waitFor, type Client, type TestLog } from "./helpers";

const FIXTURE = resolve(import.meta.dirname, "fixtures/collab-server.ts");

/**
 * The crash test's randomness (typing rhythm, moment of each kill) comes from one seed, printed
 * when the test fails, so a failure can be replayed: COLLAB_CRASH_SEED=<seed> npx vitest run …
 */
const SEED = Number(process.env.COLLAB_CRASH_SEED) || Math.floor(Math.random() * 2 ** 32);

/** mulberry32: a small, well-mixed 32-bit generator, enough to replay timings. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Child = { process: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };
const children: Child[] = [];
const clients: Client[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill("SIGKILL");
});

async function startChild(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((done, fail) => {
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /LISTENING (\d+)/.exec(stdout);
      if (match) done(Number(match[1]));
    });
    void exited.then(() => fail(new Error(`collab server exited before listening:\n${stderr}`)));
  });
  const started = { process: child, url: `ws://localhost:${port}/collab`, exited };
  children.push(started);
  return started;
}

function connect(url: string, documentName: string, cookie: string): Client {
  const client = connectClient({ url, documentName, cookie });
  clients.push(client);
  return client;
}

function tokensOf(doc: Y.Doc): Set<string> {
  return new Set(doc.getArray<string>("tokens").toArray());
}

/**
 * An editor typing a token every few milliseconds, each token one update message. The provider
 * counts unacknowledged messages up on send and down on each "synced" answer; the server answers
 * a connection's messages in order, so every step down confirms the oldest unconfirmed token.
 * Start only when the client has nothing unsynced.
 */
function typist(client: Client, label: string, random: () => number) {
  const typed: string[] = [];
  let confirmed = 0;
  let previous = 0;
  let timer: NodeJS.Timeout | undefined;
  client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
    if (number < previous) confirmed += previous - number;
    previous = number;
  });
  const tick = () => {
    const token = `${label}-${typed.length}`;
    typed.push(token);
    client.doc.getArray<string>("tokens").push([token]);
    timer = setTimeout(tick, 2 + random() * 12);
  };
  tick();
  return {
    stop: () => clearTimeout(timer),
    confirmedTokens: () => typed.slice(0, confirmed),
    typedCount: () => typed.length,
  };
}

async function world() {
  const ws = await makeWorkspace();
  const editors: TestUser[] = [ws.owner, await addMember(ws, "member"), await addMember(ws, "facilitator")];
  const ids = [newId(), newId()];
  const logs: Record<string, TestLog> = Object.fromEntries(ids.map((id) => [id, { workspaceId: ws.id, visibility: "workspace", authors: [] }]));
  return { ws, editors, logs, ids, names: ids.map((id) => `log:${id}`) };
}

describe("collaboration server: nothing acknowledged is lost", () => {
  it("after SIGKILL at random moments (5 trials, seeded) every update a client was told is synced is stored", async () => {
    onTestFailed(() => console.info(`crash test seed: replay with COLLAB_CRASH_SEED=${SEED}`));
    const random = seededRandom(SEED);
    const { editors, logs, names } = await world();
    const env = { COLLAB_TEST_LOGS: JSON.stringify(logs), STORE_DEBOUNCE_MS: "40", STORE_MAX_DEBOUNCE_MS: "150" };
    const everConfirmed: Record<string, string[]> = Object.fromEntries(names.map((name) => [name, []]));
    let child = await startChild(env);

    for (let trial = 0; trial < 5; trial++) {
      const typists = editors.flatMap((editor, e) =>
        Object.keys(everConfirmed).map((name, d) => ({ name, client: connect(child.url, name, editor.cookie), label: `t${trial}e${e}d${d}` })),
      );
      await Promise.all(typists.map(({ client }) => saved(client)));
      const running = typists.map((t) => ({ ...t, typing: typist(t.client, t.label, random) }));
      await new Promise((done) => setTimeout(done, 200 + random() * 1300));
      child.process.kill("SIGKILL");
      for (const t of running) t.typing.stop();
      expect((await child.exited).signal).toBe("SIGKILL");
      // Acknowledgements already on the wire before the kill still count.
      await waitFor(() => running.every((t) => t.client.provider.isSynced === false), 5000, "clients to notice");
      for (const t of running) {
        expect(t.typing.typedCount()).toBeGreaterThan(10);
        everConfirmed[t.name].push(...t.typing.confirmedTokens());
        t.client.destroy();
      }

      child = await startChild(env);
      for (const [name, confirmed] of Object.entries(everConfirmed)) {
        const inDatabase = tokensOf(await storedDoc(name));
        expect(confirmed.filter((token) => !inDatabase.has(token))).toEqual([]);
        const reader = connect(child.url, name, editors[0].cookie);
        await synced(reader);
        const served = tokensOf(reader.doc);
        expect(confirmed.filter((token) => !served.has(token))).toEqual([]);
        reader.destroy();
      }
      expect(Object.values(everConfirmed).every((tokens) => tokens.length > 0)).toBe(true);
      if (process.env.COLLAB_CRASH_VERBOSE) console.info(`trial ${trial}: confirmed so far`, Object.values(everConfirmed).map((t) => t.length));
    }
    child.process.kill("SIGKILL");
  }, 120_000);

  it("SIGTERM stores every dirty document (compacted, with derived content) before the process exits", async () => {
    const { editors, logs, ids, names } = await world();
    const derivedFile = resolve(TMP_DIR, `derived-${process.pid}-${Date.now()}.jsonl`);
    rmSync(derivedFile, { force: true });
    // A store debounce longer than the test: only the shutdown can compact these documents.
    const child = await startChild({ COLLAB_TEST_LOGS: JSON.stringify(logs), STORE_DEBOUNCE_MS: "600000", STORE_MAX_DEBOUNCE_MS: "600000", DERIVED_FILE: derivedFile });
    const typed: Record<string, string[]> = Object.fromEntries(names.map((name) => [name, []]));
    const connected = names.flatMap((name) => editors.map((editor) => ({ name, client: connect(child.url, name, editor.cookie) })));
    await Promise.all(connected.map(({ client }) => synced(client)));
    for (let i = 0; i < 20; i++) {
      for (const [e, { name, client }] of connected.entries()) {
        const token = `term-${e}-${i}`;
        client.doc.getArray<string>("tokens").push([token]);
        typed[name].push(token);
      }
    }
    await Promise.all(connected.map(({ client }) => saved(client)));
    for (const name of names) expect((await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).length).toBeGreaterThan(0);

    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    for (const name of names) {
      expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
      const tokens = tokensOf(await storedDoc(name));
      expect(typed[name].filter((token) => !tokens.has(token))).toEqual([]);
    }
    expect(existsSync(derivedFile)).toBe(true);
    const derived = readFileSync(derivedFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { id: string; editorUserIds: string[] });
    expect(new Set(derived.map((d) => d.id))).toEqual(new Set(ids));
    expect(new Set(derived.flatMap((d) => d.editorUserIds))).toEqual(new Set(editors.map((e) => e.id)));
    rmSync(derivedFile, { force: true });
  }, 60_000);
});
