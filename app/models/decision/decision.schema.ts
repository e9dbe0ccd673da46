import { z } from "zod";

const id = z.string().min(1).max(64);
const day = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${message} such as 2015-06-30` });

export const decisionFieldsSchema = z.object({
  decision: z
    .string({ error: "Enter what the board decided" })
    .trim()
    .min(5, { error: "The decision should be at least 5 characters" })
    .max(1000, { error: "The decision must be 1,000 characters or fewer" }),
  rationale: z.string().trim().max(4000, { error: "The rationale must be 4,000 characters or fewer" }).optional().default(""),
  ownerId: id.optional(),
  decidedOn: day("Enter the date of the decision"),
  reviewOn: day("Enter a review date").optional(),
  inquiryIds: z.array(id).max(50).optional().default([]),
});

export type DecisionFields = z.infer<typeof decisionFieldsSchema>;

export const decisionsActionSchema = z.discriminatedUnion("intent", [
  decisionFieldsSchema.extend({ intent: z.literal("create") }),
  decisionFieldsSchema.extend({ intent: z.literal("update"), decisionId: id }),
]);
