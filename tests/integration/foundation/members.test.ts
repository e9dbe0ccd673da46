import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action, loader } from "../../../app/routes/w.$ws.members";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencies, auditEvents, memberships, type Role } from "../../../db/schema/core";
import { addMember, makeWorkspace, makeWorkspaceWithRoles, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

function post(slug: string, who: TestUser, form: Record<string, string>) {
  return callRoute(action, postRequest(`/w/${slug}/members`, form, { cookie: who.cookie }), { ws: slug });
}

async function membership(workspaceId: string, userId: string) {
  const [row] = await db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

async function auditOf(workspaceId: string, kind: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.kind, kind)));
}

async function makeAgency(workspaceId: string, name: string, archived = false) {
  const id = newId();
  await db().insert(agencies).values({ id, workspaceId, name, kind: "health", archivedAt: archived ? Date.now() : null });
  return id;
}

describe("the members list", () => {
  it("shows every member with role and agency to roles with members:read", async () => {
    const ws = await makeWorkspaceWithRoles();
    const nhs = await makeAgency(ws.id, "NHS Lothian");
    await db().update(memberships).set({ agencyId: nhs }).where(eq(memberships.userId, ws.users.member.id));
    for (const role of ["owner", "facilitator", "analyst", "member"] as const) {
      const page = await callRoute(loader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.users[role].cookie }), { ws: ws.slug });
      expect(page.status).toBe(200);
      const data = page.data as { members: Array<{ userId: string; role: Role; agencyName: string | null }>; canManage: boolean };
      expect(data.members).toHaveLength(5);
      expect(data.members.find((m) => m.userId === ws.users.member.id)).toMatchObject({ role: "member", agencyName: "NHS Lothian" });
      expect(data.canManage).toBe(role === "owner");
    }
  });

  it("is refused to evaluators (403) and to other workspaces (404)", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspace();
    expect((await callRoute(loader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.users.evaluator.cookie }), { ws: ws.slug })).status).toBe(403);
    expect((await callRoute(loader, getRequest(`/w/${ws.slug}/members`, { cookie: other.owner.cookie }), { ws: ws.slug })).status).toBe(404);
  });

  it("does not list pending invitations to people who cannot manage members", async () => {
    const ws = await makeWorkspaceWithRoles();
    await post(ws.slug, ws.owner, { intent: "invite", role: "member" });
    const page = await callRoute(loader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.users.facilitator.cookie }), { ws: ws.slug });
    expect((page.data as { invitations: unknown[] }).invitations).toEqual([]);
  });
});

describe("changing roles", () => {
  it("an owner changes a member's role and the change is audited with before and after", async () => {
    const ws = await makeWorkspaceWithRoles();
    const target = await membership(ws.id, ws.users.analyst.id);
    const result = await post(ws.slug, ws.owner, { intent: "change-role", membershipId: target.id, role: "facilitator" });
    expect(result.status).toBe(302);
    expect((await membership(ws.id, ws.users.analyst.id)).role).toBe("facilitator");
    const [event] = await auditOf(ws.id, "membership.role_changed");
    expect(event).toMatchObject({ actorUserId: ws.owner.id, targetId: ws.users.analyst.id });
    expect(event.detail).toMatchObject({ from: "analyst", to: "facilitator" });
  });

  it("other roles cannot change roles (403) and nothing changes", async () => {
    const ws = await makeWorkspaceWithRoles();
    const target = await membership(ws.id, ws.users.member.id);
    for (const role of ["facilitator", "analyst", "member", "evaluator"] as const) {
      const result = await post(ws.slug, ws.users[role], { intent: "change-role", membershipId: target.id, role: "owner" });
      expect(result.status).toBe(403);
    }
    expect((await membership(ws.id, ws.users.member.id)).role).toBe("member");
    expect(await auditOf(ws.id, "membership.role_changed")).toHaveLength(0);
  });

  it("the last owner cannot be demoted, not even by themselves", async () => {
    const ws = await makeWorkspaceWithRoles();
    const owner = await membership(ws.id, ws.owner.id);
    const result = await post(ws.slug, ws.owner, { intent: "change-role", membershipId: owner.id, role: "member" });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("must keep at least one owner");
    expect((await membership(ws.id, ws.owner.id)).role).toBe("owner");
    expect(await auditOf(ws.id, "membership.role_changed")).toHaveLength(0);
  });

  it("an owner may step down once another owner exists", async () => {
    const ws = await makeWorkspaceWithRoles();
    const second = await membership(ws.id, ws.users.facilitator.id);
    expect((await post(ws.slug, ws.owner, { intent: "change-role", membershipId: second.id, role: "owner" })).status).toBe(302);
    const mine = await membership(ws.id, ws.owner.id);
    const result = await post(ws.slug, ws.owner, { intent: "change-role", membershipId: mine.id, role: "evaluator" });
    expect(result.status).toBe(302);
    // An evaluator may not see the members page any more, so they go to the workspace home.
    expect(result.headers.get("Location")).toBe(`/w/${ws.slug}`);
    expect((await membership(ws.id, ws.owner.id)).role).toBe("evaluator");
    const last = await membership(ws.id, ws.users.facilitator.id);
    const refused = await post(ws.slug, ws.users.facilitator, { intent: "change-role", membershipId: last.id, role: "member" });
    expect(refused.status).toBe(400);
  });

  it("a membership of another workspace cannot be changed from this one (404)", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspaceWithRoles();
    const foreign = await membership(other.id, other.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "change-role", membershipId: foreign.id, role: "owner" });
    expect(result.status).toBe(404);
    expect((await membership(other.id, other.users.member.id)).role).toBe("member");
  });

  it("a role that does not exist is refused with a message", async () => {
    const ws = await makeWorkspaceWithRoles();
    const target = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "change-role", membershipId: target.id, role: "admin" });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose a role");
  });
});

describe("removing members", () => {
  it("an owner removes a member, who loses access, and the removal is audited", async () => {
    const ws = await makeWorkspaceWithRoles();
    const target = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "remove", membershipId: target.id });
    expect(result.status).toBe(302);
    expect(await membership(ws.id, ws.users.member.id)).toBeNull();
    const [event] = await auditOf(ws.id, "membership.removed");
    expect(event).toMatchObject({ actorUserId: ws.owner.id, targetId: ws.users.member.id });
    expect(event.detail).toMatchObject({ role: "member" });
    const page = await callRoute(loader, getRequest(`/w/${ws.slug}/members`, { cookie: ws.users.member.cookie }), { ws: ws.slug });
    expect(page.status).toBe(404);
  });

  it("the last owner cannot be removed", async () => {
    const ws = await makeWorkspaceWithRoles();
    const owner = await membership(ws.id, ws.owner.id);
    const result = await post(ws.slug, ws.owner, { intent: "remove", membershipId: owner.id });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("must keep at least one owner");
    expect(await membership(ws.id, ws.owner.id)).not.toBeNull();
    expect(await auditOf(ws.id, "membership.removed")).toHaveLength(0);
  });

  it("one of two owners can be removed, then the other is the last", async () => {
    const ws = await makeWorkspace();
    const second = await addMember(ws, "owner");
    const secondRow = await membership(ws.id, second.id);
    expect((await post(ws.slug, ws.owner, { intent: "remove", membershipId: secondRow.id })).status).toBe(302);
    const mine = await membership(ws.id, ws.owner.id);
    expect((await post(ws.slug, ws.owner, { intent: "remove", membershipId: mine.id })).status).toBe(400);
  });

  it("an owner who leaves is sent to their workspaces", async () => {
    const ws = await makeWorkspace();
    await addMember(ws, "owner");
    const mine = await membership(ws.id, ws.owner.id);
    const result = await post(ws.slug, ws.owner, { intent: "remove", membershipId: mine.id });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/w");
  });
});

describe("recording a member's agency", () => {
  it("an owner records which partner agency a member works for, and clears it, both audited", async () => {
    const ws = await makeWorkspaceWithRoles();
    const police = await makeAgency(ws.id, "Police Scotland — J Division");
    const target = await membership(ws.id, ws.users.member.id);
    expect((await post(ws.slug, ws.owner, { intent: "set-agency", membershipId: target.id, agencyId: police })).status).toBe(302);
    expect((await membership(ws.id, ws.users.member.id)).agencyId).toBe(police);
    expect((await post(ws.slug, ws.owner, { intent: "set-agency", membershipId: target.id, agencyId: "" })).status).toBe(302);
    expect((await membership(ws.id, ws.users.member.id)).agencyId).toBeNull();
    const events = await auditOf(ws.id, "membership.agency_changed");
    expect(events.map((e) => e.detail)).toEqual([
      expect.objectContaining({ agencyId: police, agencyName: "Police Scotland — J Division" }),
      expect.objectContaining({ agencyId: null }),
    ]);
  });

  it("an agency of another workspace cannot be recorded", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspace();
    const foreignAgency = await makeAgency(other.id, "Elsewhere Council");
    const target = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "set-agency", membershipId: target.id, agencyId: foreignAgency });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose an agency from the list");
    expect((await membership(ws.id, ws.users.member.id)).agencyId).toBeNull();
    expect(await auditOf(ws.id, "membership.agency_changed")).toHaveLength(0);
  });

  it("non-owners cannot record agencies (403)", async () => {
    const ws = await makeWorkspaceWithRoles();
    const nhs = await makeAgency(ws.id, "NHS Lothian");
    const target = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.users.facilitator, { intent: "set-agency", membershipId: target.id, agencyId: nhs });
    expect(result.status).toBe(403);
  });
});
