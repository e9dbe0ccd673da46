import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { documentName } from "../../../app/collab/document-name";
import { loadDocumentState } from "../../../app/collab/storage.server";
import { db } from "../../../app/utils/db.server";
import { collabUpdates } from "../../../db/schema/collab";
import { makeLog } from "../logs/world";
import {
  connectEditor,
  ensureAppBuild,
  startAppProcess,
  startProxy,
  startRedis,
  storedText,
  type AppProcess,
  type Editor,
  type RedisProcess,
} from "./fixtures/processes";
import { makePeople, makeWorkspaceFor, type People } from "./world";

/*
 * Two real server processes (server.ts, port 0) on this test file's database, with a real
 * redis-server between them, and real provider clients — the deployment ADR 010 describes.
 */

let redis: RedisProcess;
let people: People;
let workspaceId: string;
const processes: AppProcess[] = [];
const editors: Editor[] = [];

beforeAll(async () => {
  ensureAppBuild();
  redis = await startRedis();
  people = await makePeople();
  workspaceId = (await makeWorkspaceFor(people, "Two-process partnership")).id;
}, 240_000);

afterAll(async () => {
  for (const editor of editors) editor.destroy();
  await Promise.all(processes.map((p) => p.stop()));
  await redis?.stop();
});

async function app(): Promise<AppProcess> {
  const started = await startAppProcess({
    databaseUrl: process.env.DATABASE_URL ?? "",
    redisUrl: redis.url,
  });
  processes.push(started);
  return started;
}

function editor(port: number, logId: string, who = people.member): Editor {
  const e = connectEditor({ port, documentName: documentName("log", logId), cookie: who.cookie });
  editors.push(e);
  return e;
}

async function newLog(title: string): Promise<string> {
  return (await makeLog({ userId: people.member.id, role: "member", workspaceId }, { title })).id;
}

async function stored(logId: string): Promise<string> {
  return storedText(await loadDocumentState(documentName("log", logId)));
}

describe("more than one process with Redis", () => {
  it("editors on different processes see each other's keystrokes and presence within a second", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const logId = await newLog("Shared across processes");
    const onA = editor(a.port, logId);
    const onB = editor(b.port, logId, people.facilitator);
    await Promise.all([onA.synced(), onB.synced()]);

    const started = performance.now();
    onA.type("Typed on process A.");
    await onB.until((t) => t.includes("Typed on process A."));
    const aToB = performance.now() - started;

    const again = performance.now();
    onB.type(" Answered on process B.");
    await onA.until((t) => t.endsWith(" Answered on process B."));
    const bToA = performance.now() - again;
    expect(aToB).toBeLessThan(1000);
    expect(bToA).toBeLessThan(1000);
    expect(onA.text()).toBe(onB.text());

    const seen = new Promise<void>((done) => {
      const check = () => {
        const names = [...onA.provider.awareness!.getStates().values()].map(
          (s) => (s.user as { name?: string } | undefined)?.name,
        );
        if (!names.includes("Facilitator on B")) return;
        onA.provider.awareness!.off("change", check);
        done();
      };
      onA.provider.awareness!.on("change", check);
    });
    onB.provider.setAwarenessField("user", { name: "Facilitator on B" });
    await seen;
  });

  it("a process killed mid-typing loses nothing its client was told is saved; the client reconnects to the other process and finishes", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const proxy = await startProxy(a.port);
    try {
      const logId = await newLog("Typed through a load balancer");
      const typist = editor(proxy.port, logId);
      const watcher = editor(b.port, logId, people.facilitator);
      await Promise.all([typist.synced(), watcher.synced()]);

      // Acknowledged: the typist's text each time the server has confirmed every change.
      let acknowledged = "";
      typist.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
        if (number === 0) acknowledged = typist.text();
      });
      let typed = 0;
      const keystrokes = setInterval(() => typist.type(`w${typed++} `), 5);
      try {
        await typist.until((t) => t.split(" ").length > 40 && acknowledged.length > 0);
        proxy.setTarget(b.port);
        await a.kill();
        const atKill = acknowledged;
        expect(atKill.length).toBeGreaterThan(0);
        // Straight from the database, before anyone reconnects: every acknowledged keystroke is there.
        expect(await stored(logId)).toContain(atKill);
        // The typist reconnects (through the proxy, now to B) and keeps typing.
        await typist.until((t) => t.split(" ").length > 80);
      } finally {
        clearInterval(keystrokes);
      }
      await typist.acknowledged();
      const final = typist.text();
      await watcher.until((t) => t === final);
      const words = final.trim().split(" ");
      expect(words).toEqual(Array.from({ length: typed }, (_, i) => `w${i}`));
    } finally {
      await proxy.close();
    }
  });

  it("both processes storing the same document at once leave one correct state, with no update lost or doubled", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const logId = await newLog("Stored by two processes");
    const onA = editor(a.port, logId);
    const onB = editor(b.port, logId, people.facilitator);
    await Promise.all([onA.synced(), onB.synced()]);
    onA.type("start ");
    await onB.until((t) => t === "start ");
    for (let i = 0; i < 60; i++) {
      onA.type(`a${i} `);
      onB.type(`b${i} `);
      if (i % 10 === 9) await new Promise<void>((done) => setImmediate(done));
    }
    await Promise.all([onA.acknowledged(), onB.acknowledged()]);
    // Both have every word (1 + 60 + 60): both hold every update, so their documents are the same.
    const complete = (t: string) => t.trim().split(" ").length === 121;
    await Promise.all([onA.until(complete), onB.until(complete)]);
    expect(onA.text()).toBe(onB.text());
    const expected = onA.text();
    // SIGTERM both at once: each compacts the document over the same row in the same moment.
    onA.destroy();
    onB.destroy();
    await Promise.all([a.stop(), b.stop()]);

    const text = await stored(logId);
    expect(text).toBe(expected);
    const words = text.trim().split(" ");
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((w) => w.startsWith("a"))).toHaveLength(60);
    expect(words.filter((w) => w.startsWith("b"))).toHaveLength(60);
    // Everything is in the compacted state: both processes folded (and deleted) their own update rows.
    expect(
      await db()
        .select()
        .from(collabUpdates)
        .where(eq(collabUpdates.documentName, documentName("log", logId))),
    ).toEqual([]);
  });
});
