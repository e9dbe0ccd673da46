import { z } from "zod";

import {
  BARRIER_LEVELS,
  INSIGHT_CONFIDENCES,
  INSIGHT_KINDS,
  INSIGHT_STATUSES,
  LINK_KINDS,
} from "./insight.constants";

const id = z.string().trim().min(1).max(64);
const required = (message: string) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(64);

const insightFieldsObject = z.object({
  statement: z
    .string({ error: "Enter the insight in a sentence or two" })
    .trim()
    .min(10, { error: "The insight should be at least 10 characters" })
    .max(1000, { error: "The insight must be 1,000 characters or fewer" }),
  kind: z.enum(INSIGHT_KINDS, { error: "Choose what kind of insight this is" }),
  status: z.enum(INSIGHT_STATUSES, { error: "Choose a status" }).optional().default("emerging"),
  confidence: z
    .enum(INSIGHT_CONFIDENCES, { error: "Choose how confident the board is" })
    .optional()
    .default("low"),
  barrierLevel: z
    .enum(BARRIER_LEVELS, { error: "Choose whether the barrier is local or national" })
    .optional(),
  relayedTo: z
    .string()
    .trim()
    .max(300, { error: "Who it was relayed to must be 300 characters or fewer" })
    .optional()
    .default(""),
});

type FieldsInput = z.infer<typeof insightFieldsObject>;

/** A barrier has a level (and may say who it was relayed to); nothing else has either. */
function barrierRule(value: FieldsInput, ctx: z.RefinementCtx) {
  if (value.kind === "barrier" && !value.barrierLevel) {
    ctx.addIssue({
      code: "custom",
      path: ["barrierLevel"],
      message:
        "Choose whether the barrier is local (ours to fix) or national (to relay to government)",
    });
  }
  if (value.kind !== "barrier" && value.barrierLevel) {
    ctx.addIssue({
      code: "custom",
      path: ["barrierLevel"],
      message: "Only a barrier has a level: choose the kind Barrier or leave the level empty",
    });
  }
  if (value.kind !== "barrier" && value.relayedTo) {
    ctx.addIssue({
      code: "custom",
      path: ["relayedTo"],
      message: "Only a barrier is relayed: choose the kind Barrier or leave this empty",
    });
  }
}

export const insightFieldsSchema = insightFieldsObject.superRefine(barrierRule);
export type InsightFields = z.infer<typeof insightFieldsSchema>;

export const linkKindSchema = z.enum(LINK_KINDS, { error: "Choose what to link" });

export const insightCreateSchema = insightFieldsObject
  .extend({ intent: z.literal("create"), inquiryId: id.optional() })
  .superRefine(barrierRule);

export const insightPageActionSchema = z.discriminatedUnion("intent", [
  insightFieldsObject.extend({ intent: z.literal("update") }).superRefine(barrierRule),
  z.object({
    intent: z.literal("link"),
    kind: linkKindSchema,
    targetId: required("Choose an item from the list to link"),
  }),
  z.object({ intent: z.literal("unlink"), kind: linkKindSchema, targetId: id }),
]);

const quote = z
  .string({ error: "Select some words in the log first" })
  .trim()
  .min(1, { error: "Select some words in the log first" })
  .max(2000);

export const createFromExcerptSchema = insightFieldsObject
  .extend({ intent: z.literal("create-from-excerpt"), logId: id, quote })
  .superRefine(barrierRule);
export const linkExcerptSchema = z.object({
  intent: z.literal("link-excerpt"),
  logId: id,
  quote,
  insightId: required("Choose the insight these words support"),
});

/** From a selection in a log: a new insight quoting it, or an existing one. */
export const excerptRequestSchema = z.discriminatedUnion("intent", [
  createFromExcerptSchema,
  linkExcerptSchema,
]);

/** The picker's search: what to look for, in which kind of target. */
export const pickerQuerySchema = z.object({
  pick: linkKindSchema,
  q: z.string().trim().max(100).optional().default(""),
});

/** Insights list filters (URL search params); anything unknown is ignored. */
export const insightFilterSchema = z.object({
  kind: z.enum(INSIGHT_KINDS).optional().catch(undefined),
  status: z.enum(INSIGHT_STATUSES).optional().catch(undefined),
  inquiry: z.string().trim().min(1).max(64).optional().catch(undefined),
  /** Anything that is not a sensible page number shows the first page. */
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** The "Link to an existing insight" picker's search as you type. */
export const insightOptionsQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
});

export const barrierFilterSchema = z.object({
  level: z.enum(BARRIER_LEVELS).optional().catch(undefined),
});
