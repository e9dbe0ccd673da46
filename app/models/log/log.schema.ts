import { z } from "zod";

import { LOG_TEMPLATES, LOG_VISIBILITIES } from "./log.constants";

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

/** "Housing, early help ,housing" → ["housing", "early help"]: trimmed, lower-case, unique. */
export function parseTags(input: string | undefined): string[] {
  if (!input) return [];
  const seen = new Set<string>();
  for (const raw of input.split(",")) {
    const tag = raw.trim().replace(/\s+/g, " ").toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

const title = z
  .string({ error: "Enter a title" })
  .trim()
  .min(1, "Enter a title")
  .max(200, "The title must be 200 characters or fewer");

const tags = z
  .string()
  .max(500, "Tags must be 500 characters or fewer in all")
  .optional()
  .refine((value) => parseTags(value).length <= MAX_TAGS, `Use at most ${MAX_TAGS} tags`)
  .refine((value) => parseTags(value).every((t) => t.length <= MAX_TAG_LENGTH), `Each tag must be ${MAX_TAG_LENGTH} characters or fewer`);

const optionalId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[a-z0-9]*$/i, "Choose from the list")
  .optional()
  .transform((v) => (v ? v : undefined));

const visibility = z.enum(LOG_VISIBILITIES, { error: "Choose who can read this log" });

function requireSetForSetVisibility(value: { visibility: string; setId?: string }, ctx: z.RefinementCtx) {
  if (value.visibility === "set" && !value.setId) {
    ctx.addIssue({ code: "custom", path: ["setId"], message: "Choose the learning set that may read this log" });
  }
}

export const newLogSchema = z
  .object({
    title,
    visibility,
    setId: optionalId,
    inquiryId: optionalId,
    tags,
    template: z.enum(LOG_TEMPLATES, { error: "Choose a template" }).default("blank"),
  })
  .superRefine(requireSetForSetVisibility);

export const logDetailsSchema = z
  .object({
    intent: z.literal("details"),
    title,
    visibility,
    setId: optionalId,
    inquiryId: optionalId,
    tags,
  })
  .superRefine(requireSetForSetVisibility);

/** The one-step "share" buttons on a private log's page. */
export const shareLogSchema = z
  .object({ intent: z.literal("share"), visibility: z.enum(["set", "workspace"], { error: "Choose who to share the log with" }), setId: optionalId })
  .superRefine(requireSetForSetVisibility);

export const logPageActionSchema = z.discriminatedUnion("intent", [
  logDetailsSchema,
  shareLogSchema,
  z.object({ intent: z.literal("delete") }),
]);

export const saveVersionSchema = z.object({
  intent: z.literal("save-version"),
  name: z.string({ error: "Name this version" }).trim().min(1, "Name this version").max(120, "The name must be 120 characters or fewer"),
});

export const restoreVersionSchema = z.object({
  intent: z.literal("restore"),
  versionId: z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i),
});

export const historyActionSchema = z.discriminatedUnion("intent", [saveVersionSchema, restoreVersionSchema]);

export const binActionSchema = z.object({
  intent: z.literal("restore"),
  logId: z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i),
});

export const LOGS_PAGE_SIZE = 20;

/** The list's query string; anything invalid is ignored rather than failing the page. */
export const logListQuerySchema = z.object({
  author: z.string().max(64).regex(/^[a-z0-9]+$/i).optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(MAX_TAG_LENGTH).optional().catch(undefined).transform((v) => (v ? v : undefined)),
  visibility: z.enum(LOG_VISIBILITIES).optional().catch(undefined),
  inquiry: z.string().max(64).regex(/^[a-z0-9]+$/i).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type LogListQuery = z.infer<typeof logListQuerySchema>;

export function parseLogListQuery(url: URL): LogListQuery {
  const raw: Record<string, string> = {};
  for (const key of ["author", "tag", "visibility", "inquiry", "page"]) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return logListQuerySchema.parse(raw);
}
