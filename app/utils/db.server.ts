import { getDb, type Database } from "../../db/client";

export type { Database };

/** The process-wide drizzle database (one libSQL client per process; see db/client.ts). */
export function db(): Database {
  return getDb().db;
}

/** A drizzle transaction or the database itself: models accept either so callers can compose. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

/**
 * A query built and compiled to SQL once per database handle (tests swap handles between workers)
 * and run with `sql.placeholder` values: drizzle otherwise rebuilds the SQL text on every call,
 * which on a signed-in page cost as much as running the queries (ADR 008).
 */
export function preparedOnce<T>(build: (database: Database) => T): () => T {
  const byHandle = new WeakMap<Database, T>();
  return () => {
    const database = db();
    let query = byHandle.get(database);
    if (!query) {
      query = build(database);
      byHandle.set(database, query);
    }
    return query;
  };
}
