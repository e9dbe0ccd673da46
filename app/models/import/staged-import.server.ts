import { and, desc, eq, exists, type SQL } from "drizzle-orm";

import { journeyEvents } from "../../../db/schema/cases";
import { unitCosts } from "../../../db/schema/costs";
import { imports, type ImportKind } from "../../../db/schema/imports";
import { indicatorValues } from "../../../db/schema/indicators";
import { spendLines } from "../../../db/schema/spend";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";

/*
 * The two steps every import shares: the upload is parsed into a preview kept in `imports`
 * (nothing else written), then the preview's commit writes every row in one transaction. A
 * domain supplies the parsing and the writing; these functions keep the bookkeeping.
 */

export type StagedImport<P> = {
  id: string;
  kind: ImportKind;
  status: "preview" | "committed" | "discarded";
  fileName: string;
  fileSha256: string;
  source: string;
  payload: P;
  summary: Record<string, unknown>;
  createdBy: string | null;
  createdAt: number;
  committedAt: number | null;
};

export async function createStagedImport(input: {
  workspaceId: string;
  kind: ImportKind;
  fileName: string;
  fileSha256: string;
  source?: string;
  payload: unknown;
  summary: Record<string, unknown>;
  createdBy: string;
}): Promise<{ id: string }> {
  const id = newId();
  await db()
    .insert(imports)
    .values({ id, ...input, source: input.source ?? "", status: "preview" });
  return { id };
}

/** The import if it belongs to this workspace and kind, else null (callers answer 404). */
export async function getStagedImport<P>(workspaceId: string, kind: ImportKind, importId: string, tx: Tx = db()): Promise<StagedImport<P> | null> {
  const [row] = await tx
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId), eq(imports.kind, kind)))
    .limit(1);
  if (!row) return null;
  return { ...row, payload: row.payload as P, summary: row.summary ?? {} };
}

/**
 * Where each kind's rows remember the import that wrote them. A committed import whose rows have
 * all since been deleted no longer holds its file: importing it again counts nothing twice.
 */
const ROWS_OF: Partial<Record<ImportKind, (caseId?: string) => SQL>> = {
  spend: () => exists(db().select({ one: spendLines.id }).from(spendLines).where(eq(spendLines.importId, imports.id))),
  indicator_values: () => exists(db().select({ one: indicatorValues.id }).from(indicatorValues).where(eq(indicatorValues.importId, imports.id))),
  unit_costs: () => exists(db().select({ one: unitCosts.id }).from(unitCosts).where(eq(unitCosts.importId, imports.id))),
  journey_events: (caseId) =>
    exists(
      db()
        .select({ one: journeyEvents.id })
        .from(journeyEvents)
        .where(and(eq(journeyEvents.importId, imports.id), caseId ? eq(journeyEvents.caseId, caseId) : undefined)),
    ),
};

/**
 * The latest committed import of exactly this file in the workspace whose rows are still there
 * (for a journey, still in `caseId`'s journey), if any.
 */
export async function findCommittedImportOfFile(workspaceId: string, kind: ImportKind, fileSha256: string, options: { caseId?: string; tx?: Tx } = {}) {
  const { caseId, tx = db() } = options;
  const [row] = await tx
    .select({ id: imports.id, fileName: imports.fileName, committedAt: imports.committedAt })
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, workspaceId),
        eq(imports.kind, kind),
        eq(imports.fileSha256, fileSha256),
        eq(imports.status, "committed"),
        ROWS_OF[kind]?.(caseId),
      ),
    )
    .orderBy(desc(imports.committedAt))
    .limit(1);
  return row ?? null;
}

export class ImportStateError extends Error {}

/**
 * Commits a preview: in one transaction, claims the import (preview → committed, so two commits
 * racing cannot both write), runs the domain's `write`, and stores the summary it returns. If
 * `write` throws, the transaction rolls back and the import stays a preview.
 */
export async function commitStagedImport<P>(
  workspaceId: string,
  kind: ImportKind,
  importId: string,
  write: (tx: Tx, staged: StagedImport<P>) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  return db().transaction(async (tx) => {
    const staged = await getStagedImport<P>(workspaceId, kind, importId, tx);
    if (!staged) throw new ImportStateError("This import does not exist.");
    if (staged.status !== "preview") throw new ImportStateError(staged.status === "committed" ? "This import has already been committed." : "This import was discarded.");
    const claimed = await tx
      .update(imports)
      .set({ status: "committed", committedAt: Date.now() })
      .where(and(eq(imports.id, importId), eq(imports.status, "preview")))
      .returning({ id: imports.id });
    if (claimed.length !== 1) throw new ImportStateError("This import has already been committed.");
    const summary = await write(tx, staged);
    await tx
      .update(imports)
      .set({ summary: { ...staged.summary, ...summary } })
      .where(eq(imports.id, importId));
    return summary;
  });
}

/** Marks a preview discarded; returns false when it was not a preview of this workspace. */
export async function discardStagedImport(workspaceId: string, kind: ImportKind, importId: string): Promise<boolean> {
  const rows = await db()
    .update(imports)
    .set({ status: "discarded" })
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId), eq(imports.kind, kind), eq(imports.status, "preview")))
    .returning({ id: imports.id });
  return rows.length === 1;
}
