import { spawn, execFile, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

import { APP_BUILD_DIR, ROOT, TMP_DIR } from "../../setup/paths";

const run = promisify(execFile);
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

export type RunningApp = {
  /** e.g. http://localhost:41234 */
  url: string;
  /** The database file the app serves (for tests that check what was stored). */
  databaseFile: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** SIGTERM, then waits for the process to exit; removes the database. */
  stop: () => Promise<void>;
};

/**
 * Starts the real production server (`tsx server.ts` serving the build snapshot made by
 * tests/setup/global-build.ts) on a free port, with its own fresh database under tests/.tmp:
 * "empty" is just migrated, "demo" also has the demo seed (db/seed.ts).
 */
export async function startApp(options: { seed: "demo" | "empty" }): Promise<RunningApp> {
  const databaseFile = resolve(TMP_DIR, `e2e-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
  };
  await run(TSX, [resolve(ROOT, "tests/e2e/helpers/prepare-db.ts"), options.seed], { cwd: ROOT, env });

  // The working directory is the build snapshot (tests/setup/global-build.ts); the code is the tree's.
  const child = spawn(TSX, ["--tsconfig", resolve(ROOT, "tsconfig.json"), resolve(ROOT, "server.ts")], {
    cwd: APP_BUILD_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`The app did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`The app exited (code ${code}) before listening:\n${output}`));
    });
  });

  return {
    url,
    databaseFile,
    output: () => output,
    stop: async () => {
      await stopChild(child, exited);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 20_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}
