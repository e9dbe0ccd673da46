import type { Document } from "@hocuspocus/server";

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
};

const books = new WeakMap<Document, DocumentBook>();

export function setBook(document: Document, book: DocumentBook): void {
  books.set(document, book);
}

export function getBook(document: Document): DocumentBook | undefined {
  return books.get(document);
}
