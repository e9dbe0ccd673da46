import type { Connection, Extension, Hocuspocus, onAuthenticatePayload, onConnectPayload } from "@hocuspocus/server";

import { getLucia, getSessionFromRequest, type AuthSession, type AuthUser } from "../../utils/auth.server";
import { parseDocumentName, type DocumentKind } from "../document-name";
import type { DocumentAccess, DocumentKindConfig } from "../kinds.server";
import type { CollabLogger } from "../logger.server";
import { ACCESS_CHANGED_STATELESS, ACCESS_REVOKED_CODE, SESSION_ENDED_CODE, type AccessChangedMessage } from "../protocol";

export type CollabContext = {
  user: { id: string; displayName: string; email: string };
  sessionId: string;
  workspaceId: string;
  canWrite: boolean;
  /** When session and access were last confirmed (ms since epoch). */
  checkedAt: number;
};


const SESSION_ENDED_REASON = "Your session has ended. Sign in again to keep editing.";
const NOUN: Record<string, string> = { log: "this log", meeting: "these meeting notes" };

export function accessRevokedMessage(documentName: string): string {
  return `You no longer have access to ${NOUN[parseDocumentName(documentName)?.kind ?? ""] ?? "this document"}.`;
}

export function isAllowedOrigin(origin: string | null, host: string | null, extra: string[]): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (extra.includes(parsed.origin)) return true;
  return host !== null && parsed.host === host;
}

/**
 * Hocuspocus sends `reason` to the client as the permission-denied reason. A plain object (no
 * `message`) keeps Hocuspocus from logging every refusal as an error; our logger records it.
 */
function refusal(reason: string): { reason: string } {
  return { reason };
}

/** The session the upgrade request was checked with (index.server.ts passes it as default context). */
export type UpgradeContext = { upgradeAuth: { user: AuthUser; session: AuthSession; checkedAt: number } };

/** The upgrade's session if it was checked less than one revalidation interval ago. */
function freshUpgradeAuth(context: unknown, maxAgeMs: number): { user: AuthUser; session: AuthSession } | null {
  if (typeof context !== "object" || context === null || !("upgradeAuth" in context)) return null;
  const { upgradeAuth } = context as UpgradeContext;
  return Date.now() - upgradeAuth.checkedAt < maxAgeMs ? upgradeAuth : null;
}

export async function sessionFromHeaders(headers: Headers): Promise<{ user: AuthUser; session: AuthSession } | null> {
  const cookie = headers.get("cookie") ?? "";
  return getSessionFromRequest(new Request("http://collab.invalid/", { headers: { cookie } }));
}

function isCollabContext(value: unknown): value is CollabContext {
  return typeof value === "object" && value !== null && "sessionId" in value && "workspaceId" in value && "user" in value;
}

/**
 * Authentication: the session cookie of the upgrade request names the user; the resolver for the
 * document's kind decides access. Unknown kinds, malformed names and objects the user may not read
 * are refused with the same error, so nothing is revealed. Read-only access sets
 * `connection.readOnly`. While connected, every connection is checked again every
 * `revalidateEveryMs` (see {@link Authentication.revalidate}).
 */
export class Authentication implements Extension {
  priority = 900;
  extensionName = "praxis-authentication";
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly kinds: Partial<Record<DocumentKind, DocumentKindConfig>>,
    private readonly options: { logger: CollabLogger; revalidateEveryMs: number },
  ) {}

  /** Before authentication: refuses names that cannot be valid at all (same error as no access). */
  async onConnect(data: onConnectPayload): Promise<void> {
    if (!parseDocumentName(data.documentName)) {
      this.options.logger.info("refused", { document: data.documentName.slice(0, 80), socket: data.socketId, why: "invalid-name" });
      throw refusal("Document not found");
    }
  }

  /**
   * Guarantees a connection exists only for a live session whose user the kind's resolver lets
   * read the document; the returned context (user, session, workspace, canWrite) is what every
   * later hook trusts. The document name only says which object; it never grants anything.
   */
  async onAuthenticate(data: onAuthenticatePayload): Promise<CollabContext> {
    const parsed = parseDocumentName(data.documentName);
    const auth = freshUpgradeAuth(data.context, this.options.revalidateEveryMs) ?? (await sessionFromHeaders(data.requestHeaders));
    if (!auth) {
      this.options.logger.info("refused", { document: data.documentName, socket: data.socketId, why: "no-session" });
      throw refusal("Not signed in");
    }
    const resolver = parsed ? this.kinds[parsed.kind]?.resolve : undefined;
    const access = parsed && resolver ? await resolver(auth.user, parsed.id) : null;
    if (!access) {
      this.options.logger.info("refused", { document: data.documentName, socket: data.socketId, user: auth.user.id, why: "no-access" });
      throw refusal("Document not found");
    }
    if (!access.canWrite) data.connectionConfig.readOnly = true;
    return {
      user: { id: auth.user.id, displayName: auth.user.displayName, email: auth.user.email },
      sessionId: auth.session.id,
      workspaceId: access.workspaceId,
      canWrite: access.canWrite,
      checkedAt: Date.now(),
    };
  }

  /** Starts the periodic re-check of open connections (timer does not keep the process alive). */
  start(instance: Hocuspocus): void {
    this.stop();
    this.timer = setInterval(() => void this.revalidate(instance), this.options.revalidateEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Re-checks every open connection against the database: a revoked or expired session closes
   * the socket (4401); a user who may no longer read the document (removed member, log made
   * private, set left) loses that document's connection (4403, reason shown by the client);
   * write access taken away (or granted) flips `connection.readOnly` at once and tells the client
   * with a stateless `praxis:access` message. Runs every `revalidateEveryMs` (2 s by default), so
   * any change takes effect within that interval plus one sweep.
   */
  async revalidate(instance: Hocuspocus): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const users = new Map<string, Promise<AuthUser | null>>();
      const accesses = new Map<string, Promise<DocumentAccess | null>>();
      const connections = [...instance.documents.values()].flatMap((document) => document.getConnections());
      for (const connection of connections) {
        const context: unknown = connection.context;
        if (!isCollabContext(context) || !connection.document.hasConnection(connection)) continue;
        // Confirmed within the last half interval (just authenticated): the next sweep will do,
        // and a burst of new connections does not cost every one of them a second check at once.
        if (Date.now() - context.checkedAt < this.options.revalidateEveryMs / 2) continue;
        if (!users.has(context.sessionId)) users.set(context.sessionId, this.liveUser(context.sessionId));
        await this.recheck(connection, context, users.get(context.sessionId) as Promise<AuthUser | null>, accesses);
        // A local libSQL file answers synchronously: yield between connections so a sweep over
        // many connections never holds the event loop (and everyone's keystrokes) for long.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.options.logger.error("revalidate-failed", error);
    } finally {
      this.sweeping = false;
    }
  }

  private async liveUser(sessionId: string): Promise<AuthUser | null> {
    const { user } = await getLucia().validateSession(sessionId);
    return user;
  }

  private async recheck(
    connection: Connection,
    context: CollabContext,
    userPromise: Promise<AuthUser | null>,
    accesses: Map<string, Promise<DocumentAccess | null>>,
  ): Promise<void> {
    const name = connection.document.name;
    const user = await userPromise;
    if (!user || user.id !== context.user.id) {
      this.options.logger.info("closed", { document: name, user: context.user.id, why: "session-ended" });
      connection.webSocket.close(SESSION_ENDED_CODE, SESSION_ENDED_REASON);
      return;
    }
    const parsed = parseDocumentName(name);
    const resolver = parsed ? this.kinds[parsed.kind]?.resolve : undefined;
    const key = `${user.id}\n${name}`;
    if (parsed && resolver && !accesses.has(key)) accesses.set(key, resolver(user, parsed.id));
    const access = (await accesses.get(key)) ?? null;
    if (!access || access.workspaceId !== context.workspaceId) {
      this.options.logger.info("closed", { document: name, user: user.id, why: "access-revoked" });
      // Said before closing so the browser can drop its offline copy of this document (a
      // document's close reaches the client as a plain message, without its code).
      const ended: AccessChangedMessage = { type: ACCESS_CHANGED_STATELESS, canWrite: false, canRead: false };
      connection.sendStateless(JSON.stringify(ended));
      connection.close({ code: ACCESS_REVOKED_CODE, reason: accessRevokedMessage(name) });
      return;
    }
    context.checkedAt = Date.now();
    if (access.canWrite !== context.canWrite) {
      context.canWrite = access.canWrite;
      connection.readOnly = !access.canWrite;
      this.options.logger.info("access-changed", { document: name, user: user.id, canWrite: access.canWrite });
      connection.sendStateless(JSON.stringify({ type: ACCESS_CHANGED_STATELESS, canWrite: access.canWrite }));
    }
  }
}
