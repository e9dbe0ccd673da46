/**
 * One line per collaboration event, as `collab <event> key=value …`. Callers pass identifiers
 * only (document names, user ids, socket ids, codes): never tokens, cookies or document content.
 */
export type CollabLogger = {
  info: (event: string, fields?: Record<string, string | number | boolean | null | undefined>) => void;
  error: (event: string, error: unknown, fields?: Record<string, string | number | boolean | null | undefined>) => void;
};

function format(event: string, fields: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
  return ["collab", event, ...parts].join(" ");
}

/** `quiet` silences routine events (tests); errors are always reported. */
export function createCollabLogger(options: { quiet: boolean }): CollabLogger {
  return {
    info(event, fields = {}) {
      if (!options.quiet) console.info(format(event, fields));
    },
    error(event, error, fields = {}) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(format(event, { ...fields, error: message }));
    },
  };
}
