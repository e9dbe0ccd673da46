import { hostname } from "node:os";

import { addDays } from "date-fns";
import { eq, sql } from "drizzle-orm";

import { workspaces } from "../../../db/schema/core";
import { jobLeases, workspaceRetention } from "../../../db/schema/settings";
import { db } from "../../utils/db.server";
import { recordAudit } from "../audit/audit.server";
import { evictLoadedDocuments } from "./evict-documents.server";
import { RETENTION_HANDLERS, type RetentionHandler } from "./retention-handlers.server";
import { DEFAULT_RETENTION, type RetentionPeriods } from "./retention.constants";

export const RETENTION_JOB = "retention";
/** Long enough for a big sweep; renewed after every unit, so only a dead holder's lease runs out. */
export const RETENTION_LEASE_MS = 10 * 60 * 1000;

export async function getRetention(workspaceId: string): Promise<RetentionPeriods> {
  const [row] = await db()
    .select({
      learningMonths: workspaceRetention.learningMonths,
      evidenceMonths: workspaceRetention.evidenceMonths,
    })
    .from(workspaceRetention)
    .where(eq(workspaceRetention.workspaceId, workspaceId));
  return row ?? DEFAULT_RETENTION;
}

export async function setRetention(
  actor: { userId: string; ipAddress?: string },
  workspaceId: string,
  periods: RetentionPeriods,
): Promise<void> {
  await db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(workspaceRetention)
      .where(eq(workspaceRetention.workspaceId, workspaceId));
    const values = { ...periods, updatedBy: actor.userId, updatedAt: Date.now() };
    await tx
      .insert(workspaceRetention)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: workspaceRetention.workspaceId, set: values });
    await recordAudit(
      {
        kind: "retention.updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "workspace",
        targetId: workspaceId,
        detail: {
          from: before
            ? { learningMonths: before.learningMonths, evidenceMonths: before.evidenceMonths }
            : DEFAULT_RETENTION,
          to: periods,
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
}

function periodOf(handler: RetentionHandler, periods: RetentionPeriods): number | null {
  if (handler.period === "learning") return periods.learningMonths;
  if (handler.period === "evidence") return periods.evidenceMonths;
  return null;
}

export type RetentionPreview = {
  periods: RetentionPeriods;
  /** What the next run (within the hour) deletes. */
  dueNow: { kind: string; label: string }[];
  /** What expires later within the horizon, by day (midnight UTC of the London date). */
  upcoming: { day: string; items: { kind: string; label: string }[] }[];
  rules: { kind: string; rule: string; months: number | null }[];
  horizonDays: number;
};

const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** What will be deleted, and when, under the stored periods: now, then day by day up to the horizon. */
export async function previewRetention(
  workspaceId: string,
  now = new Date(),
  horizonDays = 90,
): Promise<RetentionPreview> {
  const periods = await getRetention(workspaceId);
  const until = addDays(now, horizonDays);
  const dueNow: RetentionPreview["dueNow"] = [];
  const byDay = new Map<string, Map<string, number>>();
  const handlers = RETENTION_HANDLERS.filter((h) => !h.housekeeping);
  for (const handler of handlers) {
    const items = await handler.expiring(workspaceId, periods, until);
    let due = 0;
    for (const item of items) {
      if (item.expiresAt <= now.getTime()) {
        due += 1;
        continue;
      }
      const day = LONDON_DAY.format(new Date(item.expiresAt));
      const counts = byDay.get(day) ?? new Map<string, number>();
      counts.set(handler.kind, (counts.get(handler.kind) ?? 0) + 1);
      byDay.set(day, counts);
    }
    if (due > 0) dueNow.push({ kind: handler.kind, label: handler.count(due) });
  }
  const labelOf = new Map(handlers.map((h) => [h.kind, h.count]));
  const upcoming = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, counts]) => ({
      day,
      items: handlers
        .filter((h) => counts.has(h.kind))
        .map((h) => ({
          kind: h.kind,
          label: (labelOf.get(h.kind) ?? String)(counts.get(h.kind) ?? 0),
        })),
    }));
  return {
    periods,
    dueNow,
    upcoming,
    rules: handlers.map((h) => ({ kind: h.kind, rule: h.rule, months: periodOf(h, periods) })),
    horizonDays,
  };
}

// ——— The job ———

/** Takes the job's lease if it is free or expired (or already ours); one statement, so atomic across processes. */
export async function acquireLease(
  name: string,
  holder: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const rows = await db().all<{ holder: string }>(sql`
    insert into ${jobLeases} (name, holder, expires_at, acquired_at) values (${name}, ${holder}, ${now + leaseMs}, ${now})
    on conflict(name) do update set holder = excluded.holder, expires_at = excluded.expires_at, acquired_at = excluded.acquired_at
      where ${jobLeases.expiresAt} <= ${now} or ${jobLeases.holder} = excluded.holder
    returning holder`);
  return rows.length === 1 && rows[0]?.holder === holder;
}

async function renewLease(
  name: string,
  holder: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const rows = await db()
    .update(jobLeases)
    .set({ expiresAt: now + leaseMs })
    .where(sql`${jobLeases.name} = ${name} and ${jobLeases.holder} = ${holder}`)
    .returning({ holder: jobLeases.holder });
  return rows.length === 1;
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await db()
    .delete(jobLeases)
    .where(sql`${jobLeases.name} = ${name} and ${jobLeases.holder} = ${holder}`);
}

export type RetentionStep = {
  workspaceId: string;
  kind: string;
  phase: "deleted-uncommitted" | "committed";
  counts: Record<string, number>;
};

export type RetentionRun =
  | { ran: false; reason: "lease-held" }
  | {
      ran: true;
      deletions: { workspaceId: string; kind: string; counts: Record<string, number> }[];
      stopped?: "lease-lost";
    };

export type RetentionOptions = {
  /** The clock the job judges expiry and its lease by (tests move it forward). */
  now?: Date;
  /** Who holds the lease: unique per process. */
  holder?: string;
  leaseMs?: number;
  /** Called inside each unit's transaction before it commits, and after it commits. */
  onStep?: (step: RetentionStep) => void | Promise<void>;
};

export function processHolder(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The retention sweep: for every workspace and every handler, what has expired is deleted in one
 * transaction with its audit record (kind and counts). Runs in one process at a time (a lease in
 * the database). A crash mid-unit rolls that unit back (it never committed); a crash between
 * units leaves the rest, which the next run — once the dead holder's lease has run out — finds
 * still expired and deletes. Units are idempotent: `remove` re-checks what is still there.
 */
export async function runRetention(options: RetentionOptions = {}): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const holder = options.holder ?? processHolder();
  const leaseMs = options.leaseMs ?? RETENTION_LEASE_MS;
  if (!(await acquireLease(RETENTION_JOB, holder, now.getTime(), leaseMs)))
    return { ran: false, reason: "lease-held" };
  const deletions: { workspaceId: string; kind: string; counts: Record<string, number> }[] = [];
  try {
    const all = await db().select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.id);
    for (const { id: workspaceId } of all) {
      const periods = await getRetention(workspaceId);
      for (const handler of RETENTION_HANDLERS) {
        const expired = await handler.expiring(workspaceId, periods, now);
        if (expired.length === 0) continue;
        if (!(await renewLease(RETENTION_JOB, holder, now.getTime(), leaseMs)))
          return { ran: true, deletions, stopped: "lease-lost" };
        const ids = expired.map((e) => e.id);
        if (handler.documents) await evictLoadedDocuments({ names: handler.documents(ids) });
        const counts = await db().transaction(async (tx) => {
          const removed = await handler.remove(tx, workspaceId, ids);
          if (Object.values(removed).every((n) => n === 0)) return removed;
          await recordAudit(
            {
              kind: "retention.deleted",
              workspaceId,
              targetType: handler.kind,
              detail: {
                kind: handler.kind,
                counts: removed,
                months: periodOf(handler, periods),
                ids,
              },
            },
            tx,
          );
          await options.onStep?.({
            workspaceId,
            kind: handler.kind,
            phase: "deleted-uncommitted",
            counts: removed,
          });
          return removed;
        });
        if (Object.values(counts).some((n) => n > 0)) {
          deletions.push({ workspaceId, kind: handler.kind, counts });
          await options.onStep?.({ workspaceId, kind: handler.kind, phase: "committed", counts });
        }
      }
    }
    return { ran: true, deletions };
  } finally {
    await releaseLease(RETENTION_JOB, holder);
  }
}
