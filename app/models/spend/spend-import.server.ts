import { createHash, randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

import { and, asc, desc, eq, sql } from "drizzle-orm";

import { agencies } from "../../../db/schema/core";
import { imports } from "../../../db/schema/imports";
import { localities } from "../../../db/schema/places";
import { spendLines, spendMappingRules } from "../../../db/schema/spend";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { findCommittedImportOfFile } from "../import/staged-import.server";
import { InputError } from "../set/input-error";
import {
  COLUMN_ROLE_LABELS,
  emptyMapping,
  type ColumnMapping,
  type ColumnRole,
} from "./spend-columns";
import { readSpendFile } from "./spend-file.server";
import { valueKey } from "./spend-labels";
import { formatPence } from "./spend-money";
import {
  buildSpendPreviewInSlices,
  type ImportDefaults,
  type SpendDraft,
  type SpendPreview,
  type SpendRule,
  type StagedRow,
} from "./spend-preview";

export type SpendActor = { userId: string; ipAddress?: string };

/** What a staged spend import keeps between the upload, the preview and the commit. */
export type SpendImportPayload = {
  headers: string[];
  rows: StagedRow[];
  detected: ColumnMapping;
  mapping: ColumnMapping;
  rules: Record<string, SpendRule>;
  defaults: ImportDefaults;
  encoding: string;
  bom: string;
};

/** Rows written per INSERT; the commit yields to the event loop between batches. */
export const COMMIT_BATCH_SIZE = 200;
/** How many service values the preview offers mapping rules for (the biggest by spend). */
export const RULES_SHOWN = 100;

export const DEFAULT_IMPORT_DEFAULTS: ImportDefaults = {
  agencyId: null,
  localityId: null,
  category: "universal",
  vulnerableShareBp: 0,
  approach: "universal",
};

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const LONG_DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** The workspace's areas (localities are kept by the case-evidence domain; spend only reads them). */
export async function listLocalityOptions(workspaceId: string, tx: Tx = db()) {
  return tx
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(eq(localities.workspaceId, workspaceId))
    .orderBy(asc(localities.position), asc(localities.name));
}

export async function listAgencyOptions(workspaceId: string, tx: Tx = db()) {
  return tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.workspaceId, workspaceId))
    .orderBy(asc(agencies.name));
}

/** The rules saved for a source, keyed by value. */
export async function loadSavedRules(
  workspaceId: string,
  source: string,
  tx: Tx = db(),
): Promise<Record<string, SpendRule>> {
  const rows = await tx
    .select()
    .from(spendMappingRules)
    .where(
      and(
        eq(spendMappingRules.workspaceId, workspaceId),
        eq(spendMappingRules.sourceKey, valueKey(source)),
      ),
    );
  return Object.fromEntries(
    rows.map((r) => [
      r.valueKey,
      {
        value: r.value,
        agencyId: r.agencyId,
        service: r.service,
        category: r.category,
        vulnerableShareBp: r.vulnerableShareBp,
        approach: r.approach,
      },
    ]),
  );
}

/** A preview of exactly this file still open, so a second upload reuses it. */
async function findOpenPreview(workspaceId: string, fileSha256: string) {
  const [row] = await db()
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, workspaceId),
        eq(imports.kind, "spend"),
        eq(imports.fileSha256, fileSha256),
        eq(imports.status, "preview"),
      ),
    )
    .orderBy(desc(imports.createdAt))
    .limit(1);
  return row ?? null;
}

export type CreateImportResult =
  | { ok: true; id: string; reused: boolean }
  | { ok: false; message: string; field: "file" | "source" };

/**
 * Stages an uploaded file: refuses one already imported into this workspace (same SHA-256),
 * reuses a preview already open for the same bytes, and otherwise stores the parsed rows with the
 * detected mapping and the source's saved rules. Writes nothing but the staged import.
 */
export async function createSpendImport(
  actor: SpendActor,
  workspaceId: string,
  input: { fileName: string; bytes: Uint8Array; source: string },
): Promise<CreateImportResult> {
  const fileSha256 = sha256(input.bytes);
  const [committed, open] = await Promise.all([findCommittedImportOfFile(workspaceId, "spend", fileSha256), findOpenPreview(workspaceId, fileSha256)]);
  if (committed) {
    const when = committed.committedAt ? ` on ${LONG_DATE.format(committed.committedAt)}` : "";
    return {
      ok: false,
      field: "file",
      message: `This file was already imported${when} (as “${committed.fileName}”). Importing it again would count its spend twice.`,
    };
  }
  if (open) return { ok: true, id: open.id, reused: true };

  const read = await readSpendFile(input.bytes);
  if (!read.ok) return { ok: false, field: "file", message: read.message };
  const source = (input.source.trim() || read.suggestedSource).slice(0, 200);
  if (!source)
    return {
      ok: false,
      field: "source",
      message: "Enter who published the file, such as “East Lothian Council”",
    };

  const rules = await loadSavedRules(workspaceId, source);
  const payload: SpendImportPayload = {
    headers: read.headers,
    rows: read.rows,
    detected: read.mapping,
    mapping: read.mapping,
    rules,
    defaults: DEFAULT_IMPORT_DEFAULTS,
    encoding: read.encoding,
    bom: read.bom,
  };
  const id = newId();
  const revision = randomUUID();
  const { preview, context } = await computePreviewWithContext(workspaceId, payload, db());
  await db().transaction(async (tx) => {
    await tx.insert(imports).values({
      id,
      workspaceId,
      kind: "spend",
      status: "preview",
      fileName: input.fileName.slice(0, 255) || "upload.csv",
      fileSha256,
      source,
      payload,
      summary: summarise(preview, revision),
      createdBy: actor.userId,
    });
    await recordAudit(
      {
        kind: "spend.import_staged",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "import",
        targetId: id,
        detail: { fileName: input.fileName, rows: read.rows.length, source },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
  keepPreview(id, { revision, context, payload, preview });
  return { ok: true, id, reused: false };
}

function summarise(preview: SpendPreview, revision?: string) {
  return {
    lines: preview.drafts.length,
    totalPence: preview.totalPence,
    credits: preview.credits,
    unreadable: preview.problems.length,
    ...(revision ? { revision } : {}),
  };
}

/*
 * The previews this process has computed, by import. A preview is a pure function of the staged
 * payload and the workspace's agencies and areas (names resolve to ids), so it is reused while the
 * payload's revision — a random id stored with the summary whenever the payload is written, in
 * any process — and those lists are what they were. The page and the commit then neither parse
 * the staged rows again nor recompute them (ADR 013). Small files only, and a few at a time.
 */
type CachedPreview = {
  revision: string;
  context: string;
  payload: SpendImportPayload;
  preview: SpendPreview;
};
const previews = new Map<string, CachedPreview>();
const PREVIEWS_KEPT = 4;
const PREVIEW_CACHE_MAX_ROWS = 50_000;

function keepPreview(importId: string, entry: CachedPreview) {
  previews.delete(importId);
  if (entry.payload.rows.length > PREVIEW_CACHE_MAX_ROWS) return;
  previews.set(importId, entry);
  while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value as string);
}

type PreviewContext = Awaited<ReturnType<typeof previewContext>>;

async function previewContext(workspaceId: string, tx: Tx) {
  const [agencyList, localityList] = await Promise.all([
    listAgencyOptions(workspaceId, tx),
    listLocalityOptions(workspaceId, tx),
  ]);
  return {
    agencies: agencyList,
    localities: localityList,
    key: JSON.stringify([agencyList, localityList]),
  };
}

export async function computePreview(
  workspaceId: string,
  payload: SpendImportPayload,
  tx: Tx = db(),
): Promise<SpendPreview> {
  return (await computePreviewWithContext(workspaceId, payload, tx)).preview;
}

async function computePreviewWithContext(
  workspaceId: string,
  payload: SpendImportPayload,
  tx: Tx,
): Promise<{ preview: SpendPreview; context: string }> {
  const context = await previewContext(workspaceId, tx);
  return { preview: await previewIn(context, payload), context: context.key };
}

function previewIn(context: PreviewContext, payload: SpendImportPayload) {
  return buildSpendPreviewInSlices(
    { ...payload, agencies: context.agencies, localities: context.localities },
    nextTurn,
  );
}

export type StagedImport = {
  id: string;
  status: "preview" | "committed" | "discarded";
  fileName: string;
  source: string;
  createdAt: number;
  committedAt: number | null;
  summary: Record<string, unknown> | null;
  payload: SpendImportPayload;
};

const importHead = {
  id: imports.id,
  status: imports.status,
  fileName: imports.fileName,
  source: imports.source,
  createdAt: imports.createdAt,
  committedAt: imports.committedAt,
  summary: imports.summary,
};

function thisImport(workspaceId: string, importId: string) {
  return and(
    eq(imports.id, importId),
    eq(imports.workspaceId, workspaceId),
    eq(imports.kind, "spend"),
  );
}

export async function getSpendImport(
  workspaceId: string,
  importId: string,
  tx: Tx = db(),
): Promise<StagedImport | null> {
  const [row] = await tx
    .select({ ...importHead, payload: imports.payload })
    .from(imports)
    .where(thisImport(workspaceId, importId))
    .limit(1);
  return row
    ? { ...row, summary: row.summary ?? null, payload: row.payload as SpendImportPayload }
    : null;
}

export type OpenSpendImport =
  | (Omit<StagedImport, "payload"> & { open: false })
  | (StagedImport & { open: true; preview: SpendPreview });

/**
 * An import with, while it awaits confirmation, its payload and preview — reused from this
 * process's cache when the stored revision and the workspace's agencies and areas are unchanged,
 * otherwise read and recomputed (and kept for next time).
 */
export async function getSpendImportPreview(
  workspaceId: string,
  importId: string,
  tx: Tx = db(),
): Promise<OpenSpendImport | null> {
  const [head] = await tx
    .select(importHead)
    .from(imports)
    .where(thisImport(workspaceId, importId))
    .limit(1);
  if (!head) return null;
  const summary = head.summary ?? null;
  if (head.status !== "preview") return { ...head, summary, open: false };
  const revision = typeof summary?.revision === "string" ? summary.revision : "";
  const context = await previewContext(workspaceId, tx);
  const cached = previews.get(importId);
  if (cached && revision && cached.revision === revision && cached.context === context.key)
    return { ...head, summary, open: true, payload: cached.payload, preview: cached.preview };
  const [row] = await tx
    .select({ payload: imports.payload })
    .from(imports)
    .where(eq(imports.id, importId))
    .limit(1);
  const payload = row.payload as SpendImportPayload;
  const preview = await previewIn(context, payload);
  if (revision) keepPreview(importId, { revision, context: context.key, payload, preview });
  return { ...head, summary, open: true, payload, preview };
}

export async function listSpendImports(workspaceId: string) {
  return db()
    .select(importHead)
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.kind, "spend")))
    .orderBy(desc(imports.createdAt))
    .limit(50);
}

export type ImportChoices = {
  /** The part each column plays, by column index. */
  roles: Array<ColumnRole | undefined>;
  defaults: ImportDefaults;
  rules: Array<SpendRule & { key: string }>;
};

/**
 * The person's changes in the preview: column mapping, defaults and mapping rules. Agencies and
 * areas must be this workspace's; a column plays at most one part.
 */
export async function updateSpendImport(
  actor: SpendActor,
  workspaceId: string,
  importId: string,
  choices: ImportChoices,
): Promise<"ok" | "not-found" | "not-open"> {
  const outcome = await db().transaction(async (tx) => {
    const staged = await getSpendImport(workspaceId, importId, tx);
    if (!staged) return "not-found" as const;
    if (staged.status !== "preview") return "not-open" as const;
    const errors: Record<string, string[]> = {};
    const mapping = emptyMapping();
    const headers = staged.payload.headers;
    choices.roles.forEach((role, column) => {
      if (!role || column >= headers.length) return;
      const other = mapping[role];
      if (other !== null)
        errors[`role[${column}]`] = [
          `“${headers[other]}” and “${headers[column]}” are both chosen as ${COLUMN_ROLE_LABELS[role]}: choose one`,
        ];
      else mapping[role] = column;
    });
    const agencyIds = new Set((await listAgencyOptions(workspaceId, tx)).map((a) => a.id));
    const localityIds = new Set((await listLocalityOptions(workspaceId, tx)).map((l) => l.id));
    if (choices.defaults.agencyId && !agencyIds.has(choices.defaults.agencyId))
      errors["defaults.agencyId"] = ["Choose an agency of this workspace"];
    if (choices.defaults.localityId && !localityIds.has(choices.defaults.localityId))
      errors["defaults.localityId"] = ["Choose an area of this workspace"];
    choices.rules.forEach((rule, i) => {
      if (rule.agencyId && !agencyIds.has(rule.agencyId))
        errors[`rule.${i}.agencyId`] = [`Choose an agency of this workspace for “${rule.value}”`];
    });
    if (Object.keys(errors).length) throw new InputError(errors);
    const rules = { ...staged.payload.rules };
    for (const { key, ...rule } of choices.rules) rules[key] = rule;
    const payload: SpendImportPayload = {
      ...staged.payload,
      mapping,
      defaults: choices.defaults,
      rules,
    };
    const revision = randomUUID();
    const { preview, context } = await computePreviewWithContext(workspaceId, payload, tx);
    await tx
      .update(imports)
      .set({ payload, summary: summarise(preview, revision) })
      .where(eq(imports.id, importId));
    await recordAudit(
      {
        kind: "spend.import_mapping_changed",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "import",
        targetId: importId,
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { revision, context, payload, preview };
  });
  if (typeof outcome === "string") return outcome;
  keepPreview(importId, outcome);
  return "ok";
}

/**
 * One INSERT … SELECT over a JSON array of the batch's lines. Building a many-row VALUES list
 * through the query builder cost more than the database's own work (ADR 013); here the lines
 * travel as one parameter and SQLite reads them with json_each.
 */
async function insertDrafts(
  tx: Tx,
  drafts: SpendDraft[],
  common: { workspaceId: string; source: string; importId: string; createdBy: string },
) {
  const rows = JSON.stringify(
    drafts.map((d) => [
      // randomUUID, not cuid2: cuid2 hashes each id, which costs seconds over a large file.
      randomUUID(),
      d.financialYear,
      d.agencyId,
      d.service,
      d.localityId,
      d.category,
      d.amountPence,
      d.vulnerableShareBp,
      d.approach,
      d.notes,
    ]),
  );
  await tx.run(sql`
    INSERT INTO ${spendLines} (id, workspace_id, financial_year, agency_id, service, locality_id,
      category, amount_pence, vulnerable_share_bp, approach, notes, source, import_id, created_by)
    SELECT value ->> 0, ${common.workspaceId}, value ->> 1, value ->> 2, value ->> 3, value ->> 4,
      value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9,
      ${common.source}, ${common.importId}, ${common.createdBy}
    FROM json_each(${rows})`);
}

export type CommitResult =
  { ok: true; lines: number; totalPence: number } | { ok: false; message: string };

/**
 * Writes every readable line of the preview, the source's mapping rules and the import's status
 * in one transaction: all or nothing. `expected` is what the person saw; if the preview has
 * changed since (another tab changed the mapping) nothing is written.
 */
export async function commitSpendImport(
  actor: SpendActor,
  workspaceId: string,
  importId: string,
  expected: { lines: number; totalPence: number },
  options: { batchSize?: number } = {},
): Promise<CommitResult | "not-found"> {
  const batchSize = options.batchSize ?? COMMIT_BATCH_SIZE;
  try {
    return await db().transaction(async (tx): Promise<CommitResult | "not-found"> => {
      const staged = await getSpendImportPreview(workspaceId, importId, tx);
      if (!staged) return "not-found";
      if (staged.status === "committed")
        return { ok: false, message: "This import has already been committed." };
      if (!staged.open)
        return {
          ok: false,
          message: "This import was discarded. Upload the file again to import it.",
        };
      const { preview } = staged;
      if (preview.mappingErrors.length)
        return { ok: false, message: preview.mappingErrors.join(" ") };
      if (preview.drafts.length === 0)
        return {
          ok: false,
          message: "No line of the file can be read, so there is nothing to import.",
        };
      if (preview.drafts.length !== expected.lines || preview.totalPence !== expected.totalPence) {
        return {
          ok: false,
          message: `The preview has changed since you saw it (it now has ${preview.drafts.length} lines, ${formatPence(preview.totalPence)}). Check it and confirm again.`,
        };
      }
      for (let at = 0; at < preview.drafts.length; at += batchSize) {
        await insertDrafts(tx, preview.drafts.slice(at, at + batchSize), {
          workspaceId,
          source: staged.source,
          importId,
          createdBy: actor.userId,
        });
        // Other people's requests run between batches: a big file must not freeze the server.
        await nextTurn();
      }
      const sourceKey = valueKey(staged.source);
      const used = new Set(preview.serviceValues.map((v) => v.key));
      const now = Date.now();
      for (const [key, rule] of Object.entries(staged.payload.rules)) {
        if (!used.has(key)) continue;
        const values = { ...rule, updatedBy: actor.userId, updatedAt: now };
        await tx
          .insert(spendMappingRules)
          .values({ id: newId(), workspaceId, sourceKey, valueKey: key, ...values })
          .onConflictDoUpdate({
            target: [
              spendMappingRules.workspaceId,
              spendMappingRules.sourceKey,
              spendMappingRules.valueKey,
            ],
            set: values,
          });
      }
      const summary = summarise(preview);
      await tx
        .update(imports)
        // The staged rows have served their purpose: the lines are written. Keeping a copy of the
        // file would only be more personal data held (and a few MB rewritten with every update).
        .set({ status: "committed", committedAt: now, summary, payload: null })
        .where(eq(imports.id, importId));
      await recordAudit(
        {
          kind: "spend.import_committed",
          workspaceId,
          actorUserId: actor.userId,
          targetType: "import",
          targetId: importId,
          detail: { ...summary, source: staged.source },
          ipAddress: actor.ipAddress,
        },
        tx,
      );
      previews.delete(importId);
      return { ok: true, lines: preview.drafts.length, totalPence: preview.totalPence };
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const why = /FOREIGN KEY/i.test(text)
      ? "a line refers to an agency or area that has been removed since the preview"
      : "the database refused a line";
    return {
      ok: false,
      message: `The import could not be written (${why}), so nothing was imported. Check the preview and try again.`,
    };
  }
}

export async function discardSpendImport(
  actor: SpendActor,
  workspaceId: string,
  importId: string,
): Promise<boolean> {
  return db().transaction(async (tx) => {
    const staged = await getSpendImport(workspaceId, importId, tx);
    if (!staged || staged.status !== "preview") return false;
    previews.delete(importId);
    await tx
      .update(imports)
      .set({ status: "discarded", payload: null })
      .where(eq(imports.id, importId));
    await recordAudit(
      {
        kind: "spend.import_discarded",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "import",
        targetId: importId,
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}
