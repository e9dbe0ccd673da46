import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { getDatabaseUrl, getDb } from "./client";
import { migrateDatabase } from "./migrate";
import { seedCases } from "./seeds/cases";
import { seedComments } from "./seeds/comments";
import { seedFoundation, type FoundationSeed } from "./seeds/foundation";
import { seedIndicators } from "./seeds/indicators";
import { seedInsights } from "./seeds/insights";
import { seedLearning } from "./seeds/learning";
import { seedLogs } from "./seeds/logs";
import { seedOps } from "./seeds/ops";
import { seedSpend } from "./seeds/spend";
import { seedUnitCosts } from "./seeds/unit-costs";

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
  await seedUnitCosts(db, foundation);
  await seedCases(db, foundation);
  await seedSpend(db, foundation);
  await seedIndicators(db, foundation);
  await seedInsights(db, foundation);
  await seedComments(db, foundation);
  await seedOps(db, foundation);
  return foundation;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await migrateDatabase();
  await seedDemo();
  console.log(`Seeded the demo workspace into ${getDatabaseUrl()}`);
}
