import { onLogDerived, resolveLogDocumentAccess } from "../models/log/log-document.server";
import { meetingDocumentKind } from "../models/meeting/meeting-notes.server";
import type { DocumentKind } from "./document-name";
import type { DocumentAccessResolver } from "./extensions/authentication.server";

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

/**
 * The collaborative document kinds and their rules. A kind absent here is refused for everyone.
 * Each domain registers its kind from its own model module.
 */
export const DOCUMENT_KIND_CONFIG: Partial<Record<DocumentKind, DocumentKindConfig>> = {
  log: { resolve: resolveLogDocumentAccess, onDerived: onLogDerived },
  meeting: meetingDocumentKind,
};
