import { and, asc, count, eq } from "drizzle-orm";

import { memberships, workspaces } from "../../../db/schema/core";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";

export class SlugTakenError extends Error {
  constructor() {
    super("This web address is already in use; choose another");
  }
}

/** Creates a workspace with its creator as owner, in one transaction. */
export async function createWorkspace(
  actor: { userId: string; ipAddress?: string },
  input: { name: string; slug: string; description?: string },
  tx?: Tx,
): Promise<{ id: string; slug: string }> {
  const run = async (t: Tx) => {
    const taken = await t.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, input.slug)).limit(1);
    if (taken.length > 0) throw new SlugTakenError();
    const id = newId();
    await t.insert(workspaces).values({
      id,
      slug: input.slug,
      name: input.name,
      description: input.description ?? "",
      createdBy: actor.userId,
    });
    await t.insert(memberships).values({ id: newId(), workspaceId: id, userId: actor.userId, role: "owner" });
    await recordAudit(
      { kind: "workspace.created", workspaceId: id, actorUserId: actor.userId, targetType: "workspace", targetId: id, ipAddress: actor.ipAddress },
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
  const [row] = await db().select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
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
