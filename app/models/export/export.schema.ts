import { z } from "zod";

import { SMALL_COUNT_LABEL } from "./disclosure";

export const EXPORT_FORMATS = [
  "docx",
  "md",
  "html",
  "json",
  "insights-csv",
  "actions-csv",
  "qdc",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as yyyy-mm-dd, for example 2015-03-31")
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "Enter a real date, for example 2015-03-31");

/** `?inquiry=<id>&from=<yyyy-mm-dd>&to=<yyyy-mm-dd>`: every part optional, empty means "all". */
export const exportQuerySchema = z
  .object({
    inquiry: z
      .string()
      .trim()
      .max(64, "That inquiry reference is too long")
      .regex(/^[a-z0-9]*$/, "That is not an inquiry reference")
      .optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The start date must be on or before the end date",
    path: ["to"],
  });

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Reads the query string: empty values count as absent. */
export function parseExportQuery(url: URL) {
  const raw: Record<string, string> = {};
  for (const key of ["inquiry", "from", "to"] as const) {
    const value = url.searchParams.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value.trim();
  }
  return exportQuerySchema.safeParse(raw);
}

/** A count about people or families: exact from 5, otherwise the words "fewer than 5". */
const disclosedCount = z.union([z.number().int().min(5), z.literal(SMALL_COUNT_LABEL)]);
const id = z.string().min(1);
const url = z.string().startsWith("/w/");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateTime = z.string().datetime();

const logSchema = z.object({
  id,
  title: z.string(),
  url,
  inquiryId: id.nullable(),
  authors: z.array(z.string()),
  tags: z.array(z.string()),
  updatedAt: isoDateTime,
  /** The opening of the log's text (workspace-visible logs only). */
  opening: z.string(),
});

const excerptSchema = z.object({
  logId: id,
  logTitle: z.string(),
  text: z.string(),
  removedFromLog: z.boolean(),
});

const evidenceLinkSchema = z.object({
  type: z.enum([
    "case",
    "journey_event",
    "spend_line",
    "unit_cost",
    "indicator",
    "action",
    "decision",
    "inquiry",
  ]),
  id,
  label: z.string(),
});

const insightSchema = z.object({
  id,
  url,
  statement: z.string(),
  kind: z.enum(["finding", "barrier", "opportunity", "question"]),
  status: z.enum(["emerging", "tested", "adopted", "dropped"]),
  confidence: z.enum(["low", "medium", "high"]),
  barrierLevel: z.enum(["local", "national"]).nullable(),
  relayedTo: z.string(),
  inquiryIds: z.array(id),
  excerpts: z.array(excerptSchema),
  evidence: z.array(evidenceLinkSchema),
  createdAt: isoDateTime,
});

const reportSchema = z.object({
  outcome: z.enum(["done", "partly", "not_yet"]),
  reflection: z.string(),
  reportedAt: isoDateTime,
});

const actionSchema = z.object({
  id,
  url,
  description: z.string(),
  status: z.enum(["open", "partly", "done"]),
  owner: z.string().nullable(),
  dueOn: isoDate.nullable(),
  inquiryId: id.nullable(),
  reports: z.array(reportSchema),
});

const decisionSchema = z.object({
  id,
  url,
  decision: z.string(),
  rationale: z.string(),
  owner: z.string().nullable(),
  decidedOn: isoDate,
  reviewOn: isoDate.nullable(),
  inquiryIds: z.array(id),
});

const inquirySchema = z.object({
  id,
  url,
  question: z.string(),
  rationale: z.string(),
  phase: z.string(),
  status: z.enum(["open", "answered", "parked"]),
  logs: z.array(id),
  insights: z.array(id),
  actions: z.array(id),
  decisions: z.array(id),
});

const caseEvidenceSchema = z.object({
  families: disclosedCount,
  highTariffFamilies: disclosedCount,
  journeyEvents: disclosedCount,
  agenciesInvolved: z.number().int().min(0),
  costToDatePence: z.number().int(),
  byLocality: z.array(
    z.object({
      locality: z.string(),
      families: disclosedCount,
      costPence: z.number().int().nullable(),
    }),
  ),
  /** Reference codes of the families that evidence is linked to; never names or event descriptions. */
  linkedCaseReferences: z.array(z.string()),
});

const setMethodSchema = z.object({
  name: z.string(),
  participants: disclosedCount,
  meetingsHeld: z.number().int().min(0),
  /** Share of recorded attendances that were "present", in whole per cent; null when none recorded. */
  attendancePercent: z.number().int().min(0).max(100).nullable(),
  actionsCommitted: disclosedCount,
  actionsDone: disclosedCount,
});

const indicatorSchema = z.object({
  id,
  name: z.string(),
  unit: z.string(),
  polarity: z.enum(["higher_is_better", "lower_is_better"]),
  story: z.string(),
  /** The plain-words verdict on the curve, as the indicator's page gives it. */
  verdict: z.string(),
  values: z.array(z.object({ period: z.string(), value: z.string(), source: z.string() })),
});

const spendSchema = z.object({
  lines: z.number().int().min(0),
  totalPence: z.number().int(),
  vulnerablePence: z.number().int(),
  /** Share of the total attributable to vulnerable families, in basis points (10000 = 100%). */
  vulnerableBp: z.number().int(),
  byAgency: z.array(z.object({ label: z.string(), pence: z.number().int(), vulnerablePence: z.number().int() })),
});

export const learningSummarySchema = z.object({
  schemaVersion: z.literal("1.0"),
  workspace: z.object({ id, slug: z.string(), name: z.string(), description: z.string() }),
  generatedAt: isoDateTime,
  generatedBy: z.string(),
  filters: z.object({ inquiryId: id.nullable(), from: isoDate.nullable(), to: isoDate.nullable() }),
  redaction: z.object({
    visibility: z.literal("workspace logs only"),
    cases: z.literal("reference codes and aggregates only"),
    eventDescriptions: z.literal("omitted"),
    smallCounts: z.literal(`counts under 5 shown as "${SMALL_COUNT_LABEL}"`),
  }),
  inquiries: z.array(inquirySchema),
  logs: z.array(logSchema),
  insights: z.array(insightSchema),
  actions: z.array(actionSchema),
  decisions: z.array(decisionSchema),
  barriers: z.object({ local: z.array(id), national: z.array(id) }),
  evidence: z.object({ cases: caseEvidenceSchema, spend: spendSchema, indicators: z.array(indicatorSchema) }),
  method: z.object({
    sets: z.array(setMethodSchema),
    meetingsHeld: z.number().int().min(0),
    /** Actions committed inside sets are counted here; what was said in the set is never exported. */
    setActionsCommitted: disclosedCount,
  }),
});

export type LearningSummary = z.infer<typeof learningSummarySchema>;
export type SummaryInsight = LearningSummary["insights"][number];
export type SummaryAction = LearningSummary["actions"][number];
export type DisclosedCount = z.infer<typeof disclosedCount>;

/** The JSON Schema the app publishes at /w/:ws/export/summary.schema.json. */
export function learningSummaryJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(learningSummarySchema, { target: "draft-2020-12" }),
    $id: "https://praxis.example/schemas/learning-summary-1.0.json",
    title: "Praxis learning summary",
    description:
      "A partnership board's learning summary with its evidence trail, redacted for sharing.",
  };
}
