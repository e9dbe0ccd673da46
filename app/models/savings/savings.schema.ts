import { z } from "zod";

import type { ConfidenceGrade } from "../../../db/schema/costs";
import { parsePercentBp } from "../indicator/decimal";

const CONFIDENCE_GRADES = ["high", "medium", "low"] as const satisfies readonly ConfidenceGrade[];

const percent = (label: string) =>
  z
    .string({ error: `Enter the ${label} as a percentage` })
    .trim()
    .refine((v) => parsePercentBp(v) !== null, { error: `Enter the ${label} as a percentage from 0 to 100, such as 25 or 12.5` });

export const estimateFieldsSchema = z.object({
  title: z
    .string({ error: "Enter a title for the estimate" })
    .trim()
    .min(5, { error: "The title should be at least 5 characters" })
    .max(200, { error: "The title must be 200 characters or fewer" }),
  fromValueId: z.string({ error: "Choose the value the change is measured from" }).min(1).max(64),
  toValueId: z.string({ error: "Choose the value the change is measured to" }).min(1).max(64),
  unitCostId: z.string({ error: "Choose a unit cost" }).min(1).max(64),
  deadweight: percent("deadweight"),
  attribution: percent("attribution"),
  optimismBias: percent("optimism bias"),
  confidence: z.enum(CONFIDENCE_GRADES, { error: "Choose a confidence grade" }),
  assumptions: z
    .string({ error: "Write down what the estimate assumes" })
    .trim()
    .min(20, { error: "Write down what the estimate assumes, in at least 20 characters" })
    .max(4000, { error: "The assumptions must be 4,000 characters or fewer" }),
});

export type EstimateFields = z.infer<typeof estimateFieldsSchema>;
