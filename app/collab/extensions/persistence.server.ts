import type {
  afterHandleMessagePayload,
  beforeHandleMessagePayload,
  beforeSyncPayload,
  beforeUnloadDocumentPayload,
  Connection,
  connectedPayload,
  Document,
  Extension,
  Hocuspocus,
  onChangePayload,
  onConfigurePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";

import { applyWithoutUpdateEvents, getBook, materialize, setBook, type DocumentBook, type StoredState } from "../document-state.server";
import type { CollabLogger } from "../logger.server";
import { readStoredDocument, saveCompaction, updateLog } from "../update-log.server";
import { encodeSyncFrame, isEmptyUpdate, readFrame, SyncStep, type Frame } from "../wire.server";

/** A client's first-sync request held until its connection is established: at most this big… */
const MAX_HELD_FRAME_BYTES = 64 * 1024;
/** …and this many per socket (Hocuspocus allows 100 pending documents per socket). */
const MAX_HELD_FRAMES = 100;

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
 * Persistence that loses nothing a client was told is saved. Incoming updates are appended to
 * `collab_updates` (group-committed) before Hocuspocus applies and acknowledges them; the
 * document's state is compacted into `collab_documents` on the store debounce and on unload.
 */
export class Persistence implements Extension {
  priority = 800;
  extensionName = "praxis-persistence";
  /** Raw incoming frame → its update-log row id, between before- and afterHandleMessage. */
  private readonly rowOfFrame = new WeakMap<Uint8Array, number>();
  /** Per socket: first-sync requests (by address) that arrived before their connection was established. */
  private readonly heldFirstSyncs = new WeakMap<object, Map<string, Uint8Array>>();
  private instance: Hocuspocus | undefined;

  constructor(private readonly options: { logger: CollabLogger }) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  /** What is known of a stored state without decoding it, or null (then it is decoded on load). */
  private storedState(documentName: string, state: Uint8Array, snapshotBytes: Uint8Array): StoredState | null {
    try {
      const snapshot = Y.decodeSnapshot(snapshotBytes);
      return { state, snapshot, stateVector: Y.encodeStateVector(snapshot.sv) };
    } catch (error) {
      this.options.logger.error("snapshot-unreadable", error, { document: documentName });
      return null;
    }
  }

  /**
   * The socket layer hands every client sync step 1 here before Hocuspocus sees it. Guarantees a
   * document whose stored state is not decoded is never asked by Hocuspocus for its content: the
   * request is answered from storage ({@link answerFromStorage}), or held until its connection is
   * established (the usual case: a provider sends it right after authenticating), or — if the
   * document is decoded by then — left to Hocuspocus. Returns false when the caller should
   * forward the frame as usual.
   */
  takeFirstSync(socket: object, frame: Frame, raw: Uint8Array): boolean {
    const connection = this.instance?.documents
      .get(frame.documentName)
      ?.getConnections()
      .find((c) => c.webSocket === socket && c.messageAddress === frame.address);
    if (connection) return this.answerFromStorage(connection);
    let held = this.heldFirstSyncs.get(socket);
    if (!held) {
      held = new Map();
      this.heldFirstSyncs.set(socket, held);
    }
    if (raw.byteLength > MAX_HELD_FRAME_BYTES || (held.size >= MAX_HELD_FRAMES && !held.has(frame.address))) return false;
    held.set(frame.address, raw);
    return true;
  }

  /** A held first-sync request is answered as soon as its connection exists. */
  async connected({ connection }: connectedPayload): Promise<void> {
    const held = this.heldFirstSyncs.get(connection.webSocket);
    const raw = held?.get(connection.messageAddress);
    if (!held || !raw) return;
    held.delete(connection.messageAddress);
    if (!this.answerFromStorage(connection)) connection.handleMessage(raw);
  }

  /**
   * Answers a client's sync step 1 with the stored bytes — the server's own step 1 (the stored
   * state vector, so the client sends back exactly what the server lacks) and step 2 (the whole
   * stored state, a valid answer to any client state) — if the document's stored state is still
   * undecoded. Returns false (nothing sent) otherwise.
   */
  private answerFromStorage(connection: Connection): boolean {
    const book = getBook(connection.document);
    const stored = book?.stored;
    if (!book || !stored || book.deleted) return false;
    connection.send(encodeSyncFrame(connection.messageAddress, SyncStep.Step1, stored.stateVector));
    connection.send(encodeSyncFrame(connection.messageAddress, SyncStep.Step2, stored.state));
    return true;
  }

  /**
   * Awaited by Hocuspocus before it reads a sync message against the document: decodes the stored
   * state first, unless the message is an update the stored state already contains (applying it
   * changes nothing) or a reader's plain update (refused unread). A writer's new update has
   * usually been decoded for already, in {@link beforeHandleMessage}; the check here also covers a
   * reader's sync step 2 and a connection whose access changed between the two hooks.
   */
  async beforeSync({ document, connection, type, payload }: beforeSyncPayload): Promise<void> {
    const stored = getBook(document)?.stored;
    if (!stored) return;
    if (type === SyncStep.Step1) return materialize(document);
    if (type === SyncStep.Update && connection.readOnly) return;
    if (!isEmptyUpdate(payload) && !Y.snapshotContainsUpdate(stored.snapshot, payload)) materialize(document);
  }

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
    const book: DocumentBook = {
      workspaceId,
      approxBytes: 0,
      // Rows left by a crash are folded in (and derived content refreshed) at the next store.
      dirty: stored.updates.length > 0,
      editors: new Set<string>(),
      lastEditAt: 0,
      handledIds: stored.updates.map((row) => row.id),
      deleted: false,
      compaction: null,
      stored: null,
    };
    // A compacted state with its snapshot and nothing after it is not decoded now (ADR 006):
    // first syncs are answered with the stored bytes, and the document is decoded when
    // something needs its content (an edit, a compaction, a server-side change).
    book.stored = stored.state && stored.snapshot && stored.updates.length === 0 ? this.storedState(documentName, stored.state, stored.snapshot) : null;
    if (book.stored) {
      book.approxBytes = book.stored.state.byteLength;
      setBook(document, book);
      return;
    }
    applyWithoutUpdateEvents(document, () => {
      if (stored.state) {
        Y.applyUpdate(document, stored.state);
        book.approxBytes += stored.state.byteLength;
      }
      for (const row of stored.updates) {
        try {
          Y.applyUpdate(document, row.update);
          book.approxBytes += row.update.byteLength;
          if (row.userId) book.editors.add(row.userId);
          book.lastEditAt = Math.max(book.lastEditAt, row.createdAt);
        } catch (error) {
          this.options.logger.error("update-skipped", error, { document: documentName, row: row.id });
        }
      }
    });
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
    if (book.stored) {
      // Nothing the stored state lacks (typically a client's first reply, its delete set): nothing
      // to store, and applying it to the undecoded document changes nothing.
      if (Y.snapshotContainsUpdate(book.stored.snapshot, update)) return;
      // Something new: Hocuspocus is about to apply it, so the stored state is decoded first.
      materialize(document);
    }
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
    materialize(document);
    const state = Y.encodeStateAsUpdate(document);
    const snapshot = Y.encodeSnapshot(Y.snapshot(document));
    try {
      await saveCompaction({ documentName: document.name, workspaceId: book.workspaceId, state, snapshot, compactedIds: ids });
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
