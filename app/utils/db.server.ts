import { getDb, type Database } from "../../db/client";

export type { Database };

/** The process-wide drizzle database (one libSQL client per process; see db/client.ts). */
export function db(): Database {
  return getDb().db;
}

/** A drizzle transaction or the database itself: models accept either so callers can compose. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;
