/*
 * Run as a child process by startApp (tests/e2e/helpers/app.ts): migrates the database named by
 * DATABASE_URL and, with the argument "demo", seeds the demo workspace. A separate process keeps
 * the test runner's own database handle (a per-process singleton) out of the way.
 */
import { closeDb } from "../../../db/client";
import { migrateDatabase } from "../../../db/migrate";
import { seedDemo } from "../../../db/seed";

await migrateDatabase();
if (process.argv[2] === "demo") await seedDemo();
closeDb();
