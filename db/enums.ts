/*
 * Enumerations stored in columns, defined with the database so the schema depends on nothing
 * above it (ADR 007). Free of database imports: forms and pages use them through their domain's
 * constants module (e.g. app/models/log/log.constants.ts).
 */
export const LOG_VISIBILITIES = ["private", "set", "workspace"] as const;
export type LogVisibility = (typeof LOG_VISIBILITIES)[number];

export const LOG_TEMPLATES = ["blank", "what-so-what-now-what", "gibbs"] as const;
export type LogTemplate = (typeof LOG_TEMPLATES)[number];

export const LOG_VERSION_KINDS = ["named", "periodic", "pre-restore"] as const;
export type LogVersionKind = (typeof LOG_VERSION_KINDS)[number];

export const INSIGHT_KINDS = ["finding", "barrier", "opportunity", "question"] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];
export const INSIGHT_STATUSES = ["emerging", "tested", "adopted", "dropped"] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];
export const INSIGHT_CONFIDENCES = ["low", "medium", "high"] as const;
export type InsightConfidence = (typeof INSIGHT_CONFIDENCES)[number];
export const BARRIER_LEVELS = ["local", "national"] as const;
export type BarrierLevel = (typeof BARRIER_LEVELS)[number];
