import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { invalidateSession } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { closeDb } from "../../../db/client";
import { loginAttempts, memberships, sessions, workspaces } from "../../../db/schema/core";
import { workspaceSlugHistory } from "../../../db/schema/settings";
import type { RunningServer } from "../../../server";
import { addMember, makeUser, makeWorkspace, TEST_PASSWORD, type TestUser } from "../../helpers/factories";
import { startInProcessApp } from "./in-process-app";

let app: RunningServer;
let user: TestUser;

beforeAll(async () => {
  app = await startInProcessApp();
  user = await makeUser();
});

afterAll(async () => {
  await app?.close();
  closeDb();
});

function form(values: Record<string, string>): URLSearchParams {
  return new URLSearchParams(values);
}

async function workspaceCount(slug: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(workspaces).where(eq(workspaces.slug, slug));
  return row.n;
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("the HTTP server", () => {
  it("answers /healthz with 200 when the database answers", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("sends a nonce-based Content-Security-Policy without inline scripts, and refuses framing", async () => {
    const response = await fetch(`${app.url}/login`);
    expect(response.status).toBe(200);
    const csp = directives(response.headers.get("content-security-policy") ?? "");
    const scriptSrc = csp.get("script-src") ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
    expect(nonce, "script-src has a nonce").toBeTruthy();
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();

    // Every inline script in the page carries this response's nonce; a second response gets another.
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${app.url}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  });

  it("marks signed-in pages Cache-Control: no-store, with a session cookie that is HttpOnly, SameSite=Lax and Secure", async () => {
    const signIn = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url },
      body: form({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(302);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie, "Secure in production").toMatch(/;\s*Secure/i);
    const cookie = setCookie.split(";")[0];
    expect(cookie).toMatch(/^praxis_session=./);
    const page = await fetch(`${app.url}/w`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(user.displayName);
    expect(page.headers.get("cache-control")).toContain("no-store");
  });

  it("a signed-in page is refused at the very next request once the session is revoked or the membership is lost, and an old address still redirects a member", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const get = (path: string, who: TestUser) => fetch(`${app.url}${path}`, { headers: { Cookie: who.cookie }, redirect: "manual" });

    for (const path of [`/w/${ws.slug}`, `/w/${ws.slug}/logs`]) {
      const page = await get(path, member);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(member.displayName);
    }
    // An address the workspace had before: the member is sent on, a stranger learns nothing.
    await db().insert(workspaceSlugHistory).values({ slug: `${ws.slug}-old`, workspaceId: ws.id });
    const old = await get(`/w/${ws.slug}-old/logs?tag=housing`, member);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(`/w/${ws.slug}/logs?tag=housing`);
    expect((await get(`/w/${ws.slug}-old/logs`, await makeUser())).status).toBe(404);

    await db().delete(memberships).where(eq(memberships.userId, member.id));
    expect((await get(`/w/${ws.slug}`, member)).status).toBe(404);

    const [session] = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ws.owner.id));
    expect((await get(`/w/${ws.slug}/logs`, ws.owner)).status).toBe(200);
    await invalidateSession(session.id);
    const revoked = await get(`/w/${ws.slug}/logs`, ws.owner);
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  describe("refuses cross-site form posts before any action runs", () => {
    const cases: Array<{ name: string; headers: Record<string, string> }> = [
      { name: "without an Origin or Referer", headers: {} },
      { name: "from a foreign Origin", headers: { Origin: "https://evil.example" } },
      { name: "with a foreign Referer and no Origin", headers: { Referer: "https://evil.example/form" } },
      { name: "with an Origin that is not a URL", headers: { Origin: "null" } },
    ];
    for (const { name, headers } of cases) {
      it(`a signed-in post to /w/new ${name} gets 403 and creates nothing`, async () => {
        const slug = `csrf-${Math.random().toString(36).slice(2, 10)}`;
        const response = await fetch(`${app.url}/w/new`, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: user.cookie, ...headers },
          body: form({ name: "Cross-site partnership", slug, description: "" }),
        });
        expect(response.status).toBe(403);
        expect(await workspaceCount(slug)).toBe(0);
      });
    }

    it("a sign-in post from a foreign Origin gets 403 and is not even counted as an attempt", async () => {
      const response = await fetch(`${app.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: "https://evil.example" },
        body: form({ email: user.email, password: TEST_PASSWORD }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("set-cookie")).toBeNull();
      const attempts = await db().select().from(loginAttempts).where(eq(loginAttempts.email, user.email));
      expect(attempts.filter((a) => !a.succeeded)).toEqual([]);
    });

    it("the same post from the app's own Origin creates the workspace", async () => {
      const slug = `same-${Math.random().toString(36).slice(2, 10)}`;
      const response = await fetch(`${app.url}/w/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: user.cookie, Origin: app.url },
        body: form({ name: "Same-site partnership", slug, description: "" }),
      });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/w/${slug}`);
      expect(await workspaceCount(slug)).toBe(1);
    });
  });

  it("refuses a /collab WebSocket from a foreign origin before the handshake, even with a session", async () => {
    const status = await new Promise<number | "open">((resolve) => {
      const ws = new WebSocket(`${app.url.replace("http", "ws")}/collab`, { headers: { Cookie: user.cookie, Origin: "https://evil.example" } });
      ws.on("open", () => {
        ws.close();
        resolve("open");
      });
      ws.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      ws.on("error", () => {});
    });
    expect(status).toBe(403);
  });
});
