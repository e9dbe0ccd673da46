import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

import { publishBridge, withdrawBridge, type CollabBridge } from "./bridge.server";
import type { DocumentKind } from "./document-name";
import { Authentication, isAllowedOrigin, sessionFromHeaders, type UpgradeContext } from "./extensions/authentication.server";
import { DerivedContent } from "./extensions/derived-content.server";
import { Limits, MALFORMED_FRAME_CODE, MAX_DOCUMENT_BYTES, MAX_FRAME_BYTES } from "./extensions/limits.server";
import { Logging } from "./extensions/logging.server";
import { Persistence } from "./extensions/persistence.server";
import { redisExtensions } from "./extensions/redis.server";
import type { DocumentKindConfig } from "./kinds.server";
import { createCollabLogger } from "./logger.server";
import { updateLog } from "./update-log.server";
import { isPong, MessageType, SyncStep } from "./wire.server";

export { MALFORMED_FRAME_CODE, MAX_DOCUMENT_BYTES, MAX_FRAME_BYTES };
export const COLLAB_PATH = "/collab";

export type CollabOptions = {
  allowedOrigins?: string[];
  /** Per document kind, who may open it and what is derived; kinds absent are refused. */
  kinds?: Partial<Record<DocumentKind, DocumentKindConfig>>;
  /** Silence routine log lines (default: on when NODE_ENV is "test"). */
  quiet?: boolean;
  maxFrameBytes?: number;
  maxDocumentBytes?: number;
  /** How often open connections are re-authorised (default 2 s). */
  revalidateEveryMs?: number;
  /** Store debounce after the last change, and the longest a change waits to be compacted. */
  storeDebounceMs?: number;
  storeMaxDebounceMs?: number;
};

export type CollabHandle = {
  hocuspocus: Hocuspocus;
  handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** Compacts every loaded document now (and refreshes derived content). */
  storeAll: () => Promise<void>;
  /** Stops accepting messages, stores every document, closes every socket. */
  close: () => Promise<void>;
};

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.destroyed) return;
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Hocuspocus inside the app's own HTTP server: `ws` with noServer and a frame cap; the upgrade's
 * Origin and session are checked before the handshake completes; every frame is screened, then
 * forwarded to Hocuspocus by hand (handleConnection does not listen to the socket itself — see
 * shared NOTES). Extensions run in the order limits → authentication → persistence → derived
 * content → logging.
 */
export function createCollab(options: CollabOptions = {}): CollabHandle {
  const kinds = options.kinds ?? {};
  const logger = createCollabLogger({ quiet: options.quiet ?? process.env.NODE_ENV === "test" });
  const limits = new Limits({ maxDocumentBytes: options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES });
  const authentication = new Authentication(kinds, { logger, revalidateEveryMs: options.revalidateEveryMs ?? 2000 });
  const persistence = new Persistence({ logger });
  const derived = new DerivedContent(kinds, { logger });
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: options.storeDebounceMs ?? 2000,
    maxDebounce: options.storeMaxDebounceMs ?? 10_000,
    extensions: [limits, authentication, persistence, derived, new Logging(logger), ...redisExtensions()],
  });
  authentication.start(hocuspocus);
  const bridge: CollabBridge = { hocuspocus, kinds };
  publishBridge(bridge);

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? MAX_FRAME_BYTES });
  const allowed = options.allowedOrigins ?? [];
  let closing = false;

  function accept(ws: WebSocket, request: IncomingMessage, upgrade: UpgradeContext) {
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers.set(key, value);
      else if (Array.isArray(value)) headers.set(key, value.join(", "));
    }
    const fetchRequest = new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, { headers });
    const connection = hocuspocus.handleConnection(ws, fetchRequest, upgrade);
    let refused = false;
    ws.on("message", (data: RawData) => {
      // While shutting down nothing new is applied: unacknowledged changes stay with the client.
      if (refused || closing) return;
      const bytes = toUint8Array(data);
      if (isPong(bytes)) return;
      const screened = limits.screen(bytes, ws);
      if (screened.action === "close-socket") {
        refused = true;
        logger.info("refused", { why: "malformed-frame", detail: screened.detail });
        ws.close(screened.code, screened.reason);
        return;
      }
      if (screened.action !== "forward") return;
      // A client's first sync may be answered from storage without Hocuspocus (ADR 006).
      const { frame } = screened;
      if (frame.type === MessageType.Sync && frame.syncStep === SyncStep.Step1 && persistence.takeFirstSync(ws, frame, bytes)) return;
      connection.handleMessage(bytes);
    });
    ws.on("close", (code: number, reason: Buffer) => {
      connection.handleClose({ code, reason: reason.toString() });
    });
    ws.on("error", (error) => {
      // ws reports an oversize frame (1009) and protocol errors here, then closes the socket.
      logger.info("socket-error", { why: error.message });
      ws.terminate();
    });
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== COLLAB_PATH) return false;
    const onSocketError = () => socket.destroy();
    socket.on("error", onSocketError);
    if (closing) {
      refuseUpgrade(socket, "503 Service Unavailable");
      return true;
    }
    const origin = request.headers.origin ?? null;
    if (!isAllowedOrigin(origin, request.headers.host ?? null, allowed)) {
      logger.info("refused", { why: "origin", origin });
      refuseUpgrade(socket, "403 Forbidden");
      return true;
    }
    const cookie = request.headers.cookie ?? "";
    void sessionFromHeaders(new Headers({ cookie }))
      .catch((error: unknown) => {
        logger.error("session-check-failed", error);
        return null;
      })
      .then((auth) => {
        if (!auth) {
          logger.info("refused", { why: "no-session" });
          refuseUpgrade(socket, "403 Forbidden");
          return;
        }
        if (socket.destroyed || closing) {
          refuseUpgrade(socket, "503 Service Unavailable");
          return;
        }
        socket.off("error", onSocketError);
        const upgrade: UpgradeContext = { upgradeAuth: { ...auth, checkedAt: Date.now() } };
        wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, upgrade));
      });
    return true;
  }

  async function storeAll() {
    await updateLog().drain();
    await Promise.all(
      [...hocuspocus.documents.values()].map((document) =>
        document.saveMutex.runExclusive(async () => {
          await persistence.compact(document);
          await derived.publish(document);
        }),
      ),
    );
  }

  let closed: Promise<void> | undefined;
  function close() {
    closed ??= (async () => {
      closing = true;
      authentication.stop();
      // Messages already handed to Hocuspocus finish (their updates are committed and applied).
      const pending = [...hocuspocus.documents.values()].flatMap((document) => document.getConnections().map((c) => c.waitForPendingMessages()));
      await Promise.all(pending);
      await storeAll();
      for (const client of wss.clients) client.close(1001, "Server shutting down");
      const stragglers = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 1000);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(stragglers);
      await storeAll();
      withdrawBridge(bridge);
    })();
    return closed;
  }

  return { hocuspocus, handleUpgrade, storeAll, close };
}

/** Attaches /collab to an HTTP server; other upgrade paths are refused. */
export function attachCollab(server: Server, options: CollabOptions = {}): CollabHandle {
  const collab = createCollab(options);
  server.on("upgrade", (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) refuseUpgrade(socket, "404 Not Found");
  });
  return collab;
}
