import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as logout } from "../../../app/routes/logout";
import { action as checkCopies } from "../../../app/routes/offline-copies";
import { db } from "../../../app/utils/db.server";
import { memberships } from "../../../db/schema/core";
import { addMember, makeWorkspace, TEST_ORIGIN } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";
import { makeRealLog, setVisibility } from "./real-logs";

function ask(cookie: string | undefined, body: string): Request {
  return new Request(`${TEST_ORIGIN}/offline-copies`, {
    method: "POST",
    body,
    headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: TEST_ORIGIN, "Content-Type": "application/json" },
  });
}

async function keep(cookie: string, documents: string[]) {
  const result = await callRoute(checkCopies, ask(cookie, JSON.stringify({ documents })));
  expect(result.status).toBe(200);
  return (result.data as { keep: string[] }).keep;
}

describe("which offline copies a browser may keep, by the socket's own rules", () => {
  it("a writer keeps copies of logs they may write; a log made private, a foreign log and nonsense names are dropped", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const shared = await makeRealLog(ws);
    const privatised = await makeRealLog(ws);
    const other = await makeWorkspace();
    const foreign = await makeRealLog(other);
    const names = [`log:${shared}`, `log:${privatised}`, `log:${foreign}`, "log:../../etc", "inquiry:abc"];
    expect(await keep(member.cookie, names)).toEqual([`log:${shared}`, `log:${privatised}`]);

    await setVisibility(ws, privatised, "private");
    expect(await keep(member.cookie, names)).toEqual([`log:${shared}`]);
  });

  it("a member made evaluator keeps no copy at all, and a removed member none either", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const id = await makeRealLog(ws);
    const where = and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, member.id));
    await db().update(memberships).set({ role: "evaluator" }).where(where);
    expect(await keep(member.cookie, [`log:${id}`])).toEqual([]);
    await db().update(memberships).set({ role: "member" }).where(where);
    expect(await keep(member.cookie, [`log:${id}`])).toEqual([`log:${id}`]);
    await db().delete(memberships).where(where);
    expect(await keep(member.cookie, [`log:${id}`])).toEqual([]);
  });

  it("without a session the browser is sent to sign in, which it reads as 'delete every copy'", async () => {
    const result = await callRoute(checkCopies, ask(undefined, JSON.stringify({ documents: ["log:abc"] })));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(/^\/login/);
  });

  it("a malformed or oversize list is refused with a specific message", async () => {
    const ws = await makeWorkspace();
    const notJson = await callRoute(checkCopies, ask(ws.owner.cookie, "documents=log:abc"));
    expect(notJson.status).toBe(400);
    expect(notJson.data).toEqual({ error: "Send the list of offline copies as JSON: { documents: [...] }." });
    const tooMany = await callRoute(checkCopies, ask(ws.owner.cookie, JSON.stringify({ documents: Array.from({ length: 501 }, (_, i) => `log:a${i}`) })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.data).toEqual({ error: "At most 500 documents can be checked at once" });
    const huge = await callRoute(checkCopies, ask(ws.owner.cookie, JSON.stringify({ documents: ["x".repeat(70_000)] })));
    expect(huge.status).toBe(413);
  });

  it("signing out tells the browser to clear its storage and says the offline copies are gone", async () => {
    const ws = await makeWorkspace();
    const result = await callRoute(logout, postRequest("/logout", {}, { cookie: ws.owner.cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Clear-Site-Data")).toBe('"storage"');
    expect(result.headers.get("Location")).toBe("/login");
  });
});
