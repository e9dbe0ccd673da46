import { rmSync } from "node:fs";
import { resolve } from "node:path";

import { closeDb, describeDatabaseUrl, getDatabaseUrl } from "./client";
import { migrateDatabase } from "./migrate";
import { seedDemo } from "./seed";

/*
 * `npm run demo`: a fresh demo database every time. Only an embedded file is reset; a remote
 * libSQL database is never wiped by this script.
 */
const url = getDatabaseUrl();
if (!url.startsWith("file:")) {
  console.error(`Refusing to reset a remote database (${describeDatabaseUrl(url)}). Unset DATABASE_URL to run the demo.`);
  process.exit(1);
}
const path = resolve(url.slice("file:".length));
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
await migrateDatabase();
await seedDemo();
closeDb();
console.log(`Demo workspace ready in ${path}`);
console.log("Sign in as owner@demo.test (or facilitator@, analyst@, member@, evaluator@demo.test) with password praxis-demo-2015");
