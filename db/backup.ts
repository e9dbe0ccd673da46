import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { createClient } from "@libsql/client";

import { closeDb, getDatabaseUrl, getDb, openClient } from "./client";

/*
 * `npm run backup`: a consistent copy of the embedded database, safe while the server runs.
 * `VACUUM INTO` reads the database in one read transaction (WAL lets writers carry on), so the
 * copy holds exactly the transactions committed before it began — every update a client was
 * told is saved by then included — and is compacted, without a WAL of its own.
 */

export const BACKUP_PREFIX = "praxis-";
const BACKUP_NAME = /^praxis-\d{8}T\d{6}\d{3}Z\.db$/;

export type BackupOptions = { url?: string; dir?: string; keep?: number; now?: Date };

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(".", "");
}

/** Writes a dated backup under `dir` (default data/backups), checks it, and keeps the newest `keep` (default 14). */
export async function backupDatabase(options: BackupOptions = {}): Promise<{ file: string; removed: string[] }> {
  const url = options.url ?? getDatabaseUrl();
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL is a remote libSQL database (${url}); back it up with the server's own tools (see README, "Backups").`);
  }
  const dir = resolve(options.dir ?? process.env.BACKUP_DIR ?? "data/backups");
  const keep = options.keep ?? Number(process.env.BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`BACKUP_KEEP must be a whole number of at least 1 (got ${String(keep)})`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${BACKUP_PREFIX}${stamp(options.now ?? new Date())}.db`);
  // Written under a temporary name and renamed when complete: a half-written file never looks like a backup.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const source = url === getDatabaseUrl() ? getDb().client : openClient(url);
  try {
    await source.execute({ sql: "VACUUM INTO ?", args: [partial] });
  } finally {
    if (source !== getDb().client) source.close();
  }
  const check = createClient({ url: `file:${partial}` });
  try {
    const result = await check.execute("PRAGMA integrity_check");
    const verdict = String(result.rows[0]?.[0] ?? "");
    if (verdict !== "ok") throw new Error(`The backup failed its integrity check: ${verdict}`);
  } finally {
    check.close();
  }
  renameSync(partial, file);
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => join(dir, name));
  for (const old of removed) rmSync(old, { force: true });
  return { file, removed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { file, removed } = await backupDatabase();
    console.log(`Backup written: ${file}`);
    if (removed.length > 0) console.log(`Older backups removed (keeping the newest ${process.env.BACKUP_KEEP ?? 14}): ${removed.length}`);
    console.log(`Restore with: npm run restore -- ${file}  (into an empty data directory; see README)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    closeDb();
  }
}
