import { describe, expect, it } from "vitest";

import { assertConnectionSettings, CONNECTION_SETTINGS, describeDatabaseUrl, getDatabaseUrl, getDb, openClient, readConnectionSettings } from "../../../db/client";

const EXPECTED = { ...CONNECTION_SETTINGS };

describe("every database connection runs with the configured settings", () => {
  it("a statement issued while a transaction is open (a new pooled connection) sees synchronous and busy_timeout as configured", async () => {
    const { client } = getDb();
    const tx = await client.transaction("write");
    try {
      await tx.execute("CREATE TEMP TABLE held_open (a)");
      // The transaction holds its connection, so this statement is served by another one.
      expect(await readConnectionSettings(client)).toEqual(EXPECTED);
      expect(await readConnectionSettings(tx)).toEqual(EXPECTED);
    } finally {
      await tx.rollback();
    }
  });

  it("with two transactions open at once a third connection still has the same settings", async () => {
    const { client } = getDb();
    const first = await client.transaction("read");
    const second = await client.transaction("read");
    try {
      expect(await readConnectionSettings(first)).toEqual(EXPECTED);
      expect(await readConnectionSettings(second)).toEqual(EXPECTED);
      expect(await readConnectionSettings(client)).toEqual(EXPECTED);
    } finally {
      await first.rollback();
      await second.rollback();
    }
  });

  it("a connection the settings do not hold for is refused at start-up with what differs", async () => {
    const client = openClient(getDatabaseUrl());
    try {
      const tx = await client.transaction("read");
      await tx.rollback();
      await client.execute("PRAGMA synchronous = NORMAL");
      await expect(assertConnectionSettings(client)).rejects.toThrow("synchronous=1 (expected 2)");
    } finally {
      client.close();
    }
  });

  it("a remote database URL is described by its host only, never its token", () => {
    expect(describeDatabaseUrl("libsql://praxis-council.turso.io?authToken=secret-token")).toBe("libsql://praxis-council.turso.io");
    expect(describeDatabaseUrl("https://user:password@db.example.org:8080/path")).toBe("https://db.example.org:8080");
    expect(describeDatabaseUrl("file:data/praxis.db")).toBe("file:data/praxis.db");
  });
});
