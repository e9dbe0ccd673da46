import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";

import { configureConnection, describeDatabaseUrl, getDatabaseUrl, getDb } from "./client";

const here = dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_FOLDER = resolve(here, "migrations");

/**
 * Objects drizzle-kit cannot express (triggers, FTS5 tables). Every statement is idempotent
 * and runs after the migrations on every start.
 */
export const POST_MIGRATION_SQL: string[] = [
  `CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
  `CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
  // Full-text search over workspace material. `kind` + `object_id` name the row's source (a log
  // today; inquiries and meeting notes may join); the permission filter joins back to the source
  // table inside each query, so the index itself never decides who may read what.
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
     kind UNINDEXED, object_id UNINDEXED, workspace_id UNINDEXED, title, body,
     tokenize = 'porter unicode61 remove_diacritics 2'
   )`,
];

export function ensureDataDirectory(url: string): void {
  if (!url.startsWith("file:")) return;
  const path = url.slice("file:".length);
  if (path === ":memory:" || path === "") return;
  mkdirSync(dirname(resolve(path)), { recursive: true });
}

export async function runPostMigrationSql(client: Client): Promise<void> {
  for (const statement of POST_MIGRATION_SQL) await client.execute(statement);
}

/** Migrates the database at DATABASE_URL (creating its folder for a file URL). */
export async function migrateDatabase(): Promise<void> {
  const url = getDatabaseUrl();
  ensureDataDirectory(url);
  const { client, db } = getDb();
  await configureConnection(client, url);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await runPostMigrationSql(client);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await migrateDatabase();
  console.log(`Migrated ${describeDatabaseUrl(getDatabaseUrl())}`);
}
