import { LibsqlError } from "@libsql/client";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { db } from "../../../app/utils/db.server";
import { CONNECTION_SETTINGS, getDatabaseUrl, getDb, openClient } from "../../../db/client";
import { users } from "../../../db/schema/core";
import { localFilePath, StatementCachingClient } from "../../../db/statement-cache";
import { makeUser } from "../../helpers/factories";

/*
 * The process's client compiles each SELECT once and runs it on a connection of its own
 * (db/statement-cache.ts, ADR 008). What a reader must be able to rely on: it sees every write the
 * moment it is committed, it gets the rows and errors the plain client gives, and nothing but
 * SELECTs is routed to it.
 */
function cachingClient(): StatementCachingClient {
  const { client } = getDb();
  if (!(client instanceof StatementCachingClient)) throw new Error("The process's client is expected to cache statements");
  return client;
}

describe("SELECTs compiled once", () => {
  it("a cached read sees a row the moment another connection commits it, and a change to it", async () => {
    const client = cachingClient();
    const read = () => client.execute({ sql: "select display_name from users where email = ?", args: ["cache-reader@example.test"] });
    expect((await read()).rows).toHaveLength(0);

    const user = await makeUser({ email: "cache-reader@example.test", displayName: "Before" });
    expect((await read()).rows.map((r) => r.display_name)).toEqual(["Before"]);

    const tx = await client.transaction("write");
    await tx.execute({ sql: "update users set display_name = 'After' where id = ?", args: [user.id] });
    // Not committed yet: a reader outside the transaction still sees the committed value.
    expect((await read()).rows.map((r) => r.display_name)).toEqual(["Before"]);
    await tx.commit();
    expect((await read()).rows.map((r) => r.display_name)).toEqual(["After"]);
    // The same statement each time, not a new one per call.
    const cached = client.cachedStatements;
    await read();
    expect(client.cachedStatements).toBe(cached);

    await db().delete(users).where(eq(users.id, user.id));
    expect((await read()).rows).toHaveLength(0);
  });

  it("rows have the plain client's shape: values by index and by column name, numbers as numbers, blobs as ArrayBuffers", async () => {
    const plain = openClient(getDatabaseUrl());
    try {
      const stmt = { sql: "select 1 as n, 'a' as s, null as z, x'00ff' as b, 9007199254740991 as big, ? as flag, ? as at", args: [true, new Date(86_400_000)] };
      const [mine, theirs] = [await cachingClient().execute(stmt), await plain.execute(stmt)];
      expect(mine.columns).toEqual(theirs.columns);
      expect(mine.columnTypes).toEqual(theirs.columnTypes);
      expect(mine.rows.map((r) => Array.from(r))).toEqual(theirs.rows.map((r) => Array.from(r)));
      expect(mine.rows.map((r) => ({ ...r }))).toEqual(theirs.rows.map((r) => ({ ...r })));
      expect(mine.rows[0].b).toBeInstanceOf(ArrayBuffer);
      expect(mine.rows[0].flag).toBe(1);
      expect(mine.rows[0].at).toBe(86_400_000);
      expect(mine.toJSON()).toEqual(theirs.toJSON());
    } finally {
      plain.close();
    }
  });

  it("a failing SELECT gives the client's own error and is not kept", async () => {
    const client = cachingClient();
    const before = client.cachedStatements;
    const error = await client.execute("select no_such_column from users").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe("SQLITE_ERROR");
    expect((error as LibsqlError).message).toMatch(/no such column/);
    expect(client.cachedStatements).toBe(before);
    await expect(client.execute({ sql: "select ?", args: [undefined as unknown as null] })).rejects.toThrow(TypeError);
  });

  it("the read connection waits for a busy writer as long as the others do", async () => {
    const { rows } = await cachingClient().execute("select * from pragma_busy_timeout");
    expect(Number(Object.values(rows[0])[0])).toBe(CONNECTION_SETTINGS.busyTimeoutMs);
  });

  it("a schema change empties the cache, so a statement never answers with the columns of before", async () => {
    const client = cachingClient();
    await client.execute("create table cache_shape (a integer)");
    await client.execute("insert into cache_shape values (1)");
    expect((await client.execute("select * from cache_shape")).columns).toEqual(["a"]);
    expect(client.cachedStatements).toBeGreaterThan(0);
    await client.execute("alter table cache_shape add column b text default 'x'");
    expect(client.cachedStatements).toBe(0);
    const after = await client.execute("select * from cache_shape");
    expect(after.columns).toEqual(["a", "b"]);
    expect({ ...after.rows[0] }).toEqual({ a: 1, b: "x" });
    await client.execute("drop table cache_shape");
  });

  it("only local files get a second connection", () => {
    expect(localFilePath("file:data/praxis.db")).toBe("data/praxis.db");
    expect(localFilePath("file:///srv/praxis/db.sqlite")).toBe("/srv/praxis/db.sqlite");
    expect(localFilePath("file://localhost/srv/praxis.db")).toBe("/srv/praxis.db");
    expect(localFilePath("file::memory:")).toBeNull();
    expect(localFilePath("file:data/praxis.db?mode=ro")).toBeNull();
    expect(localFilePath("libsql://praxis.turso.io")).toBeNull();
  });
});
