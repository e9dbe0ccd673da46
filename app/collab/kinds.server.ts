import type { AuthUser } from "../utils/auth.server";
import type { DocumentKind } from "./document-name";

/*
 * What the collaboration server needs to know about a kind of document. The kinds themselves
 * (who may open a log, what a meeting's notes derive) belong to their domains in app/models;
 * the composition (app/models/documents/document-kinds.server.ts) hands them to the server, so
 * nothing here imports a model (imports flow one way: ADR 007).
 */

/** What one person may do with one document: which workspace it is in, and whether they write. */
export type DocumentAccess = { workspaceId: string; canWrite: boolean };

/** Decides, from the signed-in user, whether and how they may open one document of a kind. */
export type DocumentAccessResolver = (user: AuthUser, id: string) => Promise<DocumentAccess | null>;

/** Derived content of a document, computed from its Yjs state on compaction. */
export type DerivedContent = {
  /** ProseMirror JSON of the Tiptap field "default". */
  json: unknown;
  /** Plain text for search and export, blocks separated by blank lines. */
  text: string;
  /** The compacted Yjs state (Y.encodeStateAsUpdate). */
  state: Uint8Array;
  /** Users whose updates were compacted into this state since the previous compaction. */
  editorUserIds: string[];
  /** When the last of those updates arrived (ms since epoch). */
  lastEditAt: number;
};

export type DerivedHandler = (id: string, content: DerivedContent) => Promise<void>;

export type DocumentKindConfig = {
  /** Who may open the document; reuses the domain's policy functions (same rules as HTTP). */
  resolve: DocumentAccessResolver;
  /** Keeps the domain's derived columns (text, search index, authors, snapshots) in step. */
  onDerived?: DerivedHandler;
};

/** The collaborative document kinds and their rules. A kind absent is refused for everyone. */
export type DocumentKinds = Partial<Record<DocumentKind, DocumentKindConfig>>;

declare global {
  var __praxisDocumentKinds: DocumentKinds | undefined;
}

/*
 * Storage used without a running collaboration server (seed, scripts, tests) still keeps derived
 * content in step, so it needs the kinds too. The composition provides them here; globalThis
 * because server.ts and the Remix build load app modules separately (as for the bridge).
 */
export function provideDocumentKinds(kinds: DocumentKinds): void {
  globalThis.__praxisDocumentKinds = kinds;
}

export function providedDocumentKinds(): DocumentKinds {
  return globalThis.__praxisDocumentKinds ?? {};
}
