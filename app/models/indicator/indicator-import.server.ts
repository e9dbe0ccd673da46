import { createHash } from "node:crypto";

import { and, eq } from "drizzle-orm";

import { imports } from "../../../db/schema/imports";
import { indicators, indicatorValues } from "../../../db/schema/indicators";
import { formatDate } from "../../utils/dates";
import { db } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { findCommittedImportOfFile } from "../import/staged-import.server";
import type { Actor } from "../set/set.server";
import { parseIndicatorCsv, type BadRow, type CsvRow, type ParsedCsv } from "./indicator-csv";

export type StageResult = { ok: true; importId: string } | { ok: false; message: string };

/** Parses the upload and stages it as an import in preview; nothing else is written. */
export async function stageIndicatorImport(actor: Actor, workspaceId: string, file: { name: string; bytes: Uint8Array }): Promise<StageResult> {
  const parsed = parseIndicatorCsv(file.bytes);
  if (!parsed.ok) return parsed;
  const sha = createHash("sha256").update(file.bytes).digest("hex");
  const already = await findCommittedImportOfFile(workspaceId, "indicator_values", sha);
  if (already)
    return {
      ok: false,
      message: `This file was already imported${already.committedAt ? ` on ${formatDate(already.committedAt)}` : ""} (as “${already.fileName}”): its values are in the indicators.`,
    };
  const id = newId();
  await db()
    .insert(imports)
    .values({
      id,
      workspaceId,
      kind: "indicator_values",
      fileName: file.name.slice(0, 200),
      fileSha256: sha,
      payload: parsed.file,
      summary: { rows: parsed.file.rows.length, bad: parsed.file.bad.length, layout: parsed.file.layout },
      createdBy: actor.userId,
    });
  return { ok: true, importId: id };
}

export type PreviewRow = CsvRow & { indicatorId: string; indicatorName: string; replaces: string | null };

export type Preview = {
  id: string;
  fileName: string;
  status: "preview" | "committed" | "discarded";
  layout: ParsedCsv["layout"];
  councils: string[];
  /** The council chosen (LGBF files with several councils), or null. */
  council: string | null;
  needsCouncil: boolean;
  rows: PreviewRow[];
  bad: BadRow[];
};

/**
 * What the commit would write: the staged rows for the chosen council, matched to the
 * workspace's indicators by code or name; rows that match none, or repeat a period, are listed as
 * bad with their line numbers and left out.
 */
export async function previewIndicatorImport(workspaceId: string, importId: string, council: string | null): Promise<Preview | null> {
  const [row] = await db()
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId), eq(imports.kind, "indicator_values")))
    .limit(1);
  if (!row) return null;
  const file = row.payload as ParsedCsv;
  const chosen = council && file.councils.includes(council) ? council : file.councils.length === 1 ? file.councils[0] : null;
  const needsCouncil = file.councils.length > 1 && chosen === null;
  const list = await db().select({ id: indicators.id, name: indicators.name, code: indicators.code }).from(indicators).where(eq(indicators.workspaceId, workspaceId));
  const byKey = new Map<string, { id: string; name: string }>();
  for (const i of list) {
    byKey.set(i.name.trim().toLowerCase(), i);
    if (i.code) byKey.set(i.code.trim().toLowerCase(), i);
  }
  const existing = await db()
    .select({ indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(eq(indicators.workspaceId, workspaceId));
  const existingValue = new Map(existing.map((e) => [`${e.indicatorId}|${e.period}`, e.value]));
  const bad: BadRow[] = [...file.bad];
  const rows: PreviewRow[] = [];
  const seen = new Map<string, number>();
  for (const r of file.rows) {
    if (chosen !== null && r.council !== chosen) continue;
    const match = byKey.get(r.indicator.toLowerCase());
    if (!match) {
      bad.push({ line: r.line, reason: `No indicator in this workspace has the ${file.layout === "lgbf" ? "code" : "name or code"} “${r.indicator.slice(0, 80)}”.` });
      continue;
    }
    const k = `${match.id}|${r.period}`;
    const first = seen.get(k);
    if (first !== undefined) {
      bad.push({ line: r.line, reason: `${match.name} already has a value for ${r.period} on line ${first}.` });
      continue;
    }
    seen.set(k, r.line);
    rows.push({ ...r, indicatorId: match.id, indicatorName: match.name, replaces: existingValue.get(k) ?? null });
  }
  bad.sort((a, b) => a.line - b.line);
  return { id: row.id, fileName: row.fileName, status: row.status, layout: file.layout, councils: file.councils, council: chosen, needsCouncil, rows: needsCouncil ? [] : rows, bad: needsCouncil ? file.bad : bad };
}

export type CommitResult = { ok: true; written: number } | { ok: false; message: string };

/** Writes every readable row in one transaction (a value for the same period is replaced). */
export async function commitIndicatorImport(actor: Actor, workspaceId: string, importId: string, council: string | null): Promise<CommitResult | null> {
  const preview = await previewIndicatorImport(workspaceId, importId, council);
  if (!preview) return null;
  if (preview.status !== "preview") return { ok: false, message: "This import has already been committed." };
  if (preview.needsCouncil) return { ok: false, message: "Choose the council whose values to import." };
  if (preview.rows.length === 0) return { ok: false, message: "There are no values to import: every row is listed below with the reason it cannot be read." };
  return db().transaction(async (tx) => {
    // Re-checked inside the transaction: two people committing the same preview at once.
    const [current] = await tx.select({ status: imports.status }).from(imports).where(eq(imports.id, importId)).limit(1);
    if (current?.status !== "preview") return { ok: false as const, message: "This import has already been committed." };
    const now = Date.now();
    for (const r of preview.rows) {
      await tx
        .insert(indicatorValues)
        .values({ id: newId(), indicatorId: r.indicatorId, period: r.period, periodStart: r.periodStart, value: r.value, valueMicros: r.micros, note: r.note, source: r.source, importId, createdBy: actor.userId })
        .onConflictDoUpdate({
          target: [indicatorValues.indicatorId, indicatorValues.period],
          set: { periodStart: r.periodStart, value: r.value, valueMicros: r.micros, note: r.note, source: r.source, importId, updatedAt: now },
        });
    }
    await tx
      .update(imports)
      .set({ status: "committed", committedAt: now, summary: { rows: preview.rows.length, bad: preview.bad.length, layout: preview.layout, council: preview.council } })
      .where(eq(imports.id, importId));
    await recordAudit(
      {
        kind: "indicator.values_imported",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "import",
        targetId: importId,
        detail: { rows: preview.rows.length, skipped: preview.bad.length, council: preview.council, fileName: preview.fileName },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true as const, written: preview.rows.length };
  });
}
