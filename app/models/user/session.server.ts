import { createHash } from "node:crypto";

import { and, desc, eq, gt } from "drizzle-orm";

import { sessions } from "../../../db/schema/core";
import { invalidateSession } from "../../utils/auth.server";
import { db } from "../../utils/db.server";
import { recordAudit } from "../audit/audit.server";

/*
 * A session id is the bearer secret in the cookie, so it never reaches a page: sessions are
 * shown and revoked by a handle derived from the id with SHA-256.
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex").slice(0, 32);
}

export type SessionSummary = {
  handle: string;
  createdAt: number;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
};

/** The person's live sessions, newest first, the one making the request marked `current`. */
export async function listMySessions(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const rows = await db()
    .select({ id: sessions.id, createdAt: sessions.createdAt, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, nowSeconds)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => ({
    handle: sessionHandle(r.id),
    createdAt: r.createdAt,
    ipAddress: r.ipAddress,
    userAgent: r.userAgent,
    current: r.id === currentSessionId,
  }));
}

export type RevokeSessionResult = "revoked" | "not-found" | "current";

/** Ends one of the person's own other sessions; another person's session is simply not found. */
export async function revokeMySession(
  actor: { userId: string; sessionId: string; ipAddress?: string },
  handle: string,
): Promise<RevokeSessionResult> {
  const rows = await db()
    .select({ id: sessions.id, createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.userId, actor.userId));
  const target = rows.find((r) => sessionHandle(r.id) === handle);
  if (!target) return "not-found";
  if (target.id === actor.sessionId) return "current";
  await invalidateSession(target.id);
  await recordAudit({
    kind: "auth.session_revoked",
    actorUserId: actor.userId,
    targetType: "session",
    targetId: handle,
    detail: { sessionCreatedAt: target.createdAt },
    ipAddress: actor.ipAddress,
  });
  return "revoked";
}

/** A short, readable description of a browser from its user agent ("Firefox on Windows"). */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const system = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  return ua.length > 60 ? `${ua.slice(0, 60)}…` : ua;
}
