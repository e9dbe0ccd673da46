import { z } from "zod";

import type { IndicatorPolarity } from "../../../db/schema/indicators";
import { parseDecimal } from "./decimal";
import { parsePeriod, PERIOD_HINT } from "./period";

const id = z.string().min(1).max(64);
const INDICATOR_POLARITIES = ["higher_is_better", "lower_is_better"] as const satisfies readonly IndicatorPolarity[];
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` }).optional().default("");

const VALUE_MESSAGE = 'Enter a number such as 26, 12.5 or 1,234 (up to 6 decimal places)';

/** Checks a period/value pair where both are optional but go together. */
function pair(ctx: z.RefinementCtx, period: string, value: string, periodKey: string, valueKey: string, label: string) {
  if (!period && !value) return;
  if (!period) ctx.addIssue({ code: "custom", path: [periodKey], message: `Enter the ${label} period` });
  else if (!parsePeriod(period)) ctx.addIssue({ code: "custom", path: [periodKey], message: `Enter the ${label} period as ${PERIOD_HINT}` });
  if (!value) ctx.addIssue({ code: "custom", path: [valueKey], message: `Enter the ${label} value` });
  else if (!parseDecimal(value)) ctx.addIssue({ code: "custom", path: [valueKey], message: `${VALUE_MESSAGE} for the ${label}` });
}

export const indicatorFieldsSchema = z
  .object({
    name: z
      .string({ error: "Enter the indicator's name" })
      .trim()
      .min(3, { error: "The name should be at least 3 characters" })
      .max(200, { error: "The name must be 200 characters or fewer" }),
    unit: optionalText(60, "The unit"),
    polarity: z.enum(INDICATOR_POLARITIES, { error: "Choose whether higher or lower is better" }),
    code: optionalText(30, "The code"),
    story: optionalText(8000, "The story behind the curve"),
    baselinePeriod: optionalText(20, "The baseline period"),
    baselineValue: optionalText(30, "The baseline value"),
    targetPeriod: optionalText(20, "The target period"),
    targetValue: optionalText(30, "The target value"),
    agencyIds: z.array(id).max(50).optional().default([]),
    actionIds: z.array(id).max(100).optional().default([]),
    decisionIds: z.array(id).max(100).optional().default([]),
  })
  .superRefine((v, ctx) => {
    pair(ctx, v.baselinePeriod, v.baselineValue, "baselinePeriod", "baselineValue", "baseline");
    pair(ctx, v.targetPeriod, v.targetValue, "targetPeriod", "targetValue", "target");
  });

export type IndicatorFields = z.infer<typeof indicatorFieldsSchema>;

export const valueFieldsSchema = z
  .object({
    period: z.string({ error: "Enter the period" }).trim().max(20, { error: "The period must be 20 characters or fewer" }),
    value: z.string({ error: "Enter the value" }).trim().max(30, { error: "The value must be 30 characters or fewer" }),
    note: optionalText(1000, "The note"),
    source: z
      .string({ error: "Enter where the value comes from" })
      .trim()
      .min(3, { error: "Enter where the value comes from" })
      .max(500, { error: "The source must be 500 characters or fewer" }),
  })
  .superRefine((v, ctx) => {
    if (!parsePeriod(v.period)) ctx.addIssue({ code: "custom", path: ["period"], message: `Enter the period as ${PERIOD_HINT}` });
    if (!parseDecimal(v.value)) ctx.addIssue({ code: "custom", path: ["value"], message: VALUE_MESSAGE });
  });

export type ValueFields = z.infer<typeof valueFieldsSchema>;
