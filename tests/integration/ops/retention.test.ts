import { spawn } from "node:child_process";
import { resolve } from "node:path";

import { addMonths, subMonths } from "date-fns";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { documentName } from "../../../app/collab/document-name";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import {
  previewRetention,
  runRetention,
  type RetentionRun,
} from "../../../app/models/retention/retention.server";
import { db } from "../../../app/utils/db.server";
import { cases, caseTotals, journeyEvents } from "../../../db/schema/cases";
import { collabDocuments, collabUpdates } from "../../../db/schema/collab";
import { auditEvents } from "../../../db/schema/core";
import { imports } from "../../../db/schema/imports";
import { meetings } from "../../../db/schema/learning";
import { logs, logVersions } from "../../../db/schema/logs";
import { spendLines } from "../../../db/schema/spend";
import { connectCollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer, type TestServer } from "../../helpers/collab-server";
import { makeLog } from "../logs/world";
import {
  appendLoggedText,
  makePeople,
  makeWorkspaceFor,
  populateEvidence,
  populateWorkspace,
  type People,
} from "./world";

let server: TestServer;
beforeAll(async () => {
  server = await startCollabServer({ kinds: DOCUMENT_KIND_CONFIG });
});
afterAll(async () => {
  await server?.close();
});

/** The clock the job is run with: three years and a month from now, past the default 36 months. */
const LATER = addMonths(new Date(), 37);
/** What was touched a month before that moved "now" is well inside every period. */
const RECENT = subMonths(LATER, 1).getTime();

type World = { people: People; ws: { id: string; slug: string }; expired: Ids; kept: Ids };
type Ids = {
  logId: string;
  meetingId: string;
  caseId: string;
  importId: string;
  spendLineId: string;
};

/** A workspace with one of everything that will have expired by LATER, and one of everything touched recently. */
async function makeRetentionWorld(): Promise<World> {
  const people = await makePeople();
  const ws = await makeWorkspaceFor(people, "Retention partnership");
  const old = await populateWorkspace(ws, people);
  const oldEvidence = await db()
    .select({ caseId: cases.id })
    .from(cases)
    .where(eq(cases.workspaceId, ws.id));
  const [oldImport] = await db()
    .select({ id: imports.id })
    .from(imports)
    .where(eq(imports.workspaceId, ws.id));
  const [oldSpend] = await db()
    .select({ id: spendLines.id })
    .from(spendLines)
    .where(eq(spendLines.workspaceId, ws.id));
  const fresh = await makeLog(
    { userId: people.member.id, role: "member", workspaceId: ws.id },
    { title: "Recent log" },
  );
  await appendLoggedText(ws, fresh.id, people.member.id, "recent words");
  const recentEvidence = await populateEvidence(ws, people, RECENT);
  await db().update(logs).set({ updatedAt: RECENT }).where(eq(logs.id, fresh.id));
  const [meeting] = await db()
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.workspaceId, ws.id));
  return {
    people,
    ws,
    expired: {
      logId: old.logId,
      meetingId: old.meetingId,
      caseId: oldEvidence[0]?.caseId ?? "",
      importId: oldImport?.id ?? "",
      spendLineId: oldSpend?.id ?? "",
    },
    kept: { logId: fresh.id, meetingId: meeting?.id ?? "", ...recentEvidence },
  };
}

async function presence(ids: Ids) {
  const logName = documentName("log", ids.logId);
  const count = async (q: Promise<unknown[]>) => (await q).length;
  return {
    log: await count(db().select().from(logs).where(eq(logs.id, ids.logId))),
    logState: await count(
      db().select().from(collabDocuments).where(eq(collabDocuments.name, logName)),
    ),
    logUpdates: await count(
      db().select().from(collabUpdates).where(eq(collabUpdates.documentName, logName)),
    ),
    logSearch: await count(
      db().all(sql`select 1 from search_index where kind = 'log' and object_id = ${ids.logId}`),
    ),
    case: await count(db().select().from(cases).where(eq(cases.id, ids.caseId))),
    journeyEvents: await count(
      db().select().from(journeyEvents).where(eq(journeyEvents.caseId, ids.caseId)),
    ),
    caseTotals: await count(db().select().from(caseTotals).where(eq(caseTotals.caseId, ids.caseId))),
    import: await count(db().select().from(imports).where(eq(imports.id, ids.importId))),
    spendLine: await count(
      db().select().from(spendLines).where(eq(spendLines.id, ids.spendLineId)),
    ),
  };
}

const ALL_GONE = {
  log: 0,
  logState: 0,
  logUpdates: 0,
  logSearch: 0,
  case: 0,
  journeyEvents: 0,
  caseTotals: 0,
  import: 0,
  spendLine: 0,
};

async function retentionAudit(workspaceId: string) {
  const rows = await db()
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.kind, "retention.deleted")),
    );
  return rows.map((r) => r.detail as { kind: string; counts: Record<string, number> });
}

const SCRIPT = resolve(import.meta.dirname, "fixtures/retention-process.ts");

function runInProcess(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; result: RetentionRun | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
      env: { ...process.env, NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      resolvePromise({
        code,
        signal,
        result: out.trim() ? (JSON.parse(out.trim()) as RetentionRun) : null,
      }),
    );
  });
}

describe("retention", () => {
  it("with the clock moved forward, expired logs, meetings, cases and imports go with their collaboration, search and version rows; recent ones stay; each deletion is audited with its kind and count", async () => {
    const world = await makeRetentionWorld();
    // Someone still has the expired log open in this process: they are disconnected and nothing is stored again.
    const client = connectCollabClient({
      url: server.url,
      documentName: `log:${world.expired.logId}`,
      cookie: world.people.member.cookie,
      origin: originOf(server.url),
    });
    expect(await client.outcome).toEqual({ kind: "synced" });
    const closed = new Promise<void>((done) => client.provider.on("close", () => done()));
    const versionsBefore = await db()
      .select()
      .from(logVersions)
      .where(eq(logVersions.logId, world.expired.logId));
    expect(versionsBefore.length).toBeGreaterThan(0);
    expect(await presence(world.expired)).toMatchObject({
      log: 1,
      logState: 1,
      logUpdates: 1,
      logSearch: 1,
      case: 1,
      journeyEvents: 1,
      caseTotals: 1,
      import: 1,
      spendLine: 1,
    });

    const run = await runRetention({ now: LATER });
    expect(run.ran).toBe(true);
    await closed;
    client.destroy();
    await server.collab.storeAll();

    expect(await presence(world.expired)).toEqual(ALL_GONE);
    expect(
      await db().select().from(logVersions).where(eq(logVersions.logId, world.expired.logId)),
    ).toEqual([]);
    expect(
      await db().select().from(meetings).where(eq(meetings.id, world.expired.meetingId)),
    ).toEqual([]);
    expect(
      await db().all(
        sql`select 1 from search_index where kind = 'meeting' and object_id = ${world.expired.meetingId}`,
      ),
    ).toEqual([]);
    expect(await presence(world.kept)).toEqual({
      log: 1,
      logState: 1,
      logUpdates: 1,
      logSearch: 1,
      case: 1,
      journeyEvents: 1,
      caseTotals: 1,
      import: 1,
      spendLine: 1,
    });

    const audit = await retentionAudit(world.ws.id);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "logs",
          counts: { logs: 1, versions: versionsBefore.length },
        }),
        expect.objectContaining({ kind: "meetings", counts: { meetings: 1 } }),
        expect.objectContaining({ kind: "cases", counts: { cases: 1, journeyEvents: 1 } }),
        expect.objectContaining({ kind: "imports", counts: { imports: 1 } }),
        expect.objectContaining({ kind: "spend-lines", counts: { spendLines: 1 } }),
      ]),
    );

    // Run again: nothing more has expired, nothing more is deleted or audited.
    const again = await runRetention({ now: LATER });
    expect(again.ran && again.deletions.filter((d) => d.workspaceId === world.ws.id)).toEqual([]);
    expect(await retentionAudit(world.ws.id)).toHaveLength(audit.length);
  });

  it("logs left in the bin for 30 days are deleted for good by the same job, whatever the retention periods", async () => {
    const people = await makePeople();
    const ws = await makeWorkspaceFor(people);
    const binned = await makeLog(
      { userId: people.member.id, role: "member", workspaceId: ws.id },
      { title: "Binned" },
    );
    const now = Date.now();
    await db()
      .update(logs)
      .set({ deletedAt: now - 31 * 24 * 3600_000 })
      .where(eq(logs.id, binned.id));
    const recent = await makeLog(
      { userId: people.member.id, role: "member", workspaceId: ws.id },
      { title: "Binned yesterday" },
    );
    await db()
      .update(logs)
      .set({ deletedAt: now - 24 * 3600_000 })
      .where(eq(logs.id, recent.id));

    await runRetention({ now: new Date(now) });
    expect(
      (
        await db()
          .select({ id: logs.id })
          .from(logs)
          .where(inArray(logs.id, [binned.id, recent.id]))
      ).map((r) => r.id),
    ).toEqual([recent.id]);
    expect(
      await db()
        .select()
        .from(collabDocuments)
        .where(eq(collabDocuments.name, documentName("log", binned.id))),
    ).toEqual([]);
    expect(await retentionAudit(ws.id)).toEqual([
      expect.objectContaining({ kind: "binned-logs", counts: { logs: 1, versions: 0 } }),
    ]);
  });

  it("collaboration state left behind by a deleted log is removed, and a document being created is not", async () => {
    const people = await makePeople();
    const ws = await makeWorkspaceFor(people);
    const now = Date.now();
    const state = Buffer.from([0, 0]);
    await db()
      .insert(collabDocuments)
      .values([
        {
          name: "log:orphanedlong",
          workspaceId: ws.id,
          state,
          size: 2,
          updatedAt: now - 2 * 3600_000,
        },
        { name: "log:orphanedjustnow", workspaceId: ws.id, state, size: 2, updatedAt: now },
      ]);
    await runRetention({ now: new Date(now) });
    expect(
      (
        await db()
          .select({ name: collabDocuments.name })
          .from(collabDocuments)
          .where(eq(collabDocuments.workspaceId, ws.id))
      ).map((r) => r.name),
    ).toEqual(["log:orphanedjustnow"]);
    expect(await retentionAudit(ws.id)).toEqual([
      expect.objectContaining({ kind: "orphaned-collaboration-state", counts: { documents: 1 } }),
    ]);
  });

  it("the settings page's preview says what goes now and on which day the rest goes", async () => {
    const people = await makePeople();
    const ws = await makeWorkspaceFor(people);
    const now = new Date();
    const log = await makeLog(
      { userId: people.member.id, role: "member", workspaceId: ws.id },
      { title: "Old" },
    );
    await db()
      .update(logs)
      .set({ updatedAt: subMonths(now, 40).getTime() })
      .where(eq(logs.id, log.id));
    for (let i = 0; i < 2; i++) {
      const soon = await makeLog(
        { userId: people.member.id, role: "member", workspaceId: ws.id },
        { title: `Soon ${i}` },
      );
      await db()
        .update(logs)
        .set({ updatedAt: subMonths(Date.UTC(2030, 2, 1, 12), 36).getTime() })
        .where(eq(logs.id, soon.id));
    }
    await populateEvidence(ws, people, subMonths(Date.UTC(2030, 2, 1, 12), 24).getTime());

    const preview = await previewRetention(ws.id, new Date(Date.UTC(2030, 1, 1)), 90);
    expect(preview.dueNow).toEqual([{ kind: "logs", label: "1 log" }]);
    expect(preview.upcoming).toEqual([
      {
        day: "2030-03-01",
        items: [
          { kind: "logs", label: "2 logs" },
          { kind: "cases", label: "1 case" },
          { kind: "imports", label: "1 imported file" },
          { kind: "spend-lines", label: "1 spend line" },
        ],
      },
    ]);
  });

  it("a run killed inside a deletion leaves that deletion undone, and the next run completes the job with each deletion audited once", async () => {
    const world = await makeRetentionWorld();
    const crashed = await runInProcess({
      RETENTION_NOW: String(LATER.getTime()),
      RETENTION_KILL_AT: "2",
      RETENTION_KILL_WORKSPACE: world.ws.id,
    });
    expect(crashed.signal).toBe("SIGKILL");

    // The first unit committed (with its audit record); the second was rolled back with the process.
    const afterCrash = await retentionAudit(world.ws.id);
    expect(afterCrash.map((a) => a.kind)).toEqual(["logs"]);
    expect((await presence(world.expired)).case).toBe(1);
    // The dead process still holds the lease: a run now is refused…
    expect(await runRetention({ now: LATER })).toEqual({ ran: false, reason: "lease-held" });
    // …until the lease has run out; then the next run finishes what was left.
    const next = await runRetention({ now: addMonths(LATER, 1) });
    expect(next.ran).toBe(true);
    expect(await presence(world.expired)).toEqual(ALL_GONE);
    expect(await presence(world.kept)).toMatchObject({ log: 1, case: 1, import: 1, spendLine: 1 });
    const kinds = (await retentionAudit(world.ws.id)).map((a) => a.kind).sort();
    expect(kinds).toEqual(["cases", "imports", "logs", "meetings", "spend-lines"]);
  });

  it("two processes running the job at once delete each thing once", async () => {
    const world = await makeRetentionWorld();
    const env = { RETENTION_NOW: String(LATER.getTime()) };
    const [a, b] = await Promise.all([runInProcess(env), runInProcess(env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const deletions = [a.result, b.result].flatMap((r) =>
      r?.ran ? r.deletions.filter((d) => d.workspaceId === world.ws.id) : [],
    );
    expect(deletions.map((d) => d.kind).sort()).toEqual([
      "cases",
      "imports",
      "logs",
      "meetings",
      "spend-lines",
    ]);
    expect((await retentionAudit(world.ws.id)).map((a) => a.kind).sort()).toEqual([
      "cases",
      "imports",
      "logs",
      "meetings",
      "spend-lines",
    ]);
    expect(await presence(world.expired)).toEqual(ALL_GONE);
  });
});
