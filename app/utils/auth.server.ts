import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { and, count, eq, gte, min, sql } from "drizzle-orm";
import { Lucia, type DatabaseSession, type DatabaseUser, type Session, type User } from "lucia";

import { loginAttempts, sessions, users } from "../../db/schema/core";
import { recordAudit } from "../models/audit/audit.server";
import { db, type Database } from "./db.server";
import { isSecureCookie } from "./env.server";
import { memoForRequest } from "./request-scope.server";
import { getClientIp } from "./request.server";

/*
 * Everything about sessions goes through this module, so Lucia stays swappable
 * (docs/decisions/002-sessions.md): routes see `AuthUser`, `requireUser` and cookie strings.
 */

/** OWASP's argon2id baseline: m=19456 KiB, t=2, p=1. */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 10;

/**
 * Lucia's drizzle adapter, but a session and its user are read in one prepared query (the
 * adapter's own builds two queries on every request) and without the password hash, which a
 * signed-in request never needs (ADR 008).
 */
class PraxisSessionAdapter extends DrizzleSQLiteAdapter {
  private readonly sessionAndUser;

  constructor(database: Database) {
    super(database, sessions, users);
    this.sessionAndUser = database
      .select({ session: sessions, user: { id: users.id, email: users.email, displayName: users.displayName } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare();
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.sessionAndUser.all({ id: sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...attributes } = row.session;
    return [
      { id, userId, expiresAt: new Date(expiresAt * 1000), attributes },
      { id: row.user.id, attributes: { email: row.user.email, displayName: row.user.displayName } },
    ];
  }
}

function createLucia() {
  const adapter = new PraxisSessionAdapter(db());
  return new Lucia(adapter, {
    sessionCookie: {
      name: "praxis_session",
      expires: true,
      attributes: { secure: isSecureCookie(), sameSite: "lax", path: "/" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: { email: string; displayName: string };
    DatabaseSessionAttributes: { createdAt?: number; userAgent: string | null; ipAddress: string | null };
  }
}

type LuciaInstance = ReturnType<typeof createLucia>;
declare global {
  var __praxisLucia: { lucia: LuciaInstance; db: unknown } | undefined;
}

/** One Lucia per database handle (tests swap databases between workers). */
export function getLucia(): LuciaInstance {
  const current = db();
  if (!globalThis.__praxisLucia || globalThis.__praxisLucia.db !== current) {
    globalThis.__praxisLucia = { lucia: createLucia(), db: current };
  }
  return globalThis.__praxisLucia.lucia;
}

export type AuthUser = User;
export type AuthSession = Session;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** A real hash to verify against when the account does not exist, so timing reveals nothing. */
function getDummyHash(): Promise<string> {
  dummyHash ??= hash("praxis-timing-equaliser", ARGON2_OPTIONS);
  return dummyHash;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getSessionFromRequest(
  request: Request,
): Promise<{ user: AuthUser; session: AuthSession } | null> {
  const lucia = getLucia();
  const sessionId = lucia.readSessionCookie(request.headers.get("cookie") ?? "");
  if (!sessionId) return null;
  return memoForRequest(`session:${sessionId}`, async () => {
    const { user, session } = await lucia.validateSession(sessionId);
    if (!user || !session) return null;
    return { user, session };
  });
}

export async function getUser(request: Request): Promise<AuthUser | null> {
  return (await getSessionFromRequest(request))?.user ?? null;
}

/** Redirects to /login (remembering where the person was going) when nobody is signed in. */
export async function requireUser(
  request: Request,
): Promise<{ user: AuthUser; session: AuthSession }> {
  const auth = await getSessionFromRequest(request);
  if (auth) return auth;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

/** Redirects signed-in people away from /login and /signup. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/w");
}

export async function createUserSession(userId: string, request: Request): Promise<string> {
  const lucia = getLucia();
  const session = await lucia.createSession(userId, {
    createdAt: Date.now(),
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    ipAddress: getClientIp(request),
  });
  return lucia.createSessionCookie(session.id).serialize();
}

export function blankSessionCookie(): string {
  return getLucia().createBlankSessionCookie().serialize();
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await getLucia().invalidateSession(sessionId);
}

export async function invalidateOtherSessions(userId: string, keepSessionId: string): Promise<void> {
  const all = await getLucia().getUserSessions(userId);
  await Promise.all(
    all.filter((s) => s.id !== keepSessionId).map((s) => getLucia().invalidateSession(s.id)),
  );
}

export type SignInResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

async function failuresSince(column: "email" | "ip", value: string, since: number) {
  const where =
    column === "email"
      ? and(eq(loginAttempts.email, value), eq(loginAttempts.succeeded, false), gte(loginAttempts.createdAt, since))
      : and(
          eq(loginAttempts.ipAddress, value),
          eq(loginAttempts.succeeded, false),
          gte(loginAttempts.createdAt, since),
        );
  const [row] = await db()
    .select({ n: count(), oldest: min(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(where);
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

/**
 * Verifies credentials with throttling per account and per address (10 failures in 15 minutes),
 * records the attempt and audits it. Unknown accounts cost one argon2 verification like wrong
 * passwords do.
 */
export async function signIn(request: Request, emailInput: string, password: string): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const ip = getClientIp(request);
  const now = Date.now();
  const since = now - THROTTLE_WINDOW_MS;
  const [byEmail, byIp] = await Promise.all([failuresSince("email", email, since), failuresSince("ip", ip, since)]);
  const blocking = [byEmail, byIp].filter((f) => f.n >= THROTTLE_MAX_FAILURES && f.oldest !== null);
  if (blocking.length > 0) {
    const release = Math.max(...blocking.map((f) => (f.oldest as number) + THROTTLE_WINDOW_MS));
    await recordAudit({ kind: "auth.sign_in_throttled", detail: { email }, ipAddress: ip });
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((release - now) / 1000)) };
  }

  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await getDummyHash(), password), false);

  await db().insert(loginAttempts).values({ email, ipAddress: ip, succeeded: valid });
  if (!user || !valid) {
    await recordAudit({
      kind: "auth.sign_in_failed",
      actorUserId: user?.id ?? null,
      detail: { email },
      ipAddress: ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await recordAudit({ kind: "auth.sign_in", actorUserId: user.id, ipAddress: ip });
  return { ok: true, userId: user.id, cookie: await createUserSession(user.id, request) };
}
