import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createInvitation, hashInvitationToken } from "../../../app/models/membership/invitation.server";
import { INVITATION_LIFETIME_MS } from "../../../app/models/membership/membership.policy";
import { action as acceptAction, loader as inviteLoader } from "../../../app/routes/invite.$token";
import { action as signupAction } from "../../../app/routes/signup";
import { action as membersAction, loader as membersLoader } from "../../../app/routes/w.$ws.members";
import { db } from "../../../app/utils/db.server";
import { auditEvents, invitations, memberships, users, type Role } from "../../../db/schema/core";
import { cookieFromSetCookie, makeUser, makeWorkspace, makeWorkspaceWithRoles, TEST_PASSWORD, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

async function invite(slug: string, owner: TestUser, role: Role, note = "") {
  const result = await callRoute(membersAction, postRequest(`/w/${slug}/members`, { intent: "invite", role, note }, { cookie: owner.cookie }), {
    ws: slug,
  });
  expect(result.status).toBe(200);
  const created = (result.data as { created: { url: string; role: Role; expiresAt: number } }).created;
  const url = new URL(created.url);
  const token = url.pathname.split("/").pop() as string;
  return { ...created, token, path: url.pathname };
}

function accept(token: string, cookie?: string) {
  return callRoute(acceptAction, postRequest(`/invite/${token}`, { intent: "accept" }, { cookie }), { token });
}

async function membershipOf(workspaceId: string, userId: string) {
  const [row] = await db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

async function invitationRow(token: string) {
  const [row] = await db().select().from(invitations).where(eq(invitations.tokenHash, hashInvitationToken(token)));
  return row;
}

describe("creating invitations", () => {
  it("an owner creates a link with a role; only the token's SHA-256 is stored; it expires in 7 days; it is audited", async () => {
    const ws = await makeWorkspace();
    const before = Date.now();
    const created = await invite(ws.slug, ws.owner, "facilitator", "For the NHS Lothian health visitor");
    expect(created.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token, "base64url")).toHaveLength(32);
    const row = await invitationRow(created.token);
    expect(row.workspaceId).toBe(ws.id);
    expect(row.role).toBe("facilitator");
    expect(row.note).toBe("For the NHS Lothian health visitor");
    expect(row.tokenHash).toMatch(/^[a-f0-9]{64}$/);
    expect(row.tokenHash).not.toContain(created.token);
    expect(row.expiresAt - before).toBeGreaterThanOrEqual(INVITATION_LIFETIME_MS - 1000);
    expect(row.expiresAt - before).toBeLessThanOrEqual(INVITATION_LIFETIME_MS + 5000);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "membership.invited")));
    expect(event.actorUserId).toBe(ws.owner.id);
    expect(event.detail).toMatchObject({ role: "facilitator" });
    expect(JSON.stringify(event)).not.toContain(created.token);
    expect(JSON.stringify(event)).not.toContain(row.tokenHash);
  });

  it("the members page lists pending invitations without their tokens", async () => {
    const ws = await makeWorkspace();
    const created = await invite(ws.slug, ws.owner, "analyst", "Evidence lead");
    const page = await callRoute(membersLoader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    expect(page.status).toBe(200);
    const data = page.data as { invitations: Array<{ role: string; note: string }> };
    expect(data.invitations).toEqual([expect.objectContaining({ role: "analyst", note: "Evidence lead" })]);
    const text = JSON.stringify(page.data);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashInvitationToken(created.token));
  });

  it("a role that does not exist is refused and nothing is stored", async () => {
    const ws = await makeWorkspace();
    const result = await callRoute(
      membersAction,
      postRequest(`/w/${ws.slug}/members`, { intent: "invite", role: "superuser" }, { cookie: ws.owner.cookie }),
      { ws: ws.slug },
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose a role");
    expect(await db().select().from(invitations).where(eq(invitations.workspaceId, ws.id))).toHaveLength(0);
  });

  it("only owners can invite: every other role gets 403 and nothing is stored", async () => {
    const ws = await makeWorkspaceWithRoles();
    for (const role of ["facilitator", "analyst", "member", "evaluator"] as const) {
      const result = await callRoute(
        membersAction,
        postRequest(`/w/${ws.slug}/members`, { intent: "invite", role: "owner" }, { cookie: ws.users[role].cookie }),
        { ws: ws.slug },
      );
      expect(result.status).toBe(403);
    }
    expect(await db().select().from(invitations).where(eq(invitations.workspaceId, ws.id))).toHaveLength(0);
  });

  it("a member of another workspace cannot invite to this one (404)", async () => {
    const ws = await makeWorkspace();
    const outsider = await makeWorkspace();
    const result = await callRoute(
      membersAction,
      postRequest(`/w/${ws.slug}/members`, { intent: "invite", role: "owner" }, { cookie: outsider.owner.cookie }),
      { ws: ws.slug },
    );
    expect(result.status).toBe(404);
  });
});

describe("accepting invitations", () => {
  it("shows the workspace and role to someone not signed in, with sign-up and sign-in that come back", async () => {
    const ws = await makeWorkspace(undefined, "Musselburgh Total Place");
    const created = await invite(ws.slug, ws.owner, "member");
    const page = await callRoute(inviteLoader, getRequest(created.path), { token: created.token });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "pending", workspaceName: "Musselburgh Total Place", role: "member", signedInAs: null });
    const post = await accept(created.token);
    expect(post.status).toBe(302);
    expect(post.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(created.path)}`);
    expect((await invitationRow(created.token)).usedAt).toBeNull();
  });

  it("a new account signs up from the link, joins with the invited role, and the link is used up", async () => {
    const ws = await makeWorkspace();
    const created = await invite(ws.slug, ws.owner, "facilitator");
    const email = `invitee-${Date.now()}@example.test`;
    const signup = await callRoute(
      signupAction,
      postRequest("/signup", { displayName: "Alasdair Reid", email, password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD, redirectTo: created.path }),
    );
    expect(signup.status).toBe(302);
    expect(signup.headers.get("Location")).toBe(created.path);
    const cookie = cookieFromSetCookie(signup.headers.get("Set-Cookie") as string);

    const result = await accept(created.token, cookie);
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/w/${ws.slug}`);
    expect(result.headers.get("Set-Cookie")).toContain("praxis_flash=");
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect((await membershipOf(ws.id, user.id))?.role).toBe("facilitator");
    const row = await invitationRow(created.token);
    expect(row.usedBy).toBe(user.id);
    expect(row.usedAt).not.toBeNull();
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "invitation.accepted")));
    expect(event.actorUserId).toBe(user.id);
    expect(event.detail).toMatchObject({ role: "facilitator" });
  });

  it("an existing account of another workspace joins with the invited role", async () => {
    const ws = await makeWorkspace();
    const elsewhere = await makeWorkspace();
    const created = await invite(ws.slug, ws.owner, "evaluator");
    const page = await callRoute(inviteLoader, getRequest(created.path, { cookie: elsewhere.owner.cookie }), { token: created.token });
    expect(page.data).toMatchObject({ state: "pending", signedInAs: elsewhere.owner.displayName, alreadyMember: false });
    const result = await accept(created.token, elsewhere.owner.cookie);
    expect(result.status).toBe(302);
    expect((await membershipOf(ws.id, elsewhere.owner.id))?.role).toBe("evaluator");
    expect((await membershipOf(elsewhere.id, elsewhere.owner.id))?.role).toBe("owner");
  });

  it("a link works once: a second person gets 410 and is not added", async () => {
    const ws = await makeWorkspace();
    const created = await invite(ws.slug, ws.owner, "member");
    const first = await makeUser();
    const second = await makeUser();
    expect((await accept(created.token, first.cookie)).status).toBe(302);
    const again = await accept(created.token, second.cookie);
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ state: "used" });
    expect(await membershipOf(ws.id, second.id)).toBeNull();
    const page = await callRoute(inviteLoader, getRequest(created.path, { cookie: second.cookie }), { token: created.token });
    expect(page.status).toBe(410);
  });

  it("an expired link answers 410 and writes nothing", async () => {
    const ws = await makeWorkspace();
    const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
    const created = await createInvitation({ userId: ws.owner.id }, ws.id, { role: "member" }, { now: eightDaysAgo });
    const user = await makeUser();
    const page = await callRoute(inviteLoader, getRequest(`/invite/${created.token}`, { cookie: user.cookie }), { token: created.token });
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ state: "expired" });
    const auditBefore = await db().select().from(auditEvents);
    const result = await accept(created.token, user.cookie);
    expect(result.status).toBe(410);
    expect(await membershipOf(ws.id, user.id)).toBeNull();
    expect((await invitationRow(created.token)).usedAt).toBeNull();
    expect(await db().select().from(auditEvents)).toHaveLength(auditBefore.length);
  });

  it("a revoked link answers 410 and its revocation is audited", async () => {
    const ws = await makeWorkspace();
    const created = await invite(ws.slug, ws.owner, "analyst", "Withdrawn");
    const revoke = await callRoute(
      membersAction,
      postRequest(`/w/${ws.slug}/members`, { intent: "revoke-invitation", invitationId: (await invitationRow(created.token)).id }, { cookie: ws.owner.cookie }),
      { ws: ws.slug },
    );
    expect(revoke.status).toBe(302);
    expect((await invitationRow(created.token)).revokedAt).not.toBeNull();
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "invitation.revoked")));
    expect(event.actorUserId).toBe(ws.owner.id);
    const user = await makeUser();
    const result = await accept(created.token, user.cookie);
    expect(result.status).toBe(410);
    expect(result.data).toMatchObject({ state: "revoked" });
    expect(await membershipOf(ws.id, user.id)).toBeNull();
    const page = await callRoute(membersLoader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    expect((page.data as { invitations: unknown[] }).invitations).toHaveLength(0);
  });

  it("an unknown or malformed token answers 404 and writes nothing", async () => {
    const user = await makeUser();
    const unknown = "A".repeat(43);
    expect((await callRoute(inviteLoader, getRequest(`/invite/${unknown}`), { token: unknown })).status).toBe(404);
    expect((await callRoute(inviteLoader, getRequest("/invite/short"), { token: "short" })).status).toBe(404);
    const auditBefore = await db().select().from(auditEvents);
    expect((await accept(unknown, user.cookie)).status).toBe(404);
    expect((await accept("not a token", user.cookie)).status).toBe(404);
    expect(await db().select().from(auditEvents)).toHaveLength(auditBefore.length);
    expect(await db().select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(0);
  });

  it("an existing member is told so and the link is not used up", async () => {
    const ws = await makeWorkspaceWithRoles();
    const created = await invite(ws.slug, ws.owner, "owner");
    const member = ws.users.member;
    const page = await callRoute(inviteLoader, getRequest(created.path, { cookie: member.cookie }), { token: created.token });
    expect(page.data).toMatchObject({ state: "pending", alreadyMember: true });
    const result = await accept(created.token, member.cookie);
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/w/${ws.slug}`);
    expect((await membershipOf(ws.id, member.id))?.role).toBe("member");
    expect((await invitationRow(created.token)).usedAt).toBeNull();
    const newcomer = await makeUser();
    expect((await accept(created.token, newcomer.cookie)).status).toBe(302);
    expect((await membershipOf(ws.id, newcomer.id))?.role).toBe("owner");
  });

  it("a token of one workspace joins only that workspace, whatever else the request says", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const created = await invite(a.slug, a.owner, "member");
    const user = await makeUser();
    const result = await callRoute(
      acceptAction,
      postRequest(`/invite/${created.token}`, { intent: "accept", ws: b.slug, workspaceId: b.id }, { cookie: user.cookie }),
      { token: created.token, ws: b.slug },
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/w/${a.slug}`);
    expect(await membershipOf(a.id, user.id)).not.toBeNull();
    expect(await membershipOf(b.id, user.id)).toBeNull();
    // And b's owner cannot revoke a's invitation through b.
    const row = await invitationRow(created.token);
    const other = await invite(a.slug, a.owner, "member");
    const otherRow = await invitationRow(other.token);
    const revoke = await callRoute(
      membersAction,
      postRequest(`/w/${b.slug}/members`, { intent: "revoke-invitation", invitationId: otherRow.id }, { cookie: b.owner.cookie }),
      { ws: b.slug },
    );
    expect(revoke.status).toBe(404);
    expect((await invitationRow(other.token)).revokedAt).toBeNull();
    expect(row.workspaceId).toBe(a.id);
  });
});
