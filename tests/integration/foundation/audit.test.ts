import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { recordAudit } from "../../../app/models/audit/audit.server";
import { action as loginAction } from "../../../app/routes/login";
import { loader } from "../../../app/routes/w.$ws.audit";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { makeUser, makeWorkspace, makeWorkspaceWithRoles, TEST_PASSWORD, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

type AuditPage = {
  events: Array<{ id: number; who: string; kind: string; description: string; accountLevel: boolean; createdAt: number }>;
  total: number;
  page: number;
  pageCount: number;
  kinds: Array<{ value: string; label: string }>;
  people: Array<{ id: string }>;
  errors: Record<string, string>;
};

async function read(slug: string, who: TestUser, search = "") {
  const result = await callRoute(loader, getRequest(`/w/${slug}/audit${search}`, { cookie: who.cookie }), { ws: slug });
  return { status: result.status, page: result.data as AuditPage };
}

async function insertEvent(values: { workspaceId?: string | null; actorUserId?: string | null; kind: string; createdAt: number; detail?: Record<string, unknown> }) {
  await db().insert(auditEvents).values({ ...values, workspaceId: values.workspaceId ?? null });
}

/** Drizzle wraps the driver's error; the trigger's message is in the cause. */
async function expectRefused(query: PromiseLike<unknown>) {
  let error: unknown = null;
  try {
    await query;
  } catch (e) {
    error = e;
  }
  expect(error).not.toBeNull();
  const messages = `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
  expect(messages).toContain("audit_events is append-only");
}

describe("the audit table", () => {
  it("is append-only: UPDATE and DELETE are refused by the database", async () => {
    await recordAudit({ kind: "test.append_only", detail: { n: 1 } });
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "test.append_only"));
    await expectRefused(db().update(auditEvents).set({ kind: "test.tampered" }).where(eq(auditEvents.id, row.id)));
    await expectRefused(db().delete(auditEvents).where(eq(auditEvents.id, row.id)));
    await expectRefused(db().run(sql`delete from audit_events`));
    const [after] = await db().select().from(auditEvents).where(eq(auditEvents.id, row.id));
    expect(after.kind).toBe("test.append_only");
  });
});

describe("/w/:ws/audit", () => {
  it("is for owners only: other roles get 403, other workspaces 404", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspace();
    expect((await read(ws.slug, ws.owner)).status).toBe(200);
    for (const role of ["facilitator", "analyst", "member", "evaluator"] as const) {
      expect((await read(ws.slug, ws.users[role])).status).toBe(403);
    }
    expect((await read(ws.slug, other.owner)).status).toBe(404);
  });

  it("shows the workspace's events and its members' account events, newest first, but nothing of other workspaces or non-members", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspace();
    const outsider = await makeUser();
    const member = ws.users.member;
    const ip = "192.0.2.77";
    await callRoute(loginAction, postRequest("/login", { email: member.email, password: TEST_PASSWORD }, { ip }));
    await callRoute(loginAction, postRequest("/login", { email: member.email, password: "wrong password" }, { ip }));
    await callRoute(loginAction, postRequest("/login", { email: outsider.email, password: TEST_PASSWORD }, { ip }));
    await recordAudit({ kind: "membership.removed", workspaceId: other.id, actorUserId: other.owner.id, detail: { memberName: "Elsewhere" } });
    // Refused access to some other workspace is an account-less event that must not leak here.
    await recordAudit({ kind: "access.denied", actorUserId: member.id, detail: { path: "/w/secret-project", reason: "not-a-member" } });
    await recordAudit({ kind: "auth.sign_in_throttled", detail: { email: member.email } });
    await recordAudit({ kind: "auth.sign_in_throttled", detail: { email: outsider.email } });

    const { page } = await read(ws.slug, ws.owner);
    const descriptions = page.events.map((e) => e.description).join("\n");
    expect(descriptions).toContain("Created the workspace.");
    expect(descriptions).toContain("Signed in.");
    expect(descriptions).toContain(`Tried to sign in as ${member.email} with the wrong password.`);
    expect(descriptions).toContain(`Sign-in as ${member.email} refused: too many failed attempts in 15 minutes.`);
    expect(descriptions).not.toContain(outsider.email);
    expect(descriptions).not.toContain("Elsewhere");
    expect(descriptions).not.toContain("secret-project");
    expect(page.events.filter((e) => e.who === outsider.displayName)).toHaveLength(0);
    const signIn = page.events.find((e) => e.kind === "Signed in");
    expect(signIn).toMatchObject({ who: member.displayName, accountLevel: true });
    const times = page.events.map((e) => e.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("filters by person and by kind", async () => {
    const ws = await makeWorkspaceWithRoles();
    const member = ws.users.member;
    await recordAudit({ kind: "auth.sign_in", actorUserId: member.id });
    await recordAudit({ kind: "auth.sign_in", actorUserId: ws.owner.id });
    await recordAudit({ kind: "agency.created", workspaceId: ws.id, actorUserId: member.id, detail: { name: "NHS Lothian" } });

    const byPerson = (await read(ws.slug, ws.owner, `?person=${member.id}`)).page;
    expect(byPerson.events.map((e) => e.kind).sort()).toEqual(["Agency added", "Signed in"]);
    const byKind = (await read(ws.slug, ws.owner, "?kind=auth.sign_in")).page;
    expect(byKind.events.map((e) => e.who).sort()).toEqual([member.displayName, ws.owner.displayName].sort());
    const both = (await read(ws.slug, ws.owner, `?person=${member.id}&kind=agency.created`)).page;
    expect(both.events.map((e) => e.description)).toEqual(["Added the agency “NHS Lothian”."]);
    expect(byKind.kinds.map((k) => k.value)).toEqual(expect.arrayContaining(["auth.sign_in", "agency.created", "workspace.created"]));
    expect(byKind.people).toHaveLength(5);
  });

  it("filters by date in UK time, typed as dd/mm/yyyy or sent by a date picker", async () => {
    const ws = await makeWorkspace();
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    const firstOfJulyLondon = Date.UTC(2026, 5, 30, 23, 30);
    const midJune = Date.UTC(2026, 5, 15, 12, 0);
    await insertEvent({ workspaceId: ws.id, actorUserId: ws.owner.id, kind: "test.july", createdAt: firstOfJulyLondon });
    await insertEvent({ workspaceId: ws.id, actorUserId: ws.owner.id, kind: "test.june", createdAt: midJune });

    const july = (await read(ws.slug, ws.owner, "?from=01/07/2026&to=01/07/2026")).page;
    expect(july.events.map((e) => e.kind)).toEqual(["Test july"]);
    const june = (await read(ws.slug, ws.owner, "?from=2026-06-01&to=2026-06-30")).page;
    expect(june.events.map((e) => e.kind)).toEqual(["Test june"]);
    const summer = (await read(ws.slug, ws.owner, "?from=1/6/2026&to=31/07/2026")).page;
    expect(summer.total).toBe(2);
  });

  it("explains a date it cannot read, or a range that runs backwards, and shows no events", async () => {
    const ws = await makeWorkspace();
    const bad = await read(ws.slug, ws.owner, "?from=31/02/2026");
    expect(bad.status).toBe(400);
    expect(bad.page.errors.from).toContain("real date");
    expect(bad.page.events).toEqual([]);
    const backwards = await read(ws.slug, ws.owner, "?from=02/03/2026&to=01/03/2026");
    expect(backwards.status).toBe(400);
    expect(backwards.page.errors.to).toContain("after");
  });

  it("pages 50 events at a time, newest first", async () => {
    const ws = await makeWorkspace();
    const base = Date.UTC(2026, 0, 10, 9, 0);
    for (let i = 0; i < 120; i++) {
      await insertEvent({ workspaceId: ws.id, actorUserId: ws.owner.id, kind: "test.bulk", createdAt: base + i * 60_000, detail: { name: `n${i}` } });
    }
    const first = (await read(ws.slug, ws.owner, "?kind=test.bulk")).page;
    expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3 });
    expect(first.events).toHaveLength(50);
    expect(first.events[0].description).toBe("Test bulk: “n119”.");
    const third = (await read(ws.slug, ws.owner, "?kind=test.bulk&page=3")).page;
    expect(third.events).toHaveLength(20);
    expect(third.events.at(-1)?.description).toBe("Test bulk: “n0”.");
    const beyond = (await read(ws.slug, ws.owner, "?kind=test.bulk&page=99")).page;
    expect(beyond.page).toBe(3);
  });
});
