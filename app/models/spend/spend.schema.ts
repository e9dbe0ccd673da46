import { z } from "zod";

import { COLUMN_ROLES } from "./spend-columns";
import { SPEND_APPROACH_KEYS, SPEND_CATEGORY_KEYS } from "./spend-labels";
import { parsePence, parseSharePercent } from "./spend-money";

const id = z.string().min(1).max(64);
const category = z.enum(SPEND_CATEGORY_KEYS as [string, ...string[]], {
  error: "Choose a spend category",
});
const approach = z.enum(SPEND_APPROACH_KEYS as [string, ...string[]], {
  error: "Choose reactive, preventative or universal",
});

/** The place count's filters, from the URL. "none" is the lines with no agency / no area. */
export const spendFilterSchema = z.object({
  year: z.coerce
    .number({ error: "The year must be a financial year such as 2014" })
    .int({ error: "The year must be a financial year such as 2014" })
    .min(1990, { error: "The year must be 1990 or later" })
    .max(2100, { error: "The year must be 2100 or earlier" })
    .optional(),
  agency: z.union([z.literal("none"), id]).optional(),
  category: category.optional(),
  area: z.union([z.literal("none"), id]).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
export type SpendFilterInput = z.infer<typeof spendFilterSchema>;

/** Reads the filters from search params: an empty value is no filter; a bad one is reported. */
export function parseSpendFilters(params: URLSearchParams): {
  filters: SpendFilterInput;
  errors: string[];
} {
  const raw: Record<string, string> = {};
  for (const key of ["year", "agency", "category", "area", "page"]) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  const parsed = spendFilterSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  const retry = spendFilterSchema.safeParse(kept);
  return {
    filters: retry.success ? retry.data : {},
    errors: parsed.error.issues.map((i) => `${labelFor(String(i.path[0]))}: ${i.message}`),
  };
}

function labelFor(key: string): string {
  return (
    { year: "Year", agency: "Agency", category: "Category", area: "Area", page: "Page" }[key] ?? key
  );
}

const money = z
  .string({ error: "Enter the amount in pounds, such as 1250.00" })
  .trim()
  .min(1, { error: "Enter the amount in pounds, such as 1250.00" })
  .refine((v) => parsePence(v).ok, {
    error: "Enter the amount in pounds, such as 1250.00 (a credit as -1250.00)",
  });

const share = z
  .string()
  .trim()
  .optional()
  .default("0")
  .refine((v) => v === "" || parseSharePercent(v) !== null, {
    error: "Enter a share between 0 and 100, such as 37.5",
  });

export const spendLineFieldsSchema = z.object({
  financialYear: z.coerce
    .number({ error: "Enter the financial year's first year, such as 2014 for 2014-15" })
    .int({ error: "Enter the financial year's first year, such as 2014 for 2014-15" })
    .min(1990, { error: "The financial year must be 1990 or later" })
    .max(2100, { error: "The financial year must be 2100 or earlier" }),
  agencyId: id.optional(),
  service: z
    .string()
    .trim()
    .max(200, { error: "The service must be 200 characters or fewer" })
    .optional()
    .default(""),
  localityId: id.optional(),
  category,
  amount: money,
  vulnerableShare: share,
  approach,
  source: z
    .string({ error: "Enter where the figure comes from" })
    .trim()
    .min(2, { error: "Enter where the figure comes from" })
    .max(300, { error: "The source must be 300 characters or fewer" }),
  notes: z
    .string()
    .trim()
    .max(2000, { error: "Notes must be 2,000 characters or fewer" })
    .optional()
    .default(""),
});
export type SpendLineFields = z.infer<typeof spendLineFieldsSchema>;

export const spendLinesActionSchema = z.discriminatedUnion("intent", [
  spendLineFieldsSchema.extend({ intent: z.literal("create") }),
  spendLineFieldsSchema.extend({ intent: z.literal("update"), lineId: id }),
  z.object({ intent: z.literal("delete"), lineId: id }),
]);

export const spendUploadSchema = z.object({
  source: z
    .string()
    .trim()
    .max(200, { error: "The source must be 200 characters or fewer" })
    .optional()
    .default(""),
});

/** The preview's mapping form: `role[i]` is the part column i plays ("" for not imported). */
export const previewUpdateSchema = z.object({
  intent: z.literal("update"),
  role: z
    .array(
      z
        .union([z.literal(""), z.enum(COLUMN_ROLES, { error: "Choose what the column holds" })])
        .optional(),
    )
    .max(500)
    .optional()
    .default([]),
  defaults: z.object({
    agencyId: z.string().max(64).optional().default(""),
    localityId: z.string().max(64).optional().default(""),
    category,
    vulnerableShare: share,
    approach,
  }),
  rule: z
    .array(
      z.object({
        key: z.string().min(1).max(300),
        value: z.string().max(300),
        agencyId: z.string().max(64).optional().default(""),
        service: z.string().trim().max(200).optional().default(""),
        category,
        vulnerableShare: share,
        approach,
      }),
    )
    .max(200)
    .optional()
    .default([]),
});

export const previewCommitSchema = z.object({
  intent: z.literal("commit"),
  expectedLines: z.coerce.number().int().min(0),
  expectedTotalPence: z.coerce.number().int(),
});

export const previewActionSchema = z.discriminatedUnion("intent", [
  previewUpdateSchema,
  previewCommitSchema,
  z.object({ intent: z.literal("discard"), importId: id }),
]);
