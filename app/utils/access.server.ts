import { and, eq, sql } from "drizzle-orm";

import { memberships, workspaces, type Role } from "../../db/schema/core";
import { can, type Permission } from "../models/access/access.policy";
import { recordAudit } from "../models/audit/audit.server";
import { requireUser, type AuthSession, type AuthUser } from "./auth.server";
import { preparedOnce } from "./db.server";
import { memoForRequest } from "./request-scope.server";
import { getClientIp } from "./request.server";

export type WorkspaceAccess = {
  user: AuthUser;
  session: AuthSession;
  workspace: { id: string; slug: string; name: string; description: string };
  membership: { id: string; role: Role; agencyId: string | null };
  role: Role;
};

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "You do not have permission to do this."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** The signed-in user's membership of the workspace with this slug, or null. */
export async function findWorkspaceMembership(slug: string, userId: string) {
  return memoForRequest(`membership:${slug}:${userId}`, () => queryWorkspaceMembership(slug, userId));
}

/** Prepared once: this runs on every signed-in workspace request (ADR 008). */
const membershipQuery = preparedOnce((database) =>
  database
    .select({
      workspace: {
        id: workspaces.id,
        slug: workspaces.slug,
        name: workspaces.name,
        description: workspaces.description,
      },
      membership: { id: memberships.id, role: memberships.role, agencyId: memberships.agencyId },
    })
    .from(workspaces)
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, sql.placeholder("userId"))),
    )
    .where(eq(workspaces.slug, sql.placeholder("slug")))
    .limit(1)
    .prepare(),
);

async function queryWorkspaceMembership(slug: string, userId: string) {
  const [row] = await membershipQuery().all({ slug, userId });
  return row ?? null;
}

/**
 * The guard every workspace loader and action calls first. Not a member (or no such workspace):
 * 404, so a workspace's existence is not revealed. A member whose role lacks the permission: 403.
 * Both are audited as denied access.
 */
export async function requireWorkspaceAccess(
  request: Request,
  slug: string | undefined,
  permission: Permission,
): Promise<WorkspaceAccess> {
  const { user, session } = await requireUser(request);
  const found = slug ? await findWorkspaceMembership(slug, user.id) : null;
  const url = new URL(request.url);
  if (!found) {
    await recordAudit({
      kind: "access.denied",
      actorUserId: user.id,
      detail: { path: url.pathname, method: request.method, permission, reason: "not-a-member", slug },
      ipAddress: getClientIp(request),
    });
    throw notFound();
  }
  if (!can(found.membership.role, permission)) {
    await recordAudit({
      kind: "access.denied",
      workspaceId: found.workspace.id,
      actorUserId: user.id,
      detail: { path: url.pathname, method: request.method, permission, role: found.membership.role },
      ipAddress: getClientIp(request),
    });
    throw forbidden();
  }
  return { user, session, workspace: found.workspace, membership: found.membership, role: found.membership.role };
}

/** Records a denial decided by an object-level rule (e.g. a private log) and returns the 404/403. */
export async function denyAccess(
  access: Pick<WorkspaceAccess, "user" | "workspace">,
  request: Request,
  status: 403 | 404,
  detail: Record<string, unknown>,
): Promise<Response> {
  await recordAudit({
    kind: "access.denied",
    workspaceId: access.workspace.id,
    actorUserId: access.user.id,
    detail: { path: new URL(request.url).pathname, method: request.method, ...detail },
    ipAddress: getClientIp(request),
  });
  return status === 404 ? notFound() : forbidden();
}
