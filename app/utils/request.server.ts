/** Set by server.ts from the socket address (or X-Forwarded-For when TRUST_PROXY=true). */
export const CLIENT_IP_HEADER = "x-praxis-client-ip";

export function getClientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/** A safe in-app path to go back to after signing in: never another origin. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/w"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
