import { eq, sql } from "drizzle-orm";

import { workspaces } from "../../../db/schema/core";
import { db, type Tx } from "../../utils/db.server";
import { recordAudit } from "../audit/audit.server";
import { evictLoadedDocuments } from "../retention/evict-documents.server";
import type { SettingsActor } from "./workspace-settings.server";

/** Tables whose rows outlive the workspace on purpose: the audit trail (no foreign key). */
const KEPT_TABLES = new Set(["audit_events"]);

/**
 * Every table with a `workspace_id` column, read from the database itself rather than from a
 * list in code, so a table added later is counted (and its rows checked) without anyone
 * remembering to add it here. FTS5 shadow tables are skipped; their virtual table is listed.
 */
async function tablesWithWorkspaceColumn(tx: Tx): Promise<string[]> {
  const rows = await tx.all<{ name: string }>(sql`
    select m.name from sqlite_master m
    where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '%_data' and m.name not like '%_idx'
      and m.name not like '%_content' and m.name not like '%_docsize' and m.name not like '%_config'
      and exists (select 1 from pragma_table_info(m.name) c where c.name = 'workspace_id')
    order by m.name`);
  return rows.map((r) => r.name).filter((name) => !KEPT_TABLES.has(name));
}

export type DeletionResult =
  { ok: true; name: string; removed: Record<string, number> } | { ok: false; reason: "not-found" };

/**
 * Deletes the workspace and everything in it in one transaction: rows of every table that names
 * it (most go by `on delete cascade` from `workspaces`; the search index and anything else
 * without a foreign key are deleted by `workspace_id` here), its collaboration state and update
 * log included. The audit record is written in the same transaction and, having no foreign
 * key, outlives it.
 */
export async function deleteWorkspace(
  actor: SettingsActor,
  workspaceId: string,
): Promise<DeletionResult> {
  await evictLoadedDocuments({ workspaceId });
  return db().transaction(async (tx): Promise<DeletionResult> => {
    const [workspace] = await tx
      .select({ name: workspaces.name, slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!workspace) return { ok: false, reason: "not-found" };
    const removed: Record<string, number> = {};
    for (const table of await tablesWithWorkspaceColumn(tx)) {
      if (table === "workspaces") continue;
      const [row] = await tx.all<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
      );
      if (row && row.n > 0) removed[table] = row.n;
      // Explicit even where a cascade would do it: a table without a foreign key is covered too.
      await tx.run(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
    }
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
    await recordAudit(
      {
        kind: "workspace.deleted",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "workspace",
        targetId: workspaceId,
        detail: { name: workspace.name, slug: workspace.slug, removed },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, name: workspace.name, removed };
  });
}
