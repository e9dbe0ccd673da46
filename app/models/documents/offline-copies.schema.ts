import { z } from "zod";

/** At most this many copies are checked in one request (a browser holds one per document edited). */
export const MAX_OFFLINE_COPIES_CHECKED = 500;

/** The body of POST /offline-copies: the collaborative documents this browser keeps copies of. */
export const offlineCopiesCheckSchema = z.object({
  documents: z
    .array(z.string().min(1).max(80, "A document name is at most 80 characters"))
    .max(MAX_OFFLINE_COPIES_CHECKED, `At most ${MAX_OFFLINE_COPIES_CHECKED} documents can be checked at once`),
});

/** The answer: which of them this person may still write (and so may keep a copy of). */
export type OfflineCopiesCheck = { keep: string[] };
