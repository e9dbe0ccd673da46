import { copyFileSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";

import { configureConnection, getDatabaseUrl, openClient } from "./client";
import { ensureDataDirectory, MIGRATIONS_FOLDER, runPostMigrationSql } from "./migrate";

/*
 * `npm run restore -- FILE`: puts a backup in place of an embedded database that does not exist
 * yet (an empty data directory), after checking it: SQLite's integrity check, and every
 * migration it records must be one this code has (same hash) — a backup from a newer version of
 * Praxis is refused rather than opened by code that does not know its schema. The restored file is
 * then migrated forward to this code's schema.
 */

export class RestoreRefused extends Error {}

export type RestoreResult = { target: string; migrationsInBackup: number; migrationsApplied: number };

export async function checkBackup(file: string): Promise<{ migrations: number }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreRefused(`No backup file at ${file}`);
  const client = createClient({ url: `file:${resolve(file)}` });
  try {
    let verdict: string;
    try {
      const result = await client.execute("PRAGMA integrity_check");
      verdict = String(result.rows[0]?.[0] ?? "");
    } catch (error) {
      throw new RestoreRefused(`${file} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`);
    }
    if (verdict !== "ok") throw new RestoreRefused(`${file} failed its integrity check: ${verdict}`);
    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'");
    if (tables.rows.length === 0) throw new RestoreRefused(`${file} is not a Praxis database (it has no migration history)`);
    const applied = await client.execute("SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at");
    const known = new Map(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => [m.folderMillis, m.hash]));
    for (const row of applied.rows) {
      const hash = known.get(Number(row.created_at));
      if (hash !== String(row.hash)) {
        throw new RestoreRefused(`${file} was made by a different or newer version of Praxis: its migration of ${new Date(Number(row.created_at)).toISOString()} is not one this code has. Restore it with the version that made it.`);
      }
    }
    return { migrations: applied.rows.length };
  } finally {
    client.close();
  }
}

export async function restoreDatabase(file: string, url = getDatabaseUrl()): Promise<RestoreResult> {
  if (!url.startsWith("file:")) throw new RestoreRefused(`DATABASE_URL is a remote libSQL database (${url}); restore it with the server's own tools (see README, "Backups").`);
  const target = resolve(url.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(`${target}${suffix}`)) {
      throw new RestoreRefused(`${target}${suffix} already exists. Restore only into an empty data directory: stop the server and move the current database aside first.`);
    }
  }
  const { migrations } = await checkBackup(file);
  ensureDataDirectory(url);
  const partial = `${target}.restoring`;
  rmSync(partial, { force: true });
  copyFileSync(resolve(file), partial);
  renameSync(partial, target);
  // Its own client, not the process-wide one: restoring must not disturb whatever else this process has open.
  const client = openClient(url);
  try {
    await configureConnection(client, url);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await runPostMigrationSql(client);
    const count = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    return { target, migrationsInBackup: migrations, migrationsApplied: Number(count.rows[0]?.n ?? 0) - migrations };
  } finally {
    client.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npm run restore -- FILE   (a backup written by npm run backup)");
    process.exit(2);
  }
  try {
    const result = await restoreDatabase(file);
    console.log(`Restored ${file} to ${result.target} (${result.migrationsInBackup} migrations in the backup, ${result.migrationsApplied} applied since).`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
