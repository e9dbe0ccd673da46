import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";

import { configureConnection, describeDatabaseUrl, getDatabaseUrl, getDb } from "./client";

const here = dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_FOLDER = resolve(here, "migrations");

/*
 * spend_totals (db/schema/spend.ts) kept by triggers: a line's key, and what it adds to its group.
 * An update that changes none of these columns (notes, updated_at) fires nothing.
 */
const SPEND_KEY_OF = (row: "NEW" | "OLD") =>
  `${row}.workspace_id, ${row}.financial_year, coalesce(${row}.agency_id, ''), ${row}.category, coalesce(${row}.locality_id, ''), ${row}.approach`;
const SPEND_KEY_MATCHES = (row: "NEW" | "OLD") =>
  `workspace_id = ${row}.workspace_id AND financial_year = ${row}.financial_year AND agency_key = coalesce(${row}.agency_id, '')
     AND category = ${row}.category AND locality_key = coalesce(${row}.locality_id, '') AND approach = ${row}.approach`;
const SPEND_TOTALS_COLUMNS =
  "workspace_id, financial_year, agency_key, category, locality_key, approach, lines, pence, share_whole, share_remainder";
// Integer division and remainder, as the place count combines them (ADR 013).
const SPEND_WHOLE = (row: "NEW" | "OLD") => `(${row}.amount_pence / 10000) * ${row}.vulnerable_share_bp`;
const SPEND_REMAINDER = (row: "NEW" | "OLD") => `(${row}.amount_pence % 10000) * ${row}.vulnerable_share_bp`;
const SPEND_TOTALS_ADD_NEW = `INSERT INTO spend_totals (${SPEND_TOTALS_COLUMNS})
     VALUES (${SPEND_KEY_OF("NEW")}, 1, NEW.amount_pence, ${SPEND_WHOLE("NEW")}, ${SPEND_REMAINDER("NEW")})
     ON CONFLICT (workspace_id, financial_year, agency_key, category, locality_key, approach) DO UPDATE SET
       lines = lines + 1, pence = pence + excluded.pence,
       share_whole = share_whole + excluded.share_whole, share_remainder = share_remainder + excluded.share_remainder;`;
// When a workspace is deleted its totals may already be gone (cascade): an UPDATE then matches nothing.
const SPEND_TOTALS_TAKE_OLD = `UPDATE spend_totals SET lines = lines - 1, pence = pence - OLD.amount_pence,
       share_whole = share_whole - ${SPEND_WHOLE("OLD")}, share_remainder = share_remainder - ${SPEND_REMAINDER("OLD")}
     WHERE ${SPEND_KEY_MATCHES("OLD")};
   DELETE FROM spend_totals WHERE ${SPEND_KEY_MATCHES("OLD")} AND lines = 0;`;
const SPEND_TOTALS_TRIGGER = "spend_totals_line_inserted";

/**
 * Objects drizzle-kit cannot express (triggers, FTS5 tables). Every statement is idempotent
 * and runs after the migrations on every start, all in one transaction.
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
  // The place count's totals: filled from the lines once, in the transaction that first creates
  // their triggers (a database from before spend_totals, or a restored backup of one).
  `DELETE FROM spend_totals WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = '${SPEND_TOTALS_TRIGGER}')`,
  `INSERT INTO spend_totals (${SPEND_TOTALS_COLUMNS})
     SELECT workspace_id, financial_year, coalesce(agency_id, ''), category, coalesce(locality_id, ''), approach,
       count(*), sum(amount_pence), sum((amount_pence / 10000) * vulnerable_share_bp), sum((amount_pence % 10000) * vulnerable_share_bp)
     FROM spend_lines
     WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = '${SPEND_TOTALS_TRIGGER}')
     GROUP BY 1, 2, 3, 4, 5, 6`,
  `CREATE TRIGGER IF NOT EXISTS ${SPEND_TOTALS_TRIGGER} AFTER INSERT ON spend_lines BEGIN
     ${SPEND_TOTALS_ADD_NEW}
   END`,
  `CREATE TRIGGER IF NOT EXISTS spend_totals_line_deleted AFTER DELETE ON spend_lines BEGIN
     ${SPEND_TOTALS_TAKE_OLD}
   END`,
  `CREATE TRIGGER IF NOT EXISTS spend_totals_line_updated
     AFTER UPDATE OF workspace_id, financial_year, agency_id, category, locality_id, approach, amount_pence, vulnerable_share_bp
     ON spend_lines BEGIN
     ${SPEND_TOTALS_TAKE_OLD}
     ${SPEND_TOTALS_ADD_NEW}
   END`,
];

export function ensureDataDirectory(url: string): void {
  if (!url.startsWith("file:")) return;
  const path = url.slice("file:".length);
  if (path === ":memory:" || path === "") return;
  mkdirSync(dirname(resolve(path)), { recursive: true });
}

export async function runPostMigrationSql(client: Client): Promise<void> {
  // One transaction: several processes may start at once, and the totals' backfill must not
  // happen without its triggers (or twice).
  await client.batch(POST_MIGRATION_SQL, "write");
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
