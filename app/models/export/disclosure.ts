/**
 * Statistical disclosure control for exports: a count about people or families under 5 could
 * identify a family in a small locality, so it is replaced by words.
 */
export const SMALL_COUNT_THRESHOLD = 5;
export const SMALL_COUNT_LABEL = "fewer than 5";

export function disclose(count: number): number | typeof SMALL_COUNT_LABEL {
  return count < SMALL_COUNT_THRESHOLD ? SMALL_COUNT_LABEL : count;
}

/** A disclosed count as words for documents ("12", "fewer than 5"). */
export function disclosedText(count: number | typeof SMALL_COUNT_LABEL): string {
  return typeof count === "number" ? count.toLocaleString("en-GB") : count;
}
