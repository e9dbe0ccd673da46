import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

/**
 * A real @hocuspocus/provider client in Node, carrying a session cookie and an Origin on its
 * upgrade request (Node has no browser WebSocket: the `ws` client takes headers, see shared NOTES).
 */
export type CollabClient = {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Settles once: "synced", or "refused" with the server's reason (authentication failed or the socket closed first). */
  outcome: Promise<{ kind: "synced" } | { kind: "refused"; reason: string }>;
  destroy: () => void;
};

export function connectCollabClient(options: { url: string; documentName: string; cookie?: string; origin?: string }): CollabClient {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.origin) headers.Origin = options.origin;
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  let settle: (value: { kind: "synced" } | { kind: "refused"; reason: string }) => void = () => {};
  const outcome = new Promise<{ kind: "synced" } | { kind: "refused"; reason: string }>((resolve) => {
    let settled = false;
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
  });
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    WebSocketPolyfill: HeaderWebSocket,
    // One attempt: a refused upgrade must not be retried for ever in a test.
    maxAttempts: 1,
    onClose: ({ event }) => settle({ kind: "refused", reason: `closed (${event.code}${event.reason ? ` ${event.reason}` : ""})` }),
    onMaxAttemptsFailed: () => settle({ kind: "refused", reason: "could not connect" }),
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.documentName,
    document: doc,
    onSynced: ({ state }) => {
      if (state) settle({ kind: "synced" });
    },
    onAuthenticationFailed: ({ reason }) => settle({ kind: "refused", reason: `authentication failed: ${reason}` }),
  });
  provider.attach();
  return {
    provider,
    doc,
    outcome,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
