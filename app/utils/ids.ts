import { createId } from "@paralleldrive/cuid2";

/** Text ids for every table (cuid2: collision-resistant, not guessable, URL-safe). */
export function newId(): string {
  return createId();
}
