import { execFileSync } from "node:child_process";

import { ROOT } from "./paths";

/** End-to-end tests drive the production build, built once per run. */
export default function setup() {
  execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
