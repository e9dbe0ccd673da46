import { configDefaults, defineConfig } from "vitest/config";

/*
 * Three projects, run in this order by `npm test`:
 * - unit: pure modules, no database.
 * - integration: each file gets its own copy of a migrated libSQL database (tests/setup/worker-db.ts).
 * - e2e: the production build (made once by tests/setup/global-build.ts) served for real — Chromium
 *   tests in tests/e2e/ and the HTTP-level tests in tests/integration/http/*.build.test.ts, which
 *   need that build and so run here rather than in the integration project.
 */
const NEEDS_BUILD = "tests/integration/http/**/*.build.test.{ts,tsx}";

export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/setup/console.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          exclude: [...configDefaults.exclude, NEEDS_BUILD],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/console.ts", "tests/setup/worker-db.ts"],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.{ts,tsx}", NEEDS_BUILD],
          globalSetup: ["tests/setup/global-db.ts", "tests/setup/global-build.ts"],
          setupFiles: ["tests/setup/console.ts"],
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
