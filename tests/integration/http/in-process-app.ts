import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { ServerBuild } from "@remix-run/node";

import type { RunningServer } from "../../../server";
import { APP_BUILD_DIR, TEMPLATE_DB, TMP_DIR } from "../../setup/paths";

/**
 * The real server (server.ts: Express, helmet, the Origin check, Remix, /collab) started inside the
 * test process on port 0 with the production build snapshot and its own copy of the migrated
 * template database. In-process, so a test can look at what was stored. Runs in the e2e project,
 * whose global setup makes the build.
 */
export async function startInProcessApp(): Promise<RunningServer & { databaseUrl: string }> {
  const file = resolve(TMP_DIR, `http-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`);
  copyFileSync(TEMPLATE_DB, file);
  const databaseUrl = `file:${file}`;
  process.env.DATABASE_URL = databaseUrl;
  process.env.NODE_ENV = "production";
  const { configureConnection, getDb } = await import("../../../db/client");
  await configureConnection(getDb().client);
  const { startServer } = await import("../../../server");
  const build = (await import(pathToFileURL(resolve(APP_BUILD_DIR, "build/index.js")).href)) as ServerBuild;
  const running = await startServer({ port: 0, host: "127.0.0.1", build });
  return { ...running, databaseUrl };
}
