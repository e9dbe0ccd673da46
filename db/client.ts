import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";

import { localFilePath, StatementCachingClient } from "./statement-cache";

export type Database = LibSQLDatabase;

type DbHandle = { client: Client; db: Database; url: string };

declare global {
  var __praxisDb: DbHandle | undefined;
}

/**
 * What every connection runs with (ADR 007). `@libsql/client` keeps a pool and opens a new
 * connection whenever the others are busy — always for a statement issued while a transaction
 * is open — and offers no hook to configure one, so each setting comes from where every
 * connection gets it: the busy wait from the client's own `timeout` option, `synchronous` and
 * `foreign_keys` from the library's per-connection defaults, WAL from the file itself.
 * `configureConnection` checks them at start-up, so a build with other defaults fails loudly.
 */
export const CONNECTION_SETTINGS = {
  /** Concurrent writers queue this long instead of failing with SQLITE_BUSY. */
  busyTimeoutMs: 5000,
  /** FULL (2): a commit survives a power cut, not only a killed process. */
  synchronous: 2,
  foreignKeys: 1,
  journalMode: "wal",
} as const;

/** `file:data/praxis.db` unless DATABASE_URL says otherwise (a remote libSQL URL works too). */
export function getDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:data/praxis.db";
}

/** The database's location for logs: a file path, or a remote URL's scheme and host only (never a token). */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "a database URL that could not be parsed";
  }
}

export function openClient(url: string): Client {
  return createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN || undefined, timeout: CONNECTION_SETTINGS.busyTimeoutMs });
}

function open(url: string): DbHandle {
  // The process's client compiles each SELECT once (db/statement-cache.ts, ADR 008).
  const path = process.env.PRAXIS_STATEMENT_CACHE === "off" ? null : localFilePath(url);
  const client = path ? new StatementCachingClient(openClient(url), path, CONNECTION_SETTINGS.busyTimeoutMs) : openClient(url);
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

type Executor = Pick<Client, "execute">;

/** The settings one connection (a client's, or a transaction's) actually runs with. */
export async function readConnectionSettings(connection: Executor) {
  const value = async (pragma: string) => Object.values((await connection.execute(`PRAGMA ${pragma}`)).rows[0] ?? {})[0];
  return {
    busyTimeoutMs: Number(await value("busy_timeout")),
    synchronous: Number(await value("synchronous")),
    foreignKeys: Number(await value("foreign_keys")),
    journalMode: String(await value("journal_mode")).toLowerCase(),
  };
}

/** Throws, naming each difference, if a connection does not run with CONNECTION_SETTINGS. */
export async function assertConnectionSettings(connection: Executor): Promise<void> {
  const actual = await readConnectionSettings(connection);
  const wrong = (Object.keys(CONNECTION_SETTINGS) as (keyof typeof CONNECTION_SETTINGS)[]).filter((key) => actual[key] !== CONNECTION_SETTINGS[key]);
  if (wrong.length > 0) {
    throw new Error(`The database connection runs with ${wrong.map((key) => `${key}=${actual[key]} (expected ${CONNECTION_SETTINGS[key]})`).join(", ")}`);
  }
}

/**
 * Start-up for a local file: WAL is a property of the file (set once, kept by every later
 * connection); the per-connection settings are checked rather than set, because setting them
 * here would reach only the one connection this statement happens to use.
 */
export async function configureConnection(client: Client, url = getDatabaseUrl()): Promise<void> {
  if (!url.startsWith("file:")) return;
  await client.execute("PRAGMA journal_mode = WAL");
  await assertConnectionSettings(client);
}

export function closeDb(): void {
  globalThis.__praxisDb?.client.close();
  globalThis.__praxisDb = undefined;
}
