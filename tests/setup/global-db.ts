import { mkdirSync, rmSync } from "node:fs";

import { TEMPLATE_DB, TMP_DIR } from "./paths";

/** Migrates the template database once per run; workers copy it instead of migrating again. */
export default async function setup() {
  mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${TEMPLATE_DB}${suffix}`, { force: true });
  process.env.DATABASE_URL = `file:${TEMPLATE_DB}`;
  // Leaving WAL mode below needs the file to itself: no read connection of the statement cache.
  process.env.PRAXIS_STATEMENT_CACHE = "off";
  const { migrateDatabase } = await import("../../db/migrate");
  const { closeDb, getDb } = await import("../../db/client");
  await migrateDatabase();
  // Fold the WAL into the main file so a plain copy is complete.
  await getDb().client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await getDb().client.execute("PRAGMA journal_mode = DELETE");
  closeDb();
  delete process.env.PRAXIS_STATEMENT_CACHE;
}
