import { z } from "zod";

const id = z.string().min(1).max(64);
const ids = z.array(id).max(100).optional().default([]);

export const setFieldsSchema = z.object({
  name: z
    .string({ error: "Enter a name for the set" })
    .trim()
    .min(2, { error: "The name should be at least 2 characters" })
    .max(120, { error: "The name must be 120 characters or fewer" }),
  facilitatorId: z.string({ error: "Choose the facilitator" }).min(1, { error: "Choose the facilitator" }).max(64),
  memberIds: ids,
  inquiryIds: ids,
  groundRules: z.string().trim().max(4000, { error: "Ground rules must be 4,000 characters or fewer" }).optional().default(""),
  rhythm: z.string().trim().max(200, { error: "The meeting rhythm must be 200 characters or fewer" }).optional().default(""),
  slotMinutes: z.coerce
    .number({ error: "Enter a slot length in minutes" })
    .int({ error: "Enter a whole number of minutes" })
    .min(5, { error: "A presenter's slot must be at least 5 minutes" })
    .max(120, { error: "A presenter's slot must be 120 minutes or fewer" }),
});

export type SetFields = z.infer<typeof setFieldsSchema>;

export const setCreateSchema = setFieldsSchema.extend({ intent: z.literal("create") });

const timeMessage = { error: "Enter a time such as 14:00" };

export const meetingFieldsSchema = z.object({
  title: z.string().trim().max(120, { error: "The title must be 120 characters or fewer" }).optional().default(""),
  date: z.string({ error: "Enter the date of the meeting" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date such as 2015-03-18" }),
  startTime: z.string({ error: "Enter the start time" }).regex(/^\d{2}:\d{2}$/, timeMessage),
  endTime: z.string({ error: "Enter the end time" }).regex(/^\d{2}:\d{2}$/, timeMessage),
  location: z.string().trim().max(300, { error: "The place or link must be 300 characters or fewer" }).optional().default(""),
  agenda: z.string().trim().max(4000, { error: "The agenda must be 4,000 characters or fewer" }).optional().default(""),
});

export type MeetingFields = z.infer<typeof meetingFieldsSchema>;

/** The set page: edit the set, or schedule a meeting. */
export const setPageActionSchema = z.discriminatedUnion("intent", [
  setFieldsSchema.extend({ intent: z.literal("update") }),
  meetingFieldsSchema.extend({ intent: z.literal("schedule-meeting") }),
]);
