import { eq } from "drizzle-orm";

import { workspaces } from "../../../db/schema/core";
import { findWorkspaceMembership } from "../../utils/access.server";
import { getSessionFromRequest } from "../../utils/auth.server";
import { db } from "../../utils/db.server";
import { workspaceSlugParam } from "./workspace.schema";
import { findRenamedWorkspaceSlug, isMember } from "./workspace.server";

const WORKSPACE_PATH = /^\/w\/([^/]+)(\/.*)?$/;

/**
 * Where an old workspace link now lives: `/w/<old>/…` → `/w/<current>/…` (query kept), or null
 * when the path is not an old workspace address. Only a member of the workspace is redirected;
 * anyone else is left to the usual "not found", so an old address does not reveal the new one.
 * A member at a current address is answered from the session and membership the page's own
 * loaders read next, so in a request scope this costs a signed-in page no query (ADR 008).
 */
export async function redirectForPreviousSlug(request: Request): Promise<string | null> {
  const url = new URL(request.url);
  const match = WORKSPACE_PATH.exec(url.pathname);
  const parsed = workspaceSlugParam.safeParse(match?.[1]);
  if (!match || !parsed.success) return null;
  const auth = await getSessionFromRequest(request);
  if (auth && (await findWorkspaceMembership(parsed.data, auth.user.id))) return null;
  const [current] = await db()
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, parsed.data))
    .limit(1);
  if (current) return null;
  const renamed = await findRenamedWorkspaceSlug(parsed.data);
  if (!renamed) return null;
  // Signed out: the old address is left to Remix, which asks them to sign in and brings them back here.
  if (!auth || !(await isMember(renamed.workspaceId, auth.user.id))) return null;
  return `/w/${renamed.slug}${match[2] ?? ""}${url.search}`;
}
