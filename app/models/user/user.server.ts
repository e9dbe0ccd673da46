import { eq } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { hashPassword, normaliseEmail } from "../../utils/auth.server";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";

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
