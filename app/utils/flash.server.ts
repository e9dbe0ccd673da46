import { createCookie, redirect } from "@remix-run/node";

import { isSecureCookie } from "./env.server";

/*
 * A one-shot message shown after a redirect ("Invitation link created"). Signed so a crafted
 * cookie cannot inject text; the secret may change between processes without harm because a
 * flash lives for one redirect.
 */
const flashCookie = createCookie("praxis_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  secure: isSecureCookie(),
  secrets: [process.env.FLASH_SECRET ?? crypto.randomUUID()],
});

export type Flash = { kind: "success" | "info" | "error"; message: string };

export async function flashHeader(flash: Flash): Promise<string> {
  return flashCookie.serialize(flash);
}

export async function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashHeader(flash));
  return redirect(url, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const value: unknown = await flashCookie.parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object") return { flash: null, setCookie: null };
  const v = value as Partial<Flash>;
  const flash =
    typeof v.message === "string" && (v.kind === "success" || v.kind === "info" || v.kind === "error")
      ? { kind: v.kind, message: v.message }
      : null;
  return { flash, setCookie: await flashCookie.serialize("", { maxAge: 0 }) };
}
