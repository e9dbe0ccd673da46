import { z } from "zod";

const required = (message: string, label: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `${label} must be ${max} characters or fewer` });

export const deflatorSeriesFieldsSchema = z.object({
  name: required("Enter a name for the series, such as “GDP deflator at market prices”", "The name", 200),
  release: required("Enter the release the figures come from, such as “December 2025 (Quarterly National Accounts)”", "The release", 200),
  source: required("Enter where the figures were published", "The source", 500),
  values: z
    .string()
    .max(20_000, { error: "The values must be 20,000 characters or fewer" })
    .optional()
    .default(""),
});

export type DeflatorSeriesForm = z.infer<typeof deflatorSeriesFieldsSchema>;

const id = z.string().min(1).max(64);

export const deflatorsActionSchema = z.discriminatedUnion("intent", [
  deflatorSeriesFieldsSchema.extend({ intent: z.literal("create") }),
  deflatorSeriesFieldsSchema.extend({ intent: z.literal("update"), seriesId: id }),
  z.object({ intent: z.literal("delete"), seriesId: id }),
]);
