import { and, asc, eq, ne } from "drizzle-orm";

import { workspaces } from "../../../db/schema/core";
import { localities } from "../../../db/schema/places";
import { workspaceSlugHistory } from "../../../db/schema/settings";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { isSlugTaken } from "./workspace.server";

export type SettingsActor = { userId: string; ipAddress?: string };

export type DetailsResult =
  { ok: true; slug: string } | { ok: false; reason: "slug-taken" | "not-found" };

/**
 * Name, description and web address in one transaction. The address it had before is kept in
 * `workspace_slug_history` so old links redirect; going back to an address it used before
 * takes that address out of the history again.
 */
export async function updateWorkspaceDetails(
  actor: SettingsActor,
  workspaceId: string,
  input: { name: string; slug: string; description: string },
): Promise<DetailsResult> {
  return db().transaction(async (tx): Promise<DetailsResult> => {
    const [current] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .limit(1);
    if (!current) return { ok: false, reason: "not-found" };
    if (input.slug !== current.slug) {
      if (await isSlugTaken(tx, input.slug, workspaceId))
        return { ok: false, reason: "slug-taken" };
      await tx.delete(workspaceSlugHistory).where(eq(workspaceSlugHistory.slug, input.slug));
      await tx
        .insert(workspaceSlugHistory)
        .values({ slug: current.slug, workspaceId, retiredAt: Date.now() });
    }
    await tx
      .update(workspaces)
      .set({
        name: input.name,
        slug: input.slug,
        description: input.description,
        updatedAt: Date.now(),
      })
      .where(eq(workspaces.id, workspaceId));
    const changed = (["name", "slug", "description"] as const).filter(
      (key) => current[key] !== input[key],
    );
    if (changed.length > 0) {
      await recordAudit(
        {
          kind: "workspace.updated",
          workspaceId,
          actorUserId: actor.userId,
          targetType: "workspace",
          targetId: workspaceId,
          detail: Object.fromEntries(
            changed.map((key) => [key, { from: current[key], to: input[key] }]),
          ),
          ipAddress: actor.ipAddress,
        },
        tx,
      );
    }
    return { ok: true, slug: input.slug };
  });
}

export async function listPreviousSlugs(workspaceId: string): Promise<string[]> {
  const rows = await db()
    .select({ slug: workspaceSlugHistory.slug })
    .from(workspaceSlugHistory)
    .where(eq(workspaceSlugHistory.workspaceId, workspaceId))
    .orderBy(asc(workspaceSlugHistory.retiredAt));
  return rows.map((r) => r.slug);
}

// ——— Localities ———

export type LocalityRow = { id: string; name: string; position: number; archivedAt: number | null };

/** Active localities in the workspace's order, then archived ones by name. */
export async function listLocalities(
  workspaceId: string,
): Promise<{ active: LocalityRow[]; archived: LocalityRow[] }> {
  const rows = await db()
    .select({
      id: localities.id,
      name: localities.name,
      position: localities.position,
      archivedAt: localities.archivedAt,
    })
    .from(localities)
    .where(eq(localities.workspaceId, workspaceId))
    .orderBy(asc(localities.position), asc(localities.name));
  return {
    active: rows.filter((r) => r.archivedAt === null),
    archived: rows
      .filter((r) => r.archivedAt !== null)
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
  };
}

async function localityNameTaken(
  tx: Tx,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(
      and(
        eq(localities.workspaceId, workspaceId),
        exceptId ? ne(localities.id, exceptId) : undefined,
      ),
    );
  return rows.some((r) => r.name.toLocaleLowerCase("en-GB") === name.toLocaleLowerCase("en-GB"));
}

export type LocalityResult =
  { ok: true; name: string } | { ok: false; reason: "name-taken" | "not-found" };

async function auditLocality(
  tx: Tx,
  actor: SettingsActor,
  workspaceId: string,
  kind: string,
  id: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(
    {
      kind,
      workspaceId,
      actorUserId: actor.userId,
      targetType: "locality",
      targetId: id,
      detail,
      ipAddress: actor.ipAddress,
    },
    tx,
  );
}

export async function addLocality(
  actor: SettingsActor,
  workspaceId: string,
  name: string,
): Promise<LocalityResult> {
  return db().transaction(async (tx): Promise<LocalityResult> => {
    if (await localityNameTaken(tx, workspaceId, name)) return { ok: false, reason: "name-taken" };
    const existing = await tx
      .select({ position: localities.position })
      .from(localities)
      .where(eq(localities.workspaceId, workspaceId));
    const position = existing.reduce((max, r) => Math.max(max, r.position + 1), 0);
    const id = newId();
    await tx.insert(localities).values({ id, workspaceId, name, position });
    await auditLocality(tx, actor, workspaceId, "locality.created", id, { name });
    return { ok: true, name };
  });
}

export async function renameLocality(
  actor: SettingsActor,
  workspaceId: string,
  localityId: string,
  name: string,
): Promise<LocalityResult> {
  return db().transaction(async (tx): Promise<LocalityResult> => {
    const [row] = await tx
      .select({ name: localities.name })
      .from(localities)
      .where(and(eq(localities.id, localityId), eq(localities.workspaceId, workspaceId)));
    if (!row) return { ok: false, reason: "not-found" };
    if (await localityNameTaken(tx, workspaceId, name, localityId))
      return { ok: false, reason: "name-taken" };
    await tx
      .update(localities)
      .set({ name, updatedAt: Date.now() })
      .where(eq(localities.id, localityId));
    await auditLocality(tx, actor, workspaceId, "locality.renamed", localityId, {
      from: row.name,
      to: name,
    });
    return { ok: true, name };
  });
}

export async function setLocalityArchived(
  actor: SettingsActor,
  workspaceId: string,
  localityId: string,
  archived: boolean,
): Promise<LocalityResult> {
  return db().transaction(async (tx): Promise<LocalityResult> => {
    const [row] = await tx
      .select({ name: localities.name })
      .from(localities)
      .where(and(eq(localities.id, localityId), eq(localities.workspaceId, workspaceId)));
    if (!row) return { ok: false, reason: "not-found" };
    await tx
      .update(localities)
      .set({ archivedAt: archived ? Date.now() : null, updatedAt: Date.now() })
      .where(eq(localities.id, localityId));
    await auditLocality(
      tx,
      actor,
      workspaceId,
      archived ? "locality.archived" : "locality.restored",
      localityId,
      { name: row.name },
    );
    return { ok: true, name: row.name };
  });
}

/**
 * Moves an active locality one place up or down the list. Positions are rewritten 0…n-1 in the
 * same transaction, so gaps or ties left by earlier edits never make a move do nothing.
 */
export async function moveLocality(
  actor: SettingsActor,
  workspaceId: string,
  localityId: string,
  direction: "up" | "down",
): Promise<LocalityResult> {
  return db().transaction(async (tx): Promise<LocalityResult> => {
    const rows = await tx
      .select({ id: localities.id, name: localities.name, archivedAt: localities.archivedAt })
      .from(localities)
      .where(eq(localities.workspaceId, workspaceId))
      .orderBy(asc(localities.position), asc(localities.name));
    const active = rows.filter((r) => r.archivedAt === null);
    const index = active.findIndex((r) => r.id === localityId);
    if (index < 0) return { ok: false, reason: "not-found" };
    const target = direction === "up" ? index - 1 : index + 1;
    if (target >= 0 && target < active.length)
      [active[index], active[target]] = [active[target], active[index]];
    for (const [position, row] of active.entries()) {
      await tx.update(localities).set({ position }).where(eq(localities.id, row.id));
    }
    const name = rows.find((r) => r.id === localityId)?.name ?? "";
    await auditLocality(tx, actor, workspaceId, "locality.moved", localityId, { name, direction });
    return { ok: true, name };
  });
}
