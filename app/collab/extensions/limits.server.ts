import type { beforeHandleMessagePayload, Connection, Document, Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import * as Y from "yjs";

import { parseDocumentName } from "../document-name";
import { getBook, isMaterialized } from "../document-state.server";
import { checkClientFrame, isEmptyUpdate, readFrame, type Frame } from "../wire.server";

/** A single WebSocket frame may not exceed this; larger frames close the socket (1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Encoded Yjs state a document may grow to. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Close code for a refused update (application range 4000–4999; 4413 echoes HTTP 413). */
export const SIZE_LIMIT_CODE = 4413;
/** Stateless message type the editor listens for to show the size-limit message. */
export const SIZE_LIMIT_STATELESS = "praxis:size-limit";

const SUBJECT: Record<string, string> = { log: "This log has", meeting: "These meeting notes have" };

export function sizeLimitMessage(documentName: string, maxBytes: number): string {
  const subject = SUBJECT[parseDocumentName(documentName)?.kind ?? ""] ?? "This document has";
  const mib = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return `${subject} reached its size limit (${mib} MiB), so your latest change was not saved. Copy your recent text somewhere safe, then reload the page.`;
}

export type ScreenResult = { action: "forward"; frame: Frame } | { action: "drop" } | { action: "close-socket"; code: number; reason: string; detail: string };

/** Close code for a frame that is not a well-formed Hocuspocus message (RFC 6455: invalid payload). */
export const MALFORMED_FRAME_CODE = 1007;

/**
 * Limits: the first extension. Frames are screened before Hocuspocus parses them, and an update
 * that would grow a document past its cap is refused before it is stored or applied.
 */
export class Limits implements Extension {
  priority = 1000;
  extensionName = "praxis-limits";
  private instance: Hocuspocus | undefined;

  constructor(private readonly options: { maxDocumentBytes: number }) {}

  /** Remembers the instance, to find a frame's document and connection while screening. */
  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  /**
   * Screens one incoming frame before Hocuspocus sees it. Guarantees that only well-formed frames
   * a provider may send are forwarded: anything else asks the caller to close that socket (1007),
   * so random bytes or a truncated update end that one connection and nothing else. An update that
   * would push its document past the cap is dropped here and the writer told why
   * ({@link refuseOversize}); Hocuspocus never sees it, so it is neither stored, applied nor
   * acknowledged.
   */
  screen(data: Uint8Array, socket: unknown): ScreenResult {
    const check = checkClientFrame(data);
    if (!check.ok) return { action: "close-socket", code: MALFORMED_FRAME_CODE, reason: "Malformed message", detail: check.reason };
    const { frame } = check;
    const { update, documentName } = frame;
    if (!update || isEmptyUpdate(update)) return { action: "forward", frame };
    const document = this.instance?.documents.get(documentName);
    const connection = document?.getConnections().find((c) => c.webSocket === socket);
    if (!document || !connection || connection.readOnly) return { action: "forward", frame };
    if (this.fits(document, update)) return { action: "forward", frame };
    this.refuseOversize(connection);
    return { action: "drop" };
  }

  /**
   * Backstop for the same cap, awaited before persistence and before the update is applied (a
   * frame screened while earlier ones were still queued may have seen a smaller document).
   * Throwing makes Hocuspocus close the connection with our code and reason.
   */
  async beforeHandleMessage({ connection, update: raw, document }: beforeHandleMessagePayload): Promise<void> {
    if (connection.readOnly) return;
    const { update } = readFrame(raw);
    if (!update || isEmptyUpdate(update) || this.fits(document, update)) return;
    const reason = this.refuseOversize(connection, false);
    throw { code: SIZE_LIMIT_CODE, reason };
  }

  private fits(document: Document, update: Uint8Array): boolean {
    const book = getBook(document);
    if (!book) return true;
    if (book.approxBytes + update.byteLength <= this.options.maxDocumentBytes) return true;
    // Not decoded yet: the total is the stored state's exact size.
    if (!isMaterialized(document)) return false;
    // The running total only ever grows between compactions; measure before refusing.
    book.approxBytes = Y.encodeStateAsUpdate(document).byteLength;
    return book.approxBytes + update.byteLength <= this.options.maxDocumentBytes;
  }

  /** The writer gets a stateless `praxis:size-limit` message and a close with the same text. */
  private refuseOversize(connection: Connection, close = true): string {
    const message = sizeLimitMessage(connection.document.name, this.options.maxDocumentBytes);
    connection.sendStateless(JSON.stringify({ type: SIZE_LIMIT_STATELESS, message }));
    if (close) connection.close({ code: SIZE_LIMIT_CODE, reason: message });
    return message;
  }
}
