import type { Document } from "@hocuspocus/server";
import * as Y from "yjs";

/** What a compaction produced, handed from persistence to the derived-content extension. */
export type Compaction = {
  state: Uint8Array;
  editorUserIds: string[];
  lastEditAt: number;
};

/**
 * Bookkeeping the collaboration extensions share about one loaded document. Kept beside the
 * Hocuspocus `Document` (a WeakMap) so it disappears with it on unload.
 */
export type DocumentBook = {
  workspaceId: string;
  /** Compacted state bytes plus every update accepted since: an upper bound of the document's size. */
  approxBytes: number;
  /** Changed in memory since the last compaction. */
  dirty: boolean;
  editors: Set<string>;
  lastEditAt: number;
  /** Update-log rows that are in memory, so a compaction may delete them. */
  handledIds: number[];
  /** The document's data was deleted: never store it again. */
  deleted: boolean;
  /** Set by persistence during a store, consumed by the derived-content extension. */
  compaction: Compaction | null;
  /**
   * The stored state while it has not been decoded into the document (see ADR 006): set when a
   * document is loaded from a compacted state with its snapshot and no later update rows, cleared
   * by {@link materialize}. While set, the in-memory document is empty and must not be read.
   */
  stored: StoredState | null;
};

/** A compacted state as read from storage, with what is known about it without decoding it. */
export type StoredState = {
  state: Uint8Array;
  snapshot: Y.Snapshot;
  /** `Y.encodeStateVector` of the stored document, for the server's own sync step 1. */
  stateVector: Uint8Array;
};

declare global {
  var __praxisDocumentBooks: WeakMap<Document, DocumentBook> | undefined;
}

/*
 * On globalThis, like the collaboration bridge (bridge.server.ts): server.ts and the Remix build
 * each load their own copy of this module, and a route's server-side edit (a version restore, a
 * comment anchor) must see the book the server's persistence wrote, or it would edit a document
 * whose stored text was never decoded into it.
 */
const books: WeakMap<Document, DocumentBook> = (globalThis.__praxisDocumentBooks ??= new WeakMap());

export function setBook(document: Document, book: DocumentBook): void {
  books.set(document, book);
}

export function getBook(document: Document): DocumentBook | undefined {
  return books.get(document);
}

/**
 * Applies bytes to a document without Yjs re-encoding them as an "update" event, whose listeners
 * (Hocuspocus's broadcast and change hooks) must not see stored content: every connection of the
 * document already has it, or gets it in its first sync. Re-encoding a 200 KB log costs about as
 * much as applying it (measured: 50 such logs 350 ms → 200 ms).
 */
export function applyWithoutUpdateEvents(document: Document, apply: () => void): void {
  const observers: unknown = document._observers;
  // lib0's observer map is internal: if it ever changes shape, apply the ordinary (slower) way.
  if (!(observers instanceof Map)) return apply();
  const listeners: unknown = observers.get("update");
  observers.delete("update");
  try {
    apply();
  } finally {
    if (listeners) observers.set("update", listeners);
  }
}

/** True while the document's stored state has not been decoded into it. */
export function isMaterialized(document: Document): boolean {
  return !getBook(document)?.stored;
}

/**
 * Guarantees the document holds its stored state: decodes it now if that was deferred. Every
 * reader of a loaded document's content calls this first (sync through Hocuspocus, compaction,
 * server-side edits, the size check). Synchronous, so two callers cannot both apply it.
 */
export function materialize(document: Document): void {
  const book = getBook(document);
  const stored = book?.stored;
  if (!book || !stored) return;
  // If decoding throws, `stored` stays: nothing may compact the half-filled document over it.
  applyWithoutUpdateEvents(document, () => Y.applyUpdate(document, stored.state));
  book.stored = null;
}
