import { afterEach, beforeEach, expect, vi } from "vitest";

/*
 * A console.error during a test fails it, unless the test says it expects one with
 * `expectConsoleError()` (tests/helpers/console.ts).
 */
const state = globalThis as typeof globalThis & { __praxisAllowConsoleError?: boolean };

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  state.__praxisAllowConsoleError = false;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (!state.__praxisAllowConsoleError && errors.length > 0) {
    const text = errors.map((a) => a.map((x) => (x instanceof Error ? x.stack : String(x))).join(" ")).join("\n");
    expect.fail(`console.error was called during the test:\n${text}`);
  }
});
