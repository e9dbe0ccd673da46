import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";

import { APP_BUILD_DIR, ROOT } from "./paths";

/**
 * End-to-end tests drive the production build, built once per run and then copied to
 * tests/.tmp/app-build/ (build/ and public/build/). The copy is what the tests serve: in a
 * shared work tree someone else's `remix build` may rewrite build/ while a run is under way.
 * E2E_REUSE_BUILD=1 serves the previous snapshot without building (quicker while writing a test).
 */
export default function setup() {
  if (process.env.E2E_REUSE_BUILD === "1" && existsSync(resolve(APP_BUILD_DIR, "build/index.js"))) return;
  execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  rmSync(APP_BUILD_DIR, { recursive: true, force: true });
  cpSync(resolve(ROOT, "build"), resolve(APP_BUILD_DIR, "build"), { recursive: true });
  cpSync(resolve(ROOT, "public"), resolve(APP_BUILD_DIR, "public"), { recursive: true });
  if (readFileSync(resolve(APP_BUILD_DIR, "build/index.js"), "utf8").includes("jsxDEV")) {
    throw new Error("build/ was overwritten by a development build during `remix build`; run the tests again.");
  }
}
