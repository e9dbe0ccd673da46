import { isSecureCookie } from "./env.server";

/*
 * The workspace a person used last, so signing in returns them to it (issue 8, item 13). A plain
 * slug in a cookie rather than a database write on every page: it is only a hint, honoured only
 * when the person signing in is a member of that workspace.
 */
const NAME = "praxis_ws";
const YEAR_SECONDS = 365 * 24 * 60 * 60;
const SLUG = /^[a-z0-9-]{1,64}$/;

export function readLastWorkspace(request: Request): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === NAME && value && SLUG.test(value)) return value;
  }
  return null;
}

/** The Set-Cookie header recording `slug` as last used, or null when the request already says so. */
export function lastWorkspaceHeader(request: Request, slug: string): string | null {
  if (!SLUG.test(slug) || readLastWorkspace(request) === slug) return null;
  return `${NAME}=${slug}; Path=/; Max-Age=${YEAR_SECONDS}; HttpOnly; SameSite=Lax${isSecureCookie() ? "; Secure" : ""}`;
}

/** Where a person lands after signing in: their only workspace, else the last one they used, else the list. */
export function landingPath(request: Request, workspaces: Array<{ slug: string }>): string {
  if (workspaces.length === 1) return `/w/${workspaces[0].slug}`;
  const last = readLastWorkspace(request);
  if (last && workspaces.some((w) => w.slug === last)) return `/w/${last}`;
  return "/w";
}
