import { and, eq, getTableName, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";

import { getDb } from "../../db/client";
import { collabDocuments, collabUpdates } from "../../db/schema/collab";
import { db } from "../utils/db.server";

/*
 * The collaboration server's only access to its tables. Writes on the hot path are
 * group-committed: a local libSQL file runs queries synchronously on the event loop, so one
 * transaction per tick (not one per keystroke) keeps the loop free (shared NOTES, libSQL).
 */

export type UpdateRow = {
  documentName: string;
  workspaceId: string;
  update: Uint8Array;
  userId: string | null;
  createdAt: number;
};

export type StoredDocument = {
  workspaceId: string | null;
  state: Uint8Array | null;
  /** `Y.encodeSnapshot` of `state` (null if none was stored with it). */
  snapshot: Uint8Array | null;
  updates: { id: number; update: Uint8Array; userId: string | null; createdAt: number }[];
};

type Waiting = { row: UpdateRow; resolve: (id: number) => void; reject: (error: unknown) => void; since: number };

/** How many recent commit waits are kept for measurement. */
const MAX_WAIT_SAMPLES = 100_000;

/** Rows per DELETE … IN (…) statement, well under SQLite's bound-parameter limit. */
const DELETE_CHUNK = 500;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function blobBytes(value: unknown): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new Error("Expected a blob column");
}

const INSERT_UPDATE_SQL = `insert into ${getTableName(collabUpdates)} (document_name, workspace_id, "update", user_id, created_at) values (?, ?, ?, ?, ?)`;
const SELECT_DOCUMENT_SQL = `select workspace_id, state, snapshot from ${getTableName(collabDocuments)} where name = ?`;
const SELECT_UPDATES_SQL = `select id, "update", user_id, created_at from ${getTableName(collabUpdates)} where document_name = ? order by id`;

/**
 * Appends updates to `collab_updates`. Every update handed in during one turn of the event loop
 * goes into ONE transaction; each caller's promise resolves with its row id only after that
 * transaction committed, and rejects (for every caller in it) if it failed.
 */
class UpdateLogWriter {
  private queue: Waiting[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  /** Transactions committed and rows written, for the benchmark and tests. */
  readonly stats = { commits: 0, rows: 0 };
  /** Milliseconds from append to commit of recent rows (what an acknowledgement waits for). */
  private waits: number[] = [];

  append(row: UpdateRow): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ row, resolve, reject, since: performance.now() });
      if (this.scheduled) return;
      this.scheduled = true;
      // setImmediate runs after the poll phase: every socket read of this turn is already queued.
      setImmediate(() => {
        this.scheduled = false;
        this.chain = this.chain.then(() => this.commitQueued());
      });
    });
  }

  /** The commit waits measured since the last call, and forgets them. */
  takeWaits(): number[] {
    return this.waits.splice(0);
  }

  /** Resolves when everything appended so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.chain;
    }
    await this.chain;
  }

  private async commitQueued(): Promise<void> {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      // Plain SQL on the hot path: building a drizzle query per keystroke costs more CPU than the
      // insert itself (profiled), and this runs on the event loop every editor shares.
      const results = await getDb().client.batch(
        batch.map(({ row }) => ({
          sql: INSERT_UPDATE_SQL,
          args: [row.documentName, row.workspaceId, toBuffer(row.update), row.userId, row.createdAt],
        })),
        "write",
      );
      this.stats.commits += 1;
      this.stats.rows += batch.length;
      const now = performance.now();
      batch.forEach((waiting, i) => {
        if (this.waits.length < MAX_WAIT_SAMPLES) this.waits.push(now - waiting.since);
        waiting.resolve(Number(results[i].lastInsertRowid));
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}

declare global {
  var __praxisUpdateLog: UpdateLogWriter | undefined;
}

/** One writer per process, shared by the collaboration server and Remix's copy of this module. */
export function updateLog(): UpdateLogWriter {
  globalThis.__praxisUpdateLog ??= new UpdateLogWriter();
  return globalThis.__praxisUpdateLog;
}

/** The compacted state (if any) and every later update, in the order they were written. */
export async function readStoredDocument(documentName: string): Promise<StoredDocument> {
  // Plain SQL, read in one snapshot: opening many documents at once is CPU-bound (profiled).
  const [documents, updates] = await getDb().client.batch(
    [
      { sql: SELECT_DOCUMENT_SQL, args: [documentName] },
      { sql: SELECT_UPDATES_SQL, args: [documentName] },
    ],
    "read",
  );
  const document = documents.rows[0];
  return {
    workspaceId: document ? String(document.workspace_id) : null,
    state: document ? blobBytes(document.state) : null,
    snapshot: document && document.snapshot !== null ? blobBytes(document.snapshot) : null,
    updates: updates.rows.map((row) => ({
      id: Number(row.id),
      update: blobBytes(row.update),
      userId: row.user_id === null ? null : String(row.user_id),
      createdAt: Number(row.created_at),
    })),
  };
}

/**
 * Replaces the compacted state and deletes the update rows it now contains, in one transaction:
 * a crash leaves either the old state with all its rows or the new state without them.
 */
export async function saveCompaction(input: {
  documentName: string;
  workspaceId: string;
  state: Uint8Array;
  /** `Y.encodeSnapshot` of the document `state` was encoded from. */
  snapshot: Uint8Array;
  compactedIds: number[];
}): Promise<void> {
  const now = Date.now();
  const columns = { state: toBuffer(input.state), snapshot: toBuffer(input.snapshot), size: input.state.byteLength, updatedAt: now };
  const statements: BatchItem<"sqlite">[] = [
    db()
      .insert(collabDocuments)
      .values({ name: input.documentName, workspaceId: input.workspaceId, ...columns })
      .onConflictDoUpdate({ target: collabDocuments.name, set: columns }),
  ];
  const ids = [...input.compactedIds];
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    const chunk = ids.slice(i, i + DELETE_CHUNK);
    statements.push(db().delete(collabUpdates).where(and(eq(collabUpdates.documentName, input.documentName), inArray(collabUpdates.id, chunk))));
  }
  await db().batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** Replaces the state (and its snapshot) outright and empties the update log (seeding a new document). */
export async function replaceStoredState(documentName: string, workspaceId: string, state: Uint8Array, snapshot: Uint8Array): Promise<void> {
  const columns = { workspaceId, state: toBuffer(state), snapshot: toBuffer(snapshot), size: state.byteLength, updatedAt: Date.now() };
  await db().batch([
    db().delete(collabUpdates).where(eq(collabUpdates.documentName, documentName)),
    db()
      .insert(collabDocuments)
      .values({ name: documentName, ...columns })
      .onConflictDoUpdate({ target: collabDocuments.name, set: columns }),
  ]);
}

export async function deleteStoredDocument(documentName: string): Promise<void> {
  await db().batch([
    db().delete(collabUpdates).where(eq(collabUpdates.documentName, documentName)),
    db().delete(collabDocuments).where(eq(collabDocuments.name, documentName)),
  ]);
}
