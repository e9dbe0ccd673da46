import { z } from "zod";

import { APPROACH_VALUES, EVENT_KIND_VALUES, PURPOSE_VALUES, STATUS_VALUES } from "./case-labels";

const id = z.string().min(1).max(64);
const optionalId = id.optional();
const count = (label: string) =>
  z.coerce
    .number({ error: `Enter the number of ${label} as a whole number` })
    .int({ error: `Enter the number of ${label} as a whole number` })
    .min(0, { error: `The number of ${label} cannot be negative` })
    .max(20, { error: `The number of ${label} must be 20 or fewer` })
    .optional()
    .default(0);

/** Given only when the form warned that text looks like a personal identifier. */
const overrideReason = z.string().trim().max(500, { error: "The reason must be 500 characters or fewer" }).optional().default("");

export const caseFieldsSchema = z.object({
  reference: z
    .string({ error: "Enter a reference code" })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,29}$/, { error: "Enter a reference code of 2 to 30 letters, digits and hyphens, such as MUS-007" }),
  localityId: optionalId,
  owningAgencyId: optionalId,
  status: z.enum(STATUS_VALUES, { error: "Choose a status" }),
  adults: count("adults"),
  children: count("children"),
  grandparents: count("grandparents"),
  extendedFamily: count("extended family members"),
  criteriaIds: z.array(id).max(100).optional().default([]),
  overrideReason,
});
export type CaseFields = z.infer<typeof caseFieldsSchema>;

export const eventFieldsSchema = z.object({
  occurredOn: z.string({ error: "Enter the date of the event" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date of the event such as 2015-06-30" }),
  agencyId: z.string({ error: "Choose the agency" }).min(1, { error: "Choose the agency" }).max(64),
  service: z.string().trim().max(120, { error: "The service must be 120 characters or fewer" }).optional().default(""),
  kind: z.enum(EVENT_KIND_VALUES, { error: "Choose the kind of event" }),
  householdMemberId: optionalId,
  description: z.string().trim().max(500, { error: "The description must be 500 characters or fewer" }).optional().default(""),
  recordingAgencyId: optionalId,
  approach: z.enum(APPROACH_VALUES, { error: "Choose preventative or reactive" }),
  cost: z.string().trim().max(20).optional().default(""),
  unitCostId: optionalId,
  quantity: z.string().trim().max(20).optional().default(""),
  episodeKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,30}$/, { error: "An episode key is up to 30 letters, digits and hyphens" })
    .optional(),
  overrideReason,
});
export type EventFields = z.infer<typeof eventFieldsSchema>;

export const purposeSchema = z.object({
  intent: z.literal("purpose"),
  purpose: z.enum(PURPOSE_VALUES, { error: "Choose why you are reading this case" }),
});

/** Editing a case: the creation fields; the household counts add or remove the highest-numbered members of each role. */
export const caseEditSchema = caseFieldsSchema;

/** Deleting asks first: only the confirming "Yes, delete …" button posts `confirm=yes`; without it nothing is deleted. */
const confirmed = z.literal("yes", { error: "Confirm the deletion with the “Yes, delete” button" });

export const caseActionSchema = z.discriminatedUnion("intent", [
  purposeSchema,
  eventFieldsSchema.extend({ intent: z.literal("add-event") }),
  caseEditSchema.extend({ intent: z.literal("update-case") }),
  z.object({ intent: z.literal("delete-case"), confirm: confirmed }),
]);

export const eventActionSchema = z.discriminatedUnion("intent", [
  eventFieldsSchema.extend({ intent: z.literal("update-event") }),
  z.object({ intent: z.literal("delete-event"), confirm: confirmed }),
]);

export const commonCriterionSchema = z.object({
  label: z.string({ error: "Enter the criterion" }).trim().min(3, { error: "The criterion should be at least 3 characters" }).max(120, { error: "The criterion must be 120 characters or fewer" }),
  description: z.string().trim().max(500, { error: "The description must be 500 characters or fewer" }).optional().default(""),
});

export const agencyCriterionSchema = z.object({
  agencyId: z.string({ error: "Choose the agency" }).min(1, { error: "Choose the agency" }).max(64),
  label: z.string({ error: "Enter the agency's own criterion" }).trim().min(3, { error: "The criterion should be at least 3 characters" }).max(200, { error: "The criterion must be 200 characters or fewer" }),
  commonCriterionId: optionalId,
});

const threshold = (label: string, maxValue: number) =>
  z.coerce
    .number({ error: `Enter ${label} as a whole number` })
    .int({ error: `Enter ${label} as a whole number` })
    .min(1, { error: `${label[0].toUpperCase()}${label.slice(1)} must be at least 1` })
    .max(maxValue, { error: `${label[0].toUpperCase()}${label.slice(1)} must be ${maxValue} or fewer` });

export const caseSettingsSchema = z.object({
  minCriteria: threshold("the number of criteria", 50),
  minAgencies: threshold("the number of agencies", 100),
  duplicationDays: threshold("the duplication window", 366),
  gapDays: threshold("the gap length", 366),
});
export type CaseSettingsFields = z.infer<typeof caseSettingsSchema>;

export const criteriaActionSchema = z.discriminatedUnion("intent", [
  commonCriterionSchema.extend({ intent: z.literal("add-common") }),
  agencyCriterionSchema.extend({ intent: z.literal("add-agency") }),
  caseSettingsSchema.extend({ intent: z.literal("settings") }),
  agencyCriterionSchema.extend({ intent: z.literal("update-agency"), criterionId: id }),
  z.object({ intent: z.literal("delete-agency"), criterionId: id, confirm: confirmed }),
]);

export const HIGH_TARIFF_SORTS = ["criteria", "agencies", "contacts", "cost"] as const;
export type HighTariffSort = (typeof HIGH_TARIFF_SORTS)[number];
