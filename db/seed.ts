import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { getDatabaseUrl, getDb } from "./client";
import { migrateDatabase } from "./migrate";
import { seedCases } from "./seeds/cases";
import { seedFoundation, type FoundationSeed } from "./seeds/foundation";
import { seedLearning } from "./seeds/learning";
import { seedLogs } from "./seeds/logs";

/**
 * The demo workspace, built from the public documents summarised in shared/data/README.md.
 * Each domain adds its part as a function taking the foundation seed.
 */
export async function seedDemo(): Promise<FoundationSeed> {
  const { db } = getDb();
  const foundation = await seedFoundation(db);
  await seedLearning(db, foundation);
  // Logs last: a `set` log is written when the learning seed has made a set.
  await seedLogs(db, foundation);
  await seedCases(db, foundation);
  return foundation;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await migrateDatabase();
  await seedDemo();
  console.log(`Seeded the demo workspace into ${getDatabaseUrl()}`);
}
