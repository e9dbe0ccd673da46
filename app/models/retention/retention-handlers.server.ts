import { addDays, addMonths, subDays, subMonths } from "date-fns";
import { and, eq, inArray, isNotNull, isNull, lte, notInArray, sql } from "drizzle-orm";

import { cases, journeyEvents } from "../../../db/schema/cases";
import { collabDocuments, collabUpdates } from "../../../db/schema/collab";
import { comments, commentThreads } from "../../../db/schema/comments";
import { imports } from "../../../db/schema/imports";
import { meetings } from "../../../db/schema/learning";
import { logs, logVersions } from "../../../db/schema/logs";
import { spendLines } from "../../../db/schema/spend";
import { documentName } from "../../collab/document-name";
import { db, type Tx } from "../../utils/db.server";
import { removeFromSearch } from "../search/search.server";
import { BIN_DAYS, type RetentionPeriods } from "./retention.constants";

/**
 * One kind of thing the retention job deletes. The job asks each handler, per workspace, what
 * has expired, evicts the handler's collaborative documents from memory, then calls `remove`
 * inside one transaction together with the audit record. A domain that adds material (comments,
 * say) adds a handler to {@link RETENTION_HANDLERS}; nothing else in the job changes.
 */
export type RetentionHandler = {
  /** Stable name, recorded in the audit detail ("logs", "cases"…). */
  kind: string;
  /** Which period applies: a setting, or the bin's fixed 30 days. */
  period: "learning" | "evidence" | "bin";
  /** Housekeeping with nothing for an owner to decide: left out of the settings page's preview. */
  housekeeping?: boolean;
  /** "1 log" / "12 logs", for the preview. */
  count: (n: number) => string;
  /** What "expired" means for this kind, as the settings page says it. */
  rule: string;
  /**
   * Items that have expired by `until` under these periods, each with the moment it expires.
   * (`until` is now for the job, a later date for the preview.)
   */
  expiring: (
    workspaceId: string,
    periods: RetentionPeriods,
    until: Date,
  ) => Promise<{ id: string; expiresAt: number }[]>;
  /** Collaborative documents that go with these items (evicted from memory before deleting). */
  documents?: (ids: string[]) => string[];
  /** Deletes the items (re-checking they are still in this workspace); returns counts for the audit. */
  remove: (tx: Tx, workspaceId: string, ids: string[]) => Promise<Record<string, number>>;
};

function plural(one: string, many: string) {
  return (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** The stored time before which something counts as expired, for a period in months. */
function cutoff(until: Date, months: number): number {
  return subMonths(until, months).getTime();
}

function expiresAfterMonths(basis: number, months: number): number {
  return addMonths(new Date(basis), months).getTime();
}

/** Collaboration rows of these documents (state and update log): part of the same deletion. */
async function removeCollabRows(tx: Tx, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.delete(collabUpdates).where(inArray(collabUpdates.documentName, names));
  await tx.delete(collabDocuments).where(inArray(collabDocuments.name, names));
}

async function removeLogs(
  tx: Tx,
  workspaceId: string,
  ids: string[],
): Promise<Record<string, number>> {
  const present = await tx
    .select({ id: logs.id })
    .from(logs)
    .where(and(eq(logs.workspaceId, workspaceId), inArray(logs.id, ids)));
  const found = present.map((r) => r.id);
  if (found.length === 0) return { logs: 0 };
  const [versions] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(logVersions)
    .where(inArray(logVersions.logId, found));
  for (const id of found) await removeFromSearch(tx, "log", id);
  await removeCollabRows(
    tx,
    found.map((id) => documentName("log", id)),
  );
  // Authors, tags and versions go by `on delete cascade`.
  await tx.delete(logs).where(inArray(logs.id, found));
  return { logs: found.length, versions: versions?.n ?? 0 };
}

const binnedLogs: RetentionHandler = {
  kind: "binned-logs",
  period: "bin",
  count: plural("log from the bin", "logs from the bin"),
  rule: `Logs put in the bin are deleted for good ${BIN_DAYS} days later.`,
  async expiring(workspaceId, _periods, until) {
    const rows = await db()
      .select({ id: logs.id, deletedAt: logs.deletedAt })
      .from(logs)
      .where(
        and(
          eq(logs.workspaceId, workspaceId),
          isNotNull(logs.deletedAt),
          lte(logs.deletedAt, subDays(until, BIN_DAYS).getTime()),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: addDays(new Date(r.deletedAt ?? 0), BIN_DAYS).getTime(),
    }));
  },
  documents: (ids) => ids.map((id) => documentName("log", id)),
  remove: removeLogs,
};

const staleLogs: RetentionHandler = {
  kind: "logs",
  period: "learning",
  count: plural("log", "logs"),
  rule: "A log is deleted, with its history and versions, when nobody has edited it for the learning-material period.",
  async expiring(workspaceId, periods, until) {
    const rows = await db()
      .select({ id: logs.id, updatedAt: logs.updatedAt })
      .from(logs)
      .where(
        and(
          eq(logs.workspaceId, workspaceId),
          isNull(logs.deletedAt),
          lte(logs.updatedAt, cutoff(until, periods.learningMonths)),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(r.updatedAt, periods.learningMonths),
    }));
  },
  documents: (ids) => ids.map((id) => documentName("log", id)),
  remove: removeLogs,
};

const oldVersions: RetentionHandler = {
  kind: "log-versions",
  period: "learning",
  count: plural("saved version of a log", "saved versions of logs"),
  rule: "A saved version of a log that is kept is deleted once it is older than the learning-material period.",
  async expiring(workspaceId, periods, until) {
    const limit = cutoff(until, periods.learningMonths);
    const rows = await db()
      .select({ id: logVersions.id, createdAt: logVersions.createdAt })
      .from(logVersions)
      .innerJoin(logs, eq(logs.id, logVersions.logId))
      // Versions of a log that expires itself are counted with the log, not twice.
      .where(
        and(
          eq(logVersions.workspaceId, workspaceId),
          lte(logVersions.createdAt, limit),
          sql`${logs.updatedAt} > ${limit}`,
          isNull(logs.deletedAt),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(r.createdAt, periods.learningMonths),
    }));
  },
  async remove(tx, workspaceId, ids) {
    const found = await tx
      .delete(logVersions)
      .where(and(eq(logVersions.workspaceId, workspaceId), inArray(logVersions.id, ids)))
      .returning({ id: logVersions.id });
    return { versions: found.length };
  },
};

const oldMeetings: RetentionHandler = {
  kind: "meetings",
  period: "learning",
  count: plural("meeting record", "meeting records"),
  rule: "A set meeting — its agenda, shared notes, runner record and learning lines — is deleted once it ended longer ago than the learning-material period and has not been changed since.",
  async expiring(workspaceId, periods, until) {
    const limit = cutoff(until, periods.learningMonths);
    const rows = await db()
      .select({ id: meetings.id, endsAt: meetings.endsAt, updatedAt: meetings.updatedAt })
      .from(meetings)
      .where(
        and(
          eq(meetings.workspaceId, workspaceId),
          lte(meetings.endsAt, limit),
          lte(meetings.updatedAt, limit),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(Math.max(r.endsAt, r.updatedAt), periods.learningMonths),
    }));
  },
  documents: (ids) => ids.map((id) => documentName("meeting", id)),
  async remove(tx, workspaceId, ids) {
    const found = (
      await tx
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.workspaceId, workspaceId), inArray(meetings.id, ids)))
    ).map((r) => r.id);
    for (const id of found) await removeFromSearch(tx, "meeting", id);
    await removeCollabRows(
      tx,
      found.map((id) => documentName("meeting", id)),
    );
    if (found.length > 0) await tx.delete(meetings).where(inArray(meetings.id, found));
    return { meetings: found.length };
  },
};

/** The last time anything about a case changed: the case itself or any event in its journey. */
const caseTouchedAt = sql<number>`max(${cases.updatedAt}, coalesce((select max(${journeyEvents.updatedAt}) from ${journeyEvents} where ${journeyEvents.caseId} = ${cases.id}), 0))`;

const staleCases: RetentionHandler = {
  kind: "cases",
  period: "evidence",
  count: plural("case", "cases"),
  rule: "A case is deleted — with its household, criteria and journey events — when neither it nor any event in its journey has changed for the case-evidence period, whether it is open or closed.",
  async expiring(workspaceId, periods, until) {
    const rows = await db()
      .select({ id: cases.id, touchedAt: caseTouchedAt })
      .from(cases)
      .where(
        and(
          eq(cases.workspaceId, workspaceId),
          lte(caseTouchedAt, cutoff(until, periods.evidenceMonths)),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(Number(r.touchedAt), periods.evidenceMonths),
    }));
  },
  async remove(tx, workspaceId, ids): Promise<Record<string, number>> {
    const found = (
      await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), inArray(cases.id, ids)))
    ).map((r) => r.id);
    if (found.length === 0) return { cases: 0 };
    const [events] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(journeyEvents)
      .where(inArray(journeyEvents.caseId, found));
    // Household members, criteria and journey events go by `on delete cascade`.
    await tx.delete(cases).where(inArray(cases.id, found));
    return { cases: found.length, journeyEvents: events?.n ?? 0 };
  },
};

const oldImports: RetentionHandler = {
  kind: "imports",
  period: "evidence",
  count: plural("imported file", "imported files"),
  rule: "An imported file — the copy of every line it held, kept for its preview and history — is deleted once it was imported longer ago than the case-evidence period.",
  async expiring(workspaceId, periods, until) {
    const rows = await db()
      .select({ id: imports.id, createdAt: imports.createdAt, committedAt: imports.committedAt })
      .from(imports)
      .where(
        and(
          eq(imports.workspaceId, workspaceId),
          lte(
            sql`coalesce(${imports.committedAt}, ${imports.createdAt})`,
            cutoff(until, periods.evidenceMonths),
          ),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(r.committedAt ?? r.createdAt, periods.evidenceMonths),
    }));
  },
  async remove(tx, workspaceId, ids) {
    const found = await tx
      .delete(imports)
      .where(and(eq(imports.workspaceId, workspaceId), inArray(imports.id, ids)))
      .returning({ id: imports.id });
    return { imports: found.length };
  },
};

const staleSpend: RetentionHandler = {
  kind: "spend-lines",
  period: "evidence",
  count: plural("spend line", "spend lines"),
  rule: "A line of spend is deleted when it has not been changed for the case-evidence period.",
  async expiring(workspaceId, periods, until) {
    const rows = await db()
      .select({ id: spendLines.id, updatedAt: spendLines.updatedAt })
      .from(spendLines)
      .where(
        and(
          eq(spendLines.workspaceId, workspaceId),
          lte(spendLines.updatedAt, cutoff(until, periods.evidenceMonths)),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      expiresAt: expiresAfterMonths(r.updatedAt, periods.evidenceMonths),
    }));
  },
  async remove(tx, workspaceId, ids) {
    const found = await tx
      .delete(spendLines)
      .where(and(eq(spendLines.workspaceId, workspaceId), inArray(spendLines.id, ids)))
      .returning({ id: spendLines.id });
    return { spendLines: found.length };
  },
};

/**
 * Collaboration rows whose log or meeting no longer exists (a process that still had the
 * document open when it was deleted may store it once more): removed so nothing outlives its
 * owner. Only rows older than an hour, so a document being created is never caught.
 */
const orphanedDocuments: RetentionHandler = {
  kind: "orphaned-collaboration-state",
  period: "bin",
  housekeeping: true,
  count: plural("orphaned collaborative document", "orphaned collaborative documents"),
  rule: "Stored editing state whose log or meeting has already been deleted is removed.",
  async expiring(workspaceId, _periods, until) {
    const hourAgo = until.getTime() - 60 * 60 * 1000;
    const liveLogs = db()
      .select({ name: sql`'log:' || ${logs.id}` })
      .from(logs)
      .where(eq(logs.workspaceId, workspaceId));
    const liveMeetings = db()
      .select({ name: sql`'meeting:' || ${meetings.id}` })
      .from(meetings)
      .where(eq(meetings.workspaceId, workspaceId));
    const rows = await db()
      .select({ name: collabDocuments.name, updatedAt: collabDocuments.updatedAt })
      .from(collabDocuments)
      .where(
        and(
          eq(collabDocuments.workspaceId, workspaceId),
          lte(collabDocuments.updatedAt, hourAgo),
          notInArray(collabDocuments.name, liveLogs),
          notInArray(collabDocuments.name, liveMeetings),
        ),
      );
    return rows.map((r) => ({ id: r.name, expiresAt: r.updatedAt }));
  },
  documents: (ids) => ids,
  async remove(tx, workspaceId, ids) {
    await tx
      .delete(collabUpdates)
      .where(
        and(eq(collabUpdates.workspaceId, workspaceId), inArray(collabUpdates.documentName, ids)),
      );
    const found = await tx
      .delete(collabDocuments)
      .where(and(eq(collabDocuments.workspaceId, workspaceId), inArray(collabDocuments.name, ids)))
      .returning({ name: collabDocuments.name });
    return { documents: found.length };
  },
};

/** In this order: whole objects first, so a later handler never counts what an earlier one removed. */
/** Comment threads go with their log; a thread quiet for the learning period goes on its own. */
const staleCommentThreads: RetentionHandler = {
  kind: "comment-threads",
  period: "learning",
  count: plural("comment thread", "comment threads"),
  rule: "A comment thread is deleted, with its replies and mentions, when nobody has added to it for the learning-material period (and always with its log).",
  async expiring(workspaceId, periods, until) {
    const rows = await db()
      .select({ id: commentThreads.id, updatedAt: commentThreads.updatedAt })
      .from(commentThreads)
      .where(
        and(
          eq(commentThreads.workspaceId, workspaceId),
          lte(commentThreads.updatedAt, cutoff(until, periods.learningMonths)),
        ),
      );
    return rows.map((r) => ({ id: r.id, expiresAt: expiresAfterMonths(r.updatedAt, periods.learningMonths) }));
  },
  async remove(tx, workspaceId, ids) {
    const where = and(eq(commentThreads.workspaceId, workspaceId), inArray(commentThreads.id, ids));
    const [{ n: replies }] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(comments)
      .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
      .where(where);
    // Comments and mentions go by `on delete cascade`; the anchor marks left in the log name no thread.
    const removed = await tx.delete(commentThreads).where(where).returning({ id: commentThreads.id });
    return { threads: removed.length, comments: replies ?? 0 };
  },
};

export const RETENTION_HANDLERS: RetentionHandler[] = [
  binnedLogs,
  staleLogs,
  staleCommentThreads,
  oldVersions,
  oldMeetings,
  staleCases,
  oldImports,
  staleSpend,
  orphanedDocuments,
];
