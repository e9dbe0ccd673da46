import type { SpendApproach, SpendCategory } from "../../../db/schema/spend";

export type { SpendApproach, SpendCategory };

/** UK labels, in the order pages list them (keys are SPEND_CATEGORIES in db/schema/spend.ts). */
export const SPEND_CATEGORY_LABELS: Record<SpendCategory, string> = {
  children_and_families: "Children and families",
  adults: "Adults",
  education: "Education",
  justice: "Justice",
  health: "Health",
  housing: "Housing",
  welfare: "Welfare",
  universal: "Universal",
};
export const SPEND_CATEGORY_KEYS = Object.keys(SPEND_CATEGORY_LABELS) as SpendCategory[];

export const SPEND_APPROACH_LABELS: Record<SpendApproach, string> = {
  reactive: "Reactive",
  preventative: "Preventative",
  universal: "Universal",
};
export const SPEND_APPROACH_KEYS = Object.keys(SPEND_APPROACH_LABELS) as SpendApproach[];

function key(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
}

/** "Children and families", "children_and_families", "CHILDREN & FAMILIES" → the category. */
export function parseCategory(raw: string): SpendCategory | null {
  const wanted = key(raw.replace(/&/g, "and"));
  return (
    SPEND_CATEGORY_KEYS.find(
      (c) => key(c) === wanted || key(SPEND_CATEGORY_LABELS[c]) === wanted,
    ) ?? null
  );
}

export function parseApproach(raw: string): SpendApproach | null {
  const wanted = key(raw);
  return (
    SPEND_APPROACH_KEYS.find((a) => a === wanted) ??
    (wanted === "preventive" ? "preventative" : null)
  );
}

/** The key mapping rules are stored under: case and runs of spaces do not make a new value. */
export function valueKey(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}
