import { and, count, eq, ne } from "drizzle-orm";

import { sessions, users } from "../../../db/schema/core";
import {
  hashPassword,
  invalidateOtherSessions,
  normaliseEmail,
  THROTTLE_MAX_FAILURES,
  THROTTLE_WINDOW_MS,
  verifyPassword,
} from "../../utils/auth.server";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { countRecentAuditEvents, recordAudit } from "../audit/audit.server";

export async function findUserByEmail(email: string) {
  const [user] = await db()
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return user ?? null;
}

export async function getUserById(id: string) {
  const [user] = await db()
    .select({ id: users.id, email: users.email, displayName: users.displayName, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return user ?? null;
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email address already exists");
  }
}

/** Creates an account; the password is hashed here (argon2id) and never stored or logged. */
export async function createUser(
  input: { email: string; displayName: string; password: string },
  tx: Tx = db(),
): Promise<{ id: string; email: string; displayName: string }> {
  const email = normaliseEmail(input.email);
  const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing.length > 0) throw new EmailTakenError();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await tx.insert(users).values({ id, email, displayName: input.displayName.trim(), passwordHash });
  return { id, email, displayName: input.displayName.trim() };
}

export async function setPassword(userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().update(users).set({ passwordHash, updatedAt: Date.now() }).where(eq(users.id, userId));
}

export type AccountActor = { userId: string; sessionId: string; ipAddress?: string };

export async function changeDisplayName(actor: AccountActor, displayName: string): Promise<void> {
  const name = displayName.trim();
  await db().transaction(async (tx) => {
    const [before] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, actor.userId));
    if (!before || before.displayName === name) return;
    await tx.update(users).set({ displayName: name, updatedAt: Date.now() }).where(eq(users.id, actor.userId));
    await recordAudit(
      {
        kind: "account.display_name_changed",
        actorUserId: actor.userId,
        targetType: "user",
        targetId: actor.userId,
        detail: { from: before.displayName, to: name },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
}

export type ChangePasswordResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: "wrong-password" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Changes the password after checking the current one, then ends every session of the account
 * except the one making the change: whoever may have learnt the old password is signed out.
 */
export async function changePassword(
  actor: AccountActor,
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  // Whoever holds a stolen session must not get unlimited guesses at the password either.
  const now = Date.now();
  const recent = await countRecentAuditEvents({
    kind: "auth.password_change_failed",
    actorUserId: actor.userId,
    since: now - THROTTLE_WINDOW_MS,
  });
  if (recent.n >= THROTTLE_MAX_FAILURES && recent.oldest !== null) {
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((recent.oldest + THROTTLE_WINDOW_MS - now) / 1000)) };
  }
  const user = await getUserById(actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit({
      kind: "auth.password_change_failed",
      actorUserId: actor.userId,
      targetType: "user",
      targetId: actor.userId,
      ipAddress: actor.ipAddress,
    });
    return { ok: false, reason: "wrong-password" };
  }
  await setPassword(actor.userId, input.newPassword);
  const [others] = await db()
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId)));
  await invalidateOtherSessions(actor.userId, actor.sessionId);
  const endedSessions = others?.n ?? 0;
  await recordAudit({
    kind: "auth.password_changed",
    actorUserId: actor.userId,
    targetType: "user",
    targetId: actor.userId,
    detail: { endedSessions },
    ipAddress: actor.ipAddress,
  });
  return { ok: true, endedSessions };
}
