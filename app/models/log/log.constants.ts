/*
 * The log domain's enumerations, shared by the schema (db/schema/logs.ts), forms and pages.
 * Kept here, free of database imports, so browser code may use them.
 */
export const LOG_VISIBILITIES = ["private", "set", "workspace"] as const;
export type LogVisibility = (typeof LOG_VISIBILITIES)[number];

export const LOG_TEMPLATES = ["blank", "what-so-what-now-what", "gibbs"] as const;
export type LogTemplate = (typeof LOG_TEMPLATES)[number];

export const LOG_VERSION_KINDS = ["named", "periodic", "pre-restore"] as const;
export type LogVersionKind = (typeof LOG_VERSION_KINDS)[number];
