import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";

export type Database = LibSQLDatabase;

type DbHandle = { client: Client; db: Database; url: string };

declare global {
  var __praxisDb: DbHandle | undefined;
}

/** `file:data/praxis.db` unless DATABASE_URL says otherwise (a remote libSQL URL works too). */
export function getDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:data/praxis.db";
}

function open(url: string): DbHandle {
  // timeout: the busy wait for every pooled connection, so concurrent writers queue instead of failing.
  const client = createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN || undefined, timeout: 5000 });
  return { client, db: drizzle(client), url };
}

/**
 * One libSQL client per process, shared by the Remix build and the collaboration server,
 * which load this module separately (hence globalThis, not a module variable).
 */
export function getDb(): DbHandle {
  const url = getDatabaseUrl();
  if (!globalThis.__praxisDb || globalThis.__praxisDb.url !== url) {
    globalThis.__praxisDb?.client.close();
    globalThis.__praxisDb = open(url);
  }
  return globalThis.__praxisDb;
}

/** Pragmas every connection needs: WAL for concurrent readers, FK enforcement, busy wait. */
export async function configureConnection(client: Client, url = getDatabaseUrl()): Promise<void> {
  if (!url.startsWith("file:")) return;
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = NORMAL");
  await client.execute("PRAGMA busy_timeout = 5000");
  await client.execute("PRAGMA foreign_keys = ON");
}

export function closeDb(): void {
  globalThis.__praxisDb?.client.close();
  globalThis.__praxisDb = undefined;
}
