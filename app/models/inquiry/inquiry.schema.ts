import { z } from "zod";

import { INQUIRY_STATUSES } from "./inquiry.constants";

const id = z.string().min(1).max(64);

export const inquiryFieldsSchema = z.object({
  question: z
    .string({ error: "Enter the inquiry question" })
    .trim()
    .min(10, { error: "The question should be at least 10 characters" })
    .max(500, { error: "The question must be 500 characters or fewer" }),
  rationale: z.string().trim().max(4000, { error: "The rationale must be 4,000 characters or fewer" }).optional().default(""),
  phase: z.string().trim().max(100, { error: "The phase or cycle must be 100 characters or fewer" }).optional().default(""),
  status: z.enum(INQUIRY_STATUSES, { error: "Choose a status" }),
  ownerId: id.optional(),
});

export type InquiryFields = z.infer<typeof inquiryFieldsSchema>;

/** The inquiries page: create one, or move one up or down the list. */
export const inquiriesActionSchema = z.discriminatedUnion("intent", [
  inquiryFieldsSchema.extend({ intent: z.literal("create") }),
  z.object({
    intent: z.literal("move"),
    inquiryId: id,
    direction: z.enum(["up", "down"], { error: "Choose up or down" }),
  }),
]);

export const inquiryUpdateSchema = inquiryFieldsSchema.extend({ intent: z.literal("update") });
