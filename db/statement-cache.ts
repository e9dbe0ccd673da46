import type { Client, InArgs, InStatement, ResultSet, Row, TransactionMode } from "@libsql/client";
import { ConnectionPool } from "@libsql/client/sqlite3";

/*
 * `@libsql/client` prepares every statement afresh: for a local file each `execute` compiles its
 * SQL (SQLite's parser and query planner) before it runs, and on a signed-in page that costs more
 * than running the queries (ADR 008: 2 ms of a page's 11). The same few dozen SELECTs run on
 * every request, so they are compiled once and kept: `execute` of a SELECT outside a transaction
 * runs a cached statement on a connection of its own; everything else (writes, PRAGMAs, batches,
 * transactions, migrations) goes to the wrapped client unchanged.
 *
 * Why reads on a second connection see what the first wrote: in WAL mode every statement not in
 * an explicit transaction reads the latest commit, and this connection never opens one (only
 * SELECTs run on it, each to completion). A statement that fails here is dropped from the cache
 * and run again by the wrapped client, so errors are exactly the client's own. A schema change
 * (DDL, a migration, a script) empties the cache, so no statement outlives the columns it named.
 *
 * The read connection stays open for the life of the process (a closed libsql connection lingers
 * until its statements are garbage-collected), so a script that needs the file to itself, such as
 * leaving WAL mode, sets PRAXIS_STATEMENT_CACHE=off (tests/setup/global-db.ts).
 */
const MAX_STATEMENTS = 256;
const SELECT = /^\s*select\b/i;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

type Connection = ReturnType<ConnectionPool["acquireSync"]>;
type Statement = ReturnType<Connection["prepare"]>;
type Cached = { statement: Statement; columns: string[] | null; columnTypes: string[] };
type SqlValue = string | number | bigint | Buffer | null;

/** The file a `file:` URL names, or null for anything a second connection could not share. */
export function localFilePath(url: string): string | null {
  if (!url.startsWith("file:") || url.includes("?") || url.includes(":memory:")) return null;
  const rest = url.slice("file:".length);
  if (rest.startsWith("//localhost/")) return rest.slice("//localhost".length);
  if (rest.startsWith("///")) return rest.slice(2);
  if (rest.startsWith("//")) return null;
  return decodeURIComponent(rest);
}

/** The client's own conversions (intMode "number"), so a cached read returns what `execute` would. */
function toSql(value: unknown): SqlValue {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("Only finite numbers can be passed as arguments");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value as SqlValue;
}

function fromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

/** As the client's `toJSON` writes a value: blobs in base64, big integers as text. */
function jsonValue(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  if (typeof value === "bigint") return String(value);
  return value;
}

/** Rows shaped as the client shapes them: values by index and, enumerable, by column name. */
function toRow(values: unknown[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i];
    if (!Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row;
}

function toArgs(args: InArgs | undefined): SqlValue[] | Record<string, SqlValue> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

export class StatementCachingClient implements Client {
  private readonly pool: ConnectionPool;
  private connection: Connection | null = null;
  private readonly statements = new Map<string, Cached>();

  constructor(
    private readonly inner: Client,
    path: string,
    busyTimeoutMs: number,
  ) {
    this.pool = new ConnectionPool(path, { timeout: busyTimeoutMs }, 1);
  }

  get closed(): boolean {
    return this.inner.closed;
  }

  get protocol(): string {
    return this.inner.protocol;
  }

  /** How many compiled statements are kept (for tests). */
  get cachedStatements(): number {
    return this.statements.size;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt: InStatement = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    if (SCHEMA_CHANGE.test(sql)) this.statements.clear();
    if (this.inner.closed || !SELECT.test(sql)) return this.inner.execute(stmt);
    try {
      return this.read(sql, typeof stmt === "string" ? undefined : stmt.args);
    } catch {
      this.statements.delete(sql);
      return this.inner.execute(stmt);
    }
  }

  private read(sql: string, args: InArgs | undefined): ResultSet {
    let cached = this.statements.get(sql);
    if (cached) {
      // Most recently used last, so the oldest is the first key when the cache is full.
      this.statements.delete(sql);
    } else {
      this.connection ??= this.pool.acquireSync();
      const statement = this.connection.prepare(sql);
      statement.safeIntegers(true);
      statement.raw(true);
      cached = { statement, columns: null, columnTypes: [] };
      if (this.statements.size >= MAX_STATEMENTS) this.statements.delete(this.statements.keys().next().value as string);
    }
    this.statements.set(sql, cached);
    const values = cached.statement.all(toArgs(args)) as unknown[][];
    // Described after running: a statement compiled before a schema change is recompiled by
    // SQLite when it runs, and only then names the columns it returns.
    if (!cached.columns || (values.length > 0 && values[0].length !== cached.columns.length)) {
      const described = cached.statement.columns() as Array<{ name: string; type: string | null }>;
      cached.columns = described.map((c) => c.name);
      cached.columnTypes = described.map((c) => c.type ?? "");
    }
    const { columns, columnTypes } = cached;
    const rows = values.map((row) => toRow(row, columns));
    return {
      columns,
      columnTypes,
      rows,
      rowsAffected: 0,
      lastInsertRowid: undefined,
      toJSON: () => ({ columns, columnTypes, rows: rows.map((r) => Array.from(r, jsonValue)), rowsAffected: 0, lastInsertRowid: null }),
    };
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.inner.batch(stmts, mode);
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.statements.clear();
    return this.inner.migrate(stmts);
  }

  transaction(mode?: TransactionMode) {
    return this.inner.transaction(mode);
  }

  executeMultiple(sql: string): Promise<void> {
    this.statements.clear();
    return this.inner.executeMultiple(sql);
  }

  sync() {
    return this.inner.sync();
  }

  close(): void {
    this.statements.clear();
    this.connection = null;
    this.pool.close();
    this.inner.close();
  }

  reconnect(): void {
    this.statements.clear();
    this.connection = null;
    this.pool.reopen();
    void this.inner.reconnect();
  }
}
