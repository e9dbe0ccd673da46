import { and, asc, count, eq } from "drizzle-orm";

import { memberships, workspaces } from "../../../db/schema/core";
import { workspaceSlugHistory } from "../../../db/schema/settings";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";

export class SlugTakenError extends Error {
  constructor() {
    super("This web address is already in use; choose another");
  }
}

/**
 * True when another workspace uses this web address now or used it before: an old address keeps
 * redirecting to its workspace, so it is never handed to a different one.
 */
export async function isSlugTaken(
  tx: Tx,
  slug: string,
  exceptWorkspaceId?: string,
): Promise<boolean> {
  const [current] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, slug))
    .limit(1);
  if (current && current.id !== exceptWorkspaceId) return true;
  const [previous] = await tx
    .select({ id: workspaceSlugHistory.workspaceId })
    .from(workspaceSlugHistory)
    .where(eq(workspaceSlugHistory.slug, slug))
    .limit(1);
  return Boolean(previous && previous.id !== exceptWorkspaceId);
}

/** The current slug of the workspace that used to have this one, or null. */
export async function findRenamedWorkspaceSlug(
  previousSlug: string,
): Promise<{ workspaceId: string; slug: string } | null> {
  const [row] = await db()
    .select({ workspaceId: workspaces.id, slug: workspaces.slug })
    .from(workspaceSlugHistory)
    .innerJoin(workspaces, eq(workspaces.id, workspaceSlugHistory.workspaceId))
    .where(eq(workspaceSlugHistory.slug, previousSlug))
    .limit(1);
  return row ?? null;
}

/** Creates a workspace with its creator as owner, in one transaction. */
export async function createWorkspace(
  actor: { userId: string; ipAddress?: string },
  input: { name: string; slug: string; description?: string },
  tx?: Tx,
): Promise<{ id: string; slug: string }> {
  const run = async (t: Tx) => {
    if (await isSlugTaken(t, input.slug)) throw new SlugTakenError();
    const id = newId();
    await t.insert(workspaces).values({
      id,
      slug: input.slug,
      name: input.name,
      description: input.description ?? "",
      createdBy: actor.userId,
    });
    await t
      .insert(memberships)
      .values({ id: newId(), workspaceId: id, userId: actor.userId, role: "owner" });
    await recordAudit(
      {
        kind: "workspace.created",
        workspaceId: id,
        actorUserId: actor.userId,
        targetType: "workspace",
        targetId: id,
        ipAddress: actor.ipAddress,
      },
      t,
    );
    return { id, slug: input.slug };
  };
  return tx ? run(tx) : db().transaction(run);
}

export async function listMyWorkspaces(userId: string) {
  return db()
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      description: workspaces.description,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function countMembers(workspaceId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export async function isMember(workspaceId: string, userId: string): Promise<boolean> {
  const rows = await db()
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return rows.length > 0;
}
