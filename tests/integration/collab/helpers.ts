import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { and, eq } from "drizzle-orm";
import WebSocket from "ws";
import * as Y from "yjs";

import type { DerivedContent, DocumentAccess, DocumentKindConfig } from "../../../app/collab/kinds.server";
import type { AuthUser } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { collabDocuments, collabUpdates } from "../../../db/schema/collab";
import { memberships } from "../../../db/schema/core";
import { originOf } from "../../helpers/collab-server";

/**
 * For the storage, limits, first-sync and crash tests and the benchmark only — tests about *who*
 * may open or write a document use the product's own kinds (DOCUMENT_KIND_CONFIG, real-logs.ts).
 * A test-only "log" kind: which workspace a log belongs to and whether it is private live in a
 * Map (no dependency on the logs tables); membership and role come from the real database.
 * Workspace logs: members write, evaluators read. Private logs: only the listed authors.
 */
export type TestLog = { workspaceId: string; visibility: "workspace" | "private"; authors: string[] };

export function testLogKind() {
  const logs = new Map<string, TestLog>();
  const derived: { id: string; content: DerivedContent }[] = [];
  const config: DocumentKindConfig = {
    async resolve(user: AuthUser, id: string): Promise<DocumentAccess | null> {
      const log = logs.get(id);
      if (!log) return null;
      const [membership] = await db()
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, log.workspaceId), eq(memberships.userId, user.id)));
      if (!membership) return null;
      if (log.visibility === "private" && !log.authors.includes(user.id)) return null;
      return { workspaceId: log.workspaceId, canWrite: membership.role !== "evaluator" };
    },
    async onDerived(id, content) {
      derived.push({ id, content });
    },
  };
  function addLog(workspaceId: string, init: Partial<Omit<TestLog, "workspaceId">> = {}): string {
    const id = newId();
    logs.set(id, { workspaceId, visibility: init.visibility ?? "workspace", authors: init.authors ?? [] });
    return id;
  }
  return { logs, derived, config, addLog };
}

/** A `ws` client class that sends the given Cookie and Origin on its upgrade request. */
export function headerWebSocket(headers: { cookie?: string; origin?: string }) {
  const sent: Record<string, string> = {};
  if (headers.cookie) sent.Cookie = headers.cookie;
  if (headers.origin !== undefined) sent.Origin = headers.origin;
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: sent });
    }
  };
}

export type Client = {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Stateless messages received from the server. */
  stateless: string[];
  /** Close events for this document (reason as sent by the server). */
  closes: { code: number; reason: string }[];
  authFailures: string[];
  destroy: () => void;
};

export function connectClient(options: { url: string; documentName: string; cookie?: string; origin?: string; document?: Y.Doc }): Client {
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    WebSocketPolyfill: headerWebSocket({ cookie: options.cookie, origin: options.origin ?? originOf(options.url) }),
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
  });
  const doc = options.document ?? new Y.Doc();
  const client: Client = {
    socket,
    doc,
    stateless: [],
    closes: [],
    authFailures: [],
    provider: undefined as unknown as HocuspocusProvider,
    destroy: () => {
      client.provider.destroy();
      socket.destroy();
    },
  };
  client.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.documentName,
    document: doc,
    onStateless: ({ payload }) => client.stateless.push(payload),
    onClose: ({ event }) => client.closes.push({ code: event.code, reason: event.reason }),
    onAuthenticationFailed: ({ reason }) => client.authFailures.push(reason),
  });
  client.provider.attach();
  return client;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "condition"): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function synced(client: Client, timeoutMs = 5000): Promise<void> {
  await waitFor(() => client.provider.isSynced, timeoutMs, "provider synced");
}

/**
 * Proves the server has processed everything this client sent so far: Hocuspocus handles one
 * connection's messages in order, so the answer to a sync step 1 sent now arrives only after
 * every earlier message (an update included) has been handled. Use it before asserting that
 * something did *not* arrive, instead of sleeping.
 */
export async function roundTrip(client: Client, timeoutMs = 5000): Promise<void> {
  const { provider } = client;
  const answered = new Promise<void>((resolve) => {
    const onSynced = () => {
      provider.off("synced", onSynced);
      resolve();
    };
    provider.on("synced", onSynced);
  });
  // Clearing the flag makes the next sync step 2 from the server emit "synced" again.
  provider.synced = false;
  provider.forceSync();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for a sync round-trip`)), timeoutMs);
  });
  try {
    await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Synced and every local change acknowledged by the server. */
export async function saved(client: Client, timeoutMs = 5000): Promise<void> {
  await waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, timeoutMs, "changes saved");
}

export function textOf(doc: Y.Doc): string {
  return doc.getText("t").toString();
}

/** Stored bytes (state + update rows) merged into a fresh doc. */
export async function storedDoc(documentName: string): Promise<Y.Doc> {
  const [stored] = await db().select().from(collabDocuments).where(eq(collabDocuments.name, documentName));
  const rows = await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, documentName)).orderBy(collabUpdates.id);
  const doc = new Y.Doc();
  if (stored) Y.applyUpdate(doc, new Uint8Array(stored.state));
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
  return doc;
}

export async function updateRows(documentName: string) {
  return db().select().from(collabUpdates).where(eq(collabUpdates.documentName, documentName)).orderBy(collabUpdates.id);
}

/* lib0 encoding, for hand-made frames. */
export function encodeFrame(parts: ({ uint: number } | { string: string } | { bytes: Uint8Array })[]): Uint8Array {
  const out: number[] = [];
  const uint = (n: number) => {
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
  };
  for (const part of parts) {
    if ("uint" in part) uint(part.uint);
    else if ("string" in part) {
      const bytes = new TextEncoder().encode(part.string);
      uint(bytes.length);
      out.push(...bytes);
    } else {
      uint(part.bytes.length);
      out.push(...part.bytes);
    }
  }
  return new Uint8Array(out);
}

/** A raw socket (no provider) with the given headers; resolves once open. */
export async function rawSocket(url: string, headers: { cookie?: string; origin?: string }): Promise<WebSocket> {
  const Socket = headerWebSocket({ origin: originOf(url), ...headers });
  const ws = new Socket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return ws;
}

/**
 * A WebSocket ping answered (or the socket closed by the server): the server's socket has read,
 * and handed to our message handler (which runs synchronously per frame), every frame sent
 * before it, so whatever it was going to do with them at once is done. Use it instead of
 * sleeping after raw frames.
 */
export function pingPong(ws: WebSocket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      ws.off("pong", done);
      ws.off("close", done);
      resolve();
    };
    const timer = setTimeout(() => reject(new Error(`No pong within ${timeoutMs} ms`)), timeoutMs);
    ws.once("pong", done);
    ws.once("close", done);
    if (ws.readyState !== ws.OPEN) return done();
    ws.ping();
  });
}

/** Resolves with the close code (and reason) of a socket. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

/** Status code of a refused upgrade. */
export function upgradeStatus(url: string, headers: { cookie?: string; origin?: string }): Promise<number> {
  const Socket = headerWebSocket(headers);
  const ws = new Socket(url);
  return new Promise((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("open", () => {
      ws.close();
      reject(new Error("upgrade was accepted"));
    });
    ws.once("error", () => undefined);
  });
}
