import { z } from "zod";

import type { ConfidenceGrade } from "../../../db/schema/costs";
import { parseFinancialYear } from "./financial-year";
import { parsePence } from "./money";

/** The schema's grades, repeated here because browser code may not import db/schema. */
export const CONFIDENCE_GRADES = ["high", "medium", "low"] as const satisfies readonly ConfidenceGrade[];

export const CONFIDENCE_LABELS: Record<(typeof CONFIDENCE_GRADES)[number], string> = { high: "High", medium: "Medium", low: "Low" };

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` })
    .optional()
    .default("");
const required = (message: string, label: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` });

/** The form of one unit cost: the GMCA Unit Cost Database fields plus a confidence grade. */
export const unitCostFieldsSchema = z.object({
  costCode: text("The cost code", 64),
  outcomeCategory: text("The outcome category", 200),
  outcomeDetail: text("The outcome detail", 200),
  description: required("Enter a description of what the cost is for", "The description", 2000),
  unit: required("Enter the unit the cost is per, such as “per year” or “per family”", "The unit", 200),
  fiscalCost: required("Enter the fiscal cost in pounds, such as 28000 or 1234.50", "The fiscal cost", 40).refine((v) => parsePence(v) !== null, {
    error: "Enter the fiscal cost as an amount in pounds, such as 28000 or 1234.50",
  }),
  agency: text("The agency", 200),
  agencyDetail: text("The agency detail", 200),
  priceYear: required("Enter the price year as a financial year, such as 2015-16", "The price year", 20).refine((v) => parseFinancialYear(v) !== null, {
    error: "Enter the price year as a financial year, such as 2015-16",
  }),
  source: required("Enter the source of the cost (publication and date)", "The source", 1000),
  confidence: z.enum(CONFIDENCE_GRADES, { error: "Choose a confidence grade" }),
});

export type UnitCostForm = z.infer<typeof unitCostFieldsSchema>;

const id = z.string().min(1).max(64);

export const settingsSchema = z.object({
  staleAfterYears: z.coerce
    .number({ error: "Enter a whole number of years" })
    .int({ error: "Enter a whole number of years" })
    .min(1, { error: "Stale after must be at least 1 year" })
    .max(50, { error: "Stale after must be 50 years or fewer" }),
  implausibleFactor: z.coerce
    .number({ error: "Enter a whole number" })
    .int({ error: "Enter a whole number" })
    .min(2, { error: "The factor must be at least 2" })
    .max(1000, { error: "The factor must be 1,000 or less" }),
});

export const unitCostsActionSchema = z.discriminatedUnion("intent", [
  unitCostFieldsSchema.extend({ intent: z.literal("create") }),
  unitCostFieldsSchema.extend({ intent: z.literal("update"), unitCostId: id }),
  z.object({ intent: z.literal("delete"), unitCostId: id }),
  settingsSchema.extend({ intent: z.literal("settings") }),
]);

/** What the library's view is uprated to: `?year=2024-25&series=<id>`. */
export const libraryQuerySchema = z.object({
  year: z
    .string()
    .optional()
    .transform((v) => (v ? parseFinancialYear(v) : null)),
  series: z.string().max(64).optional(),
});
