import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

import { afterAll } from "vitest";

import { TEMPLATE_DB, TMP_DIR } from "./paths";

/*
 * Each test file (in its worker) gets its own copy of the migrated template — a real libSQL file,
 * never a mock. Tests still make their own data and never rely on another test's rows.
 */
mkdirSync(TMP_DIR, { recursive: true });
const file = resolve(TMP_DIR, `worker-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`);
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

const { configureConnection, getDb, closeDb } = await import("../../db/client");
await configureConnection(getDb().client);

afterAll(() => {
  closeDb();
});
