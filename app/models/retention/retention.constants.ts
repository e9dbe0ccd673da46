/*
 * Retention periods, in whole months (ADR 009). The defaults suit a partnership's usual cycle:
 * three years of learning material spans a programme and its evaluation; two years of case
 * evidence covers a cohort's journey and its review. The floor stops a slip of the keyboard
 * (a "1" for "12") from deleting most of a workspace at the next hourly run.
 */
export const RETENTION_FLOOR_MONTHS = 6;
export const RETENTION_CEILING_MONTHS = 120;
export const DEFAULT_LEARNING_MONTHS = 36;
export const DEFAULT_EVIDENCE_MONTHS = 24;
/** Logs in the bin are deleted for good this long after they were put there, whatever the settings. */
export const BIN_DAYS = 30;

export type RetentionPeriods = { learningMonths: number; evidenceMonths: number };

export const DEFAULT_RETENTION: RetentionPeriods = {
  learningMonths: DEFAULT_LEARNING_MONTHS,
  evidenceMonths: DEFAULT_EVIDENCE_MONTHS,
};
