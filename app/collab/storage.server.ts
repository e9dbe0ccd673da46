import * as Y from "yjs";

import { currentBridge } from "./bridge.server";
import { getBook, materialize } from "./document-state.server";
import { publishDerived, type Kinds } from "./extensions/derived-content.server";
import type { DirectContext } from "./extensions/persistence.server";
import { providedDocumentKinds } from "./kinds.server";
import { deleteStoredDocument, readStoredDocument, replaceStoredState, saveCompaction, updateLog } from "./update-log.server";

/*
 * Storage of collaborative documents for the rest of the app (seed, restore, delete). When the
 * collaboration server runs in this process, edits go through it (so connected editors see them
 * and its in-memory copy stays the one truth); otherwise they go straight to the tables.
 */

function kinds(): Kinds {
  return currentBridge()?.kinds ?? providedDocumentKinds();
}

/** The whole document as one Yjs update (stored state plus later updates), or null if none. */
export async function loadDocumentState(documentName: string): Promise<Uint8Array | null> {
  const loaded = currentBridge()?.hocuspocus.documents.get(documentName);
  if (loaded) return getBook(loaded)?.stored?.state ?? Y.encodeStateAsUpdate(loaded);
  const stored = await readStoredDocument(documentName);
  if (!stored.state && stored.updates.length === 0) return null;
  return Y.mergeUpdates([...(stored.state ? [stored.state] : []), ...stored.updates.map((row) => row.update)]);
}

/**
 * Replaces the stored state and clears the update log (a brand-new document: seed, creation),
 * then runs the kind's `onDerived`. A document someone has open cannot be replaced — a CRDT only
 * moves forward; use {@link editDocument}.
 */
export async function writeDocumentState(documentName: string, workspaceId: string, state: Uint8Array): Promise<void> {
  if (currentBridge()?.hocuspocus.documents.has(documentName)) {
    throw new Error(`${documentName} is open for editing; change it with editDocument`);
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    await replaceStoredState(documentName, workspaceId, state, Y.encodeSnapshot(Y.snapshot(doc)));
    await publishDerived(kinds(), documentName, doc, { state, editorUserIds: [], lastEditAt: Date.now() });
  } finally {
    doc.destroy();
  }
}

/**
 * A server-side edit (e.g. restoring a version) made as a forward change, durably stored and
 * with derived content updated before this resolves. Through the running collaboration server
 * when there is one (a direct connection: connected editors receive it at once); otherwise on the
 * stored state.
 */
export async function editDocument(
  documentName: string,
  workspaceId: string,
  edit: (doc: Y.Doc) => void,
  actorUserId: string | null,
): Promise<void> {
  const bridge = currentBridge();
  if (bridge) {
    const context: DirectContext = { workspaceId, actorUserId };
    const connection = await bridge.hocuspocus.openDirectConnection(documentName, context);
    const document = connection.document;
    if (!document) throw new Error(`${documentName} could not be opened`);
    materialize(document);
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    document.on("update", collect);
    try {
      await connection.transact((doc) => edit(doc));
    } finally {
      document.off("update", collect);
    }
    if (updates.length > 0) {
      const id = await updateLog().append({
        documentName,
        workspaceId,
        update: Y.mergeUpdates(updates),
        userId: actorUserId,
        createdAt: Date.now(),
      });
      getBook(document)?.handledIds.push(id);
    }
    // Stores at once (compaction + derived content); unloads if nobody else has it open.
    await connection.disconnect();
    return;
  }

  const stored = await readStoredDocument(documentName);
  if (stored.workspaceId !== null && stored.workspaceId !== workspaceId) throw new Error(`${documentName} belongs to another workspace`);
  const doc = new Y.Doc();
  try {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const row of stored.updates) Y.applyUpdate(doc, row.update);
    let changed = false;
    doc.on("update", () => {
      changed = true;
    });
    doc.transact(() => edit(doc));
    // An edit that changed nothing (a comment anchor whose words were not found) writes nothing.
    if (!changed) return;
    const state = Y.encodeStateAsUpdate(doc);
    const editors = new Set(stored.updates.flatMap((row) => (row.userId ? [row.userId] : [])));
    if (actorUserId) editors.add(actorUserId);
    const snapshot = Y.encodeSnapshot(Y.snapshot(doc));
    await saveCompaction({ documentName, workspaceId, state, snapshot, compactedIds: stored.updates.map((row) => row.id) });
    await publishDerived(kinds(), documentName, doc, { state, editorUserIds: [...editors], lastEditAt: Date.now() });
  } finally {
    doc.destroy();
  }
}

/**
 * Deletes the document's stored state and update log. If it is open here, its connections are
 * closed and it is never stored again.
 */
export async function deleteDocumentData(documentName: string): Promise<void> {
  const hocuspocus = currentBridge()?.hocuspocus;
  const loaded = hocuspocus?.documents.get(documentName);
  if (hocuspocus && loaded) {
    const book = getBook(loaded);
    if (book) book.deleted = true;
    hocuspocus.closeConnections(documentName);
  }
  await updateLog().drain();
  await deleteStoredDocument(documentName);
}
