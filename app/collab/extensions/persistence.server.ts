import type {
  afterHandleMessagePayload,
  beforeHandleMessagePayload,
  beforeUnloadDocumentPayload,
  Document,
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";

import { getBook, setBook, type DocumentBook } from "../document-state.server";
import type { CollabLogger } from "../logger.server";
import { readStoredDocument, saveCompaction, updateLog } from "../update-log.server";
import { isEmptyUpdate, readFrame } from "../wire.server";

/** Context of a server-side edit (storage.editDocument) through a direct connection. */
export type DirectContext = { workspaceId: string; actorUserId: string | null };

function workspaceIdOf(context: unknown): string | null {
  if (typeof context !== "object" || context === null || !("workspaceId" in context)) return null;
  return typeof context.workspaceId === "string" ? context.workspaceId : null;
}

function editorOf(context: unknown): string | null {
  if (typeof context !== "object" || context === null) return null;
  if ("user" in context && typeof context.user === "object" && context.user !== null && "id" in context.user) {
    return typeof context.user.id === "string" ? context.user.id : null;
  }
  if ("actorUserId" in context) return typeof context.actorUserId === "string" ? context.actorUserId : null;
  return null;
}

/**
 * Applies stored bytes to a document that is still loading without Yjs re-encoding them as an
 * "update" event: the only listener then is Hocuspocus's broadcast to the document's
 * connections, of which a loading document has none. Re-encoding a 200 KB log costs about as
 * much as applying it (measured: 50 such logs 350 ms → 200 ms), which matters when many logs are
 * opened at once after a restart.
 */
function withoutUpdateEvents(document: Document, apply: () => void): void {
  const observers: unknown = document._observers;
  // lib0's observer map is internal: if it ever changes shape, load the ordinary (slower) way.
  if (!(observers instanceof Map)) return apply();
  const listeners: unknown = observers.get("update");
  observers.delete("update");
  try {
    apply();
  } finally {
    if (listeners) observers.set("update", listeners);
  }
}

/**
 * Persistence that loses nothing a client was told is saved. Incoming updates are appended to
 * `collab_updates` (group-committed) before Hocuspocus applies and acknowledges them; the
 * document's state is compacted into `collab_documents` on the store debounce and on unload.
 */
export class Persistence implements Extension {
  priority = 800;
  extensionName = "praxis-persistence";
  /** Raw incoming frame → its update-log row id, between before- and afterHandleMessage. */
  private readonly rowOfFrame = new WeakMap<Uint8Array, number>();

  constructor(private readonly options: { logger: CollabLogger }) {}

  /**
   * Guarantees the loaded document holds the compacted state plus every update logged after it
   * (in id order), and that a document is only opened under the workspace it is stored in. Rows
   * that fail to apply are reported and skipped rather than making the document unopenable.
   */
  async onLoadDocument({ document, documentName, context }: onLoadDocumentPayload): Promise<void> {
    const workspaceId = workspaceIdOf(context);
    if (!workspaceId) throw new Error("A document can only be loaded for a workspace");
    // A local libSQL file answers synchronously, so without this yield a burst of opens (say 50
    // logs after a restart) would load every document in one turn of the event loop and send
    // nobody anything until all were done. Yielding lets each reply go out as its document loads.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const stored = await readStoredDocument(documentName);
    if (stored.workspaceId !== null && stored.workspaceId !== workspaceId) throw new Error("Document belongs to another workspace");
    let bytes = 0;
    const editors = new Set<string>();
    let lastEditAt = 0;
    withoutUpdateEvents(document, () => {
      if (stored.state) {
        Y.applyUpdate(document, stored.state);
        bytes += stored.state.byteLength;
      }
      for (const row of stored.updates) {
        try {
          Y.applyUpdate(document, row.update);
          bytes += row.update.byteLength;
          if (row.userId) editors.add(row.userId);
          lastEditAt = Math.max(lastEditAt, row.createdAt);
        } catch (error) {
          this.options.logger.error("update-skipped", error, { document: documentName, row: row.id });
        }
      }
    });
    const book: DocumentBook = {
      workspaceId,
      approxBytes: bytes,
      // Rows left by a crash are folded in (and derived content refreshed) at the next store.
      dirty: stored.updates.length > 0,
      editors,
      lastEditAt,
      handledIds: stored.updates.map((row) => row.id),
      deleted: false,
      compaction: null,
    };
    setBook(document, book);
  }

  /**
   * Awaited by Hocuspocus before it applies a message and before it answers with its sync status
   * (shared NOTES): a sync-step-2 or update message from a writer is committed to the update log
   * here, in the same transaction as every other update of this event-loop turn. Only after the
   * commit may the client be told it is synced; if the commit fails the hook throws, the
   * connection is closed, and the client keeps its change to send again. Read-only connections
   * are skipped: Hocuspocus drops their updates, and they must never reach the database.
   */
  async beforeHandleMessage({ connection, update: raw, document, context }: beforeHandleMessagePayload): Promise<void> {
    if (connection.readOnly) return;
    const { update } = readFrame(raw);
    if (!update || isEmptyUpdate(update)) return;
    const book = getBook(document);
    if (!book || book.deleted) throw { code: 4404, reason: "This document no longer exists." };
    const id = await updateLog().append({
      documentName: document.name,
      workspaceId: book.workspaceId,
      update,
      userId: editorOf(context),
      createdAt: Date.now(),
    });
    this.rowOfFrame.set(raw, id);
  }

  /** Marks the frame's update-log row as in memory, so the next compaction may delete it. */
  async afterHandleMessage({ update: raw, document }: afterHandleMessagePayload): Promise<void> {
    const id = this.rowOfFrame.get(raw);
    if (id === undefined) return;
    this.rowOfFrame.delete(raw);
    getBook(document)?.handledIds.push(id);
  }

  /** Tracks what the next compaction must record: dirty flag, editors, last edit time, size. */
  async onChange({ document, context, update }: onChangePayload): Promise<void> {
    const book = getBook(document);
    if (!book) return;
    book.dirty = true;
    book.lastEditAt = Date.now();
    book.approxBytes += update.byteLength;
    const editor = editorOf(context);
    if (editor) book.editors.add(editor);
  }

  /** Debounced store (Hocuspocus: 2 s after the last change, at most 10 s): compacts. */
  async onStoreDocument({ document }: onStoreDocumentPayload): Promise<void> {
    await this.compact(document);
  }

  /** Before a document leaves memory: compacts whatever the debounce has not. */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    await document.saveMutex.runExclusive(() => this.compact(document));
  }

  /**
   * Writes the in-memory state as the compacted state and deletes exactly the update-log rows
   * already in memory, in one transaction. Rows committed but not yet applied stay in the log
   * for the next compaction, so a crash at any point loses nothing. Leaves a
   * {@link DocumentBook.compaction} for the derived-content extension.
   */
  async compact(document: Document): Promise<void> {
    const book = getBook(document);
    if (!book || book.deleted || (!book.dirty && book.handledIds.length === 0)) return;
    const ids = book.handledIds.splice(0);
    const editors = [...book.editors];
    const { lastEditAt, dirty } = book;
    book.editors.clear();
    book.dirty = false;
    const bytesBefore = book.approxBytes;
    const state = Y.encodeStateAsUpdate(document);
    try {
      await saveCompaction({ documentName: document.name, workspaceId: book.workspaceId, state, compactedIds: ids });
    } catch (error) {
      book.handledIds.unshift(...ids);
      for (const editor of editors) book.editors.add(editor);
      book.dirty = true;
      throw error;
    }
    book.approxBytes = state.byteLength + (book.approxBytes - bytesBefore);
    if (dirty) {
      const previous = book.compaction;
      book.compaction = {
        state,
        editorUserIds: [...new Set([...(previous?.editorUserIds ?? []), ...editors])],
        lastEditAt: Math.max(lastEditAt, previous?.lastEditAt ?? 0),
      };
    }
  }
}
