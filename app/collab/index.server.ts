import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer, type RawData } from "ws";

import type { DocumentKind } from "./document-name";
import { Authentication, isAllowedOrigin } from "./extensions/authentication.server";
import type { DocumentKindConfig } from "./kinds.server";

export const COLLAB_PATH = "/collab";
/** A single WebSocket frame may not exceed this; larger frames close the socket (1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export type CollabOptions = {
  allowedOrigins?: string[];
  /** Per document kind, who may open it and what is derived; kinds absent are refused. */
  kinds?: Partial<Record<DocumentKind, DocumentKindConfig>>;
  quiet?: boolean;
};

export type CollabHandle = {
  hocuspocus: Hocuspocus;
  handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  close: () => Promise<void>;
};

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Hocuspocus inside the app's own HTTP server: `ws` with noServer and a frame cap, the upgrade's
 * Origin checked before the handshake completes, messages forwarded to Hocuspocus by hand
 * (handleConnection does not listen to the socket itself — see shared NOTES).
 */
export function createCollab(options: CollabOptions = {}): CollabHandle {
  const hocuspocus = new Hocuspocus({
    quiet: options.quiet ?? true,
    extensions: [new Authentication(options.kinds ?? {})],
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const allowed = options.allowedOrigins ?? [];

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== COLLAB_PATH) return false;
    const origin = request.headers.origin ?? null;
    if (!isAllowedOrigin(origin, request.headers.host ?? null, allowed)) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      socket.destroy();
      return true;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (typeof value === "string") headers.set(key, value);
        else if (Array.isArray(value)) headers.set(key, value.join(", "));
      }
      const fetchRequest = new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, { headers });
      const connection = hocuspocus.handleConnection(ws, fetchRequest);
      ws.on("message", (data: RawData) => {
        connection.handleMessage(toUint8Array(data));
      });
      ws.on("close", (code: number, reason: Buffer) => {
        connection.handleClose({ code, reason: reason.toString() });
      });
      ws.on("error", () => ws.terminate());
    });
    return true;
  }

  async function close() {
    for (const client of wss.clients) client.close(1001, "Server shutting down");
    hocuspocus.closeConnections();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return { hocuspocus, handleUpgrade, close };
}

/** Attaches /collab to an HTTP server; other upgrade paths are refused. */
export function attachCollab(server: Server, options: CollabOptions = {}): CollabHandle {
  const collab = createCollab(options);
  server.on("upgrade", (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) {
      socket.write("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      socket.destroy();
    }
  });
  return collab;
}
