import { z } from "zod";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/, "That is not a thread reference");
const body = z
  .string({ error: "Write your comment" })
  .trim()
  .min(1, { error: "Write your comment" })
  .max(4000, { error: "A comment must be 4,000 characters or fewer" });
/** A Yjs relative position, base64 (a few dozen bytes; more is not a position). */
const position = z
  .string({ error: "Select the words you are commenting on" })
  .max(512, { error: "That selection could not be read" })
  .regex(/^[A-Za-z0-9+/]+=*$/, { error: "That selection could not be read" });

const quote = z
  .string()
  .trim()
  .max(500, { error: "Quote at most 500 characters of the log" })
  .optional();

export const commentActionSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("start"), body, anchorStart: position.optional(), anchorEnd: position.optional(), anchorQuote: quote })
    .refine((v) => (v.anchorStart && v.anchorEnd) || v.anchorQuote, {
      error: "Enter the words from the log you are commenting on",
      path: ["anchorQuote"],
    }),
  z.object({ intent: z.literal("reply"), threadId: id, body }),
  z.object({ intent: z.literal("resolve"), threadId: id }),
  z.object({ intent: z.literal("reopen"), threadId: id }),
]);

export type CommentAction = z.infer<typeof commentActionSchema>;
