import type { beforeUnloadDocumentPayload, Document, Extension, onStoreDocumentPayload } from "@hocuspocus/server";
import type * as Y from "yjs";

import { deriveContent } from "../content.server";
import { parseDocumentName, type DocumentKind } from "../document-name";
import { getBook, type Compaction } from "../document-state.server";
import type { DocumentKindConfig } from "../kinds.server";
import type { CollabLogger } from "../logger.server";

export type Kinds = Partial<Record<DocumentKind, DocumentKindConfig>>;

/**
 * Computes ProseMirror JSON and plain text from `doc` and hands them, with the compacted state,
 * to the kind's `onDerived`. A failing handler is reported, not thrown: the Yjs state is already
 * stored, and the next compaction derives everything again.
 */
export async function publishDerived(kinds: Kinds, documentName: string, doc: Y.Doc, compaction: Compaction, logger?: CollabLogger): Promise<void> {
  const parsed = parseDocumentName(documentName);
  const handler = parsed ? kinds[parsed.kind]?.onDerived : undefined;
  if (!parsed || !handler) return;
  try {
    const { json, text } = deriveContent(doc);
    await handler(parsed.id, { json, text, ...compaction });
  } catch (error) {
    if (logger) logger.error("derive-failed", error, { document: documentName });
    else throw error;
  }
}

/**
 * Derived content: after persistence has compacted a document, the kind's derived columns
 * (text, search index, authors, snapshots) are brought up to date from the same state.
 */
export class DerivedContent implements Extension {
  priority = 700;
  extensionName = "praxis-derived-content";

  constructor(
    private readonly kinds: Kinds,
    private readonly options: { logger: CollabLogger },
  ) {}

  /** Runs after persistence's store: every compaction with edits reaches `onDerived` once. */
  async onStoreDocument({ document }: onStoreDocumentPayload): Promise<void> {
    await this.publish(document);
  }

  /** Same on unload, after persistence's final compaction. */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    await this.publish(document);
  }

  /** Hands the pending compaction (if any) to `onDerived` exactly once; also used at shutdown. */
  async publish(document: Document): Promise<void> {
    const book = getBook(document);
    const compaction = book?.compaction;
    if (!book || !compaction || book.deleted) return;
    book.compaction = null;
    await publishDerived(this.kinds, document.name, document, compaction, this.options.logger);
  }
}
