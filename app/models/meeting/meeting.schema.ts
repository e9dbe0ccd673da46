import { z } from "zod";

import { meetingFieldsSchema } from "../set/set.schema";
import { ATTENDANCE_STATUSES, REPORT_OUTCOMES } from "./meeting.constants";

const id = z.string().min(1).max(64);

export const meetingPageActionSchema = z.discriminatedUnion("intent", [
  meetingFieldsSchema.extend({ intent: z.literal("update") }),
  z.object({
    intent: z.literal("attendance"),
    attendance: z
      .array(z.object({ userId: id, status: z.enum([...ATTENDANCE_STATUSES, "not-recorded"], { error: "Choose present, apologies, absent or not recorded" }) }))
      .max(100)
      .optional()
      .default([]),
  }),
]);

export const RUN_PHASE_TARGETS = ["opening", "bidding", "presenting", "closing", "finished"] as const;
export const SLOT_PHASE_TARGETS = ["present", "questions", "actions", "done"] as const;

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}` })
    .max(max, { error: `${what[0].toUpperCase()}${what.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer` });

/** Every form of the meeting runner; each names its intent. */
export const runnerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("phase"), phase: z.enum(RUN_PHASE_TARGETS, { error: "Choose a round" }) }),
  z.object({
    intent: z.literal("report-back"),
    actionId: id,
    outcome: z.enum(REPORT_OUTCOMES, { error: "Choose done, partly or not yet" }),
    reflection: z.string().trim().max(2000, { error: "The reflection must be 2,000 characters or fewer" }).optional().default(""),
  }),
  z.object({
    intent: z.literal("bid"),
    presenterId: id.optional(),
    issue: text("the issue you want to bring", 500),
    minutes: z.coerce
      .number({ error: "Enter the minutes" })
      .int({ error: "Enter a whole number of minutes" })
      .min(5, { error: "A slot must be at least 5 minutes" })
      .max(120, { error: "A slot must be 120 minutes or fewer" })
      .optional(),
  }),
  z.object({ intent: z.literal("move-bid"), airtimeId: id, direction: z.enum(["up", "down"], { error: "Choose up or down" }) }),
  z.object({ intent: z.literal("withdraw-bid"), airtimeId: id }),
  z.object({ intent: z.literal("slot-phase"), airtimeId: id, phase: z.enum(SLOT_PHASE_TARGETS, { error: "Choose a stage" }) }),
  z.object({ intent: z.literal("timer"), airtimeId: id, command: z.enum(["start", "pause"], { error: "Choose start or pause" }) }),
  z.object({
    intent: z.literal("slot-minutes"),
    airtimeId: id,
    minutes: z.coerce
      .number({ error: "Enter the minutes" })
      .int({ error: "Enter a whole number of minutes" })
      .min(5, { error: "A slot must be at least 5 minutes" })
      .max(120, { error: "A slot must be 120 minutes or fewer" }),
  }),
  z.object({ intent: z.literal("question"), airtimeId: id, askedBy: id.optional(), text: text("the question", 1000) }),
  z.object({
    intent: z.literal("commit-action"),
    airtimeId: id,
    ownerId: id.optional(),
    description: text("the action", 1000),
    dueOn: z.string({ error: "Enter a due date" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a due date such as 2015-04-15" }),
    inquiryId: id.optional(),
  }),
  z.object({ intent: z.literal("learning-line"), userId: id.optional(), text: text("your line of learning", 500) }),
]);

export type RunnerAction = z.infer<typeof runnerActionSchema>;
