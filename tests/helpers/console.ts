/** Marks the running test as one that expects console.error output. */
export function expectConsoleError(): void {
  (globalThis as typeof globalThis & { __praxisAllowConsoleError?: boolean }).__praxisAllowConsoleError = true;
}
