import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action, loader } from "../../../app/routes/w.$ws.agencies";
import { db } from "../../../app/utils/db.server";
import { agencies, auditEvents } from "../../../db/schema/core";
import { makeWorkspace, makeWorkspaceWithRoles, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

function post(slug: string, who: TestUser, form: Record<string, string>) {
  return callRoute(action, postRequest(`/w/${slug}/agencies`, form, { cookie: who.cookie }), { ws: slug });
}

async function agenciesOf(workspaceId: string) {
  return db().select().from(agencies).where(eq(agencies.workspaceId, workspaceId));
}

async function auditKinds(workspaceId: string) {
  const rows = await db().select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
  return rows.map((r) => r.kind).filter((k) => k.startsWith("agency."));
}

type Listed = { active: Array<{ id: string; name: string; kind: string }>; archived: Array<{ id: string; name: string }>; canManage: boolean };

async function list(slug: string, who: TestUser) {
  const page = await callRoute(loader, getRequest(`/w/${slug}/agencies`, { cookie: who.cookie }), { ws: slug });
  expect(page.status).toBe(200);
  return page.data as Listed;
}

describe("partner agencies", () => {
  it("an owner adds, edits, archives and restores an agency; each step is audited", async () => {
    const ws = await makeWorkspace();
    expect((await post(ws.slug, ws.owner, { intent: "create", name: "  NHS Lothian ", kind: "health" })).status).toBe(302);
    const [created] = await agenciesOf(ws.id);
    expect(created).toMatchObject({ name: "NHS Lothian", kind: "health", archivedAt: null });

    expect(
      (await post(ws.slug, ws.owner, { intent: "update", agencyId: created.id, name: "NHS Lothian — Health Visiting", kind: "health" })).status,
    ).toBe(302);
    expect((await agenciesOf(ws.id))[0].name).toBe("NHS Lothian — Health Visiting");

    expect((await post(ws.slug, ws.owner, { intent: "archive", agencyId: created.id })).status).toBe(302);
    let listed = await list(ws.slug, ws.owner);
    expect(listed.active).toHaveLength(0);
    expect(listed.archived.map((a) => a.name)).toEqual(["NHS Lothian — Health Visiting"]);

    expect((await post(ws.slug, ws.owner, { intent: "unarchive", agencyId: created.id })).status).toBe(302);
    listed = await list(ws.slug, ws.owner);
    expect(listed.active.map((a) => a.name)).toEqual(["NHS Lothian — Health Visiting"]);
    expect(listed.archived).toHaveLength(0);

    expect(await auditKinds(ws.id)).toEqual(["agency.created", "agency.updated", "agency.archived", "agency.unarchived"]);
    const [updated] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "agency.updated")));
    expect(updated.detail).toMatchObject({ from: { name: "NHS Lothian" }, to: { name: "NHS Lothian — Health Visiting" } });
  });

  it("facilitators may manage agencies too", async () => {
    const ws = await makeWorkspaceWithRoles();
    expect((await post(ws.slug, ws.users.facilitator, { intent: "create", name: "Police Scotland — J Division", kind: "police" })).status).toBe(302);
    expect((await list(ws.slug, ws.users.facilitator)).canManage).toBe(true);
  });

  it("every role may read the list, but analysts, members and evaluators cannot change it (403)", async () => {
    const ws = await makeWorkspaceWithRoles();
    await post(ws.slug, ws.owner, { intent: "create", name: "East Lothian Council — Housing", kind: "housing" });
    const [agency] = await agenciesOf(ws.id);
    for (const role of ["analyst", "member", "evaluator"] as const) {
      const listed = await list(ws.slug, ws.users[role]);
      expect(listed.active.map((a) => a.name)).toEqual(["East Lothian Council — Housing"]);
      expect(listed.canManage).toBe(false);
      expect((await post(ws.slug, ws.users[role], { intent: "create", name: "Rogue", kind: "other" })).status).toBe(403);
      expect((await post(ws.slug, ws.users[role], { intent: "archive", agencyId: agency.id })).status).toBe(403);
    }
    expect(await agenciesOf(ws.id)).toHaveLength(1);
    expect((await agenciesOf(ws.id))[0].archivedAt).toBeNull();
  });

  it("names are unique per workspace regardless of letter case, with a clear message", async () => {
    const ws = await makeWorkspace();
    await post(ws.slug, ws.owner, { intent: "create", name: "NHS Lothian", kind: "health" });
    await post(ws.slug, ws.owner, { intent: "create", name: "Musselburgh Community Voluntary Forum", kind: "voluntary" });
    const duplicate = await post(ws.slug, ws.owner, { intent: "create", name: "nhs lothian", kind: "health" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.data).toMatchObject({ error: { name: [expect.stringContaining("already exists")] } });
    const forum = (await agenciesOf(ws.id)).find((a) => a.kind === "voluntary");
    const rename = await post(ws.slug, ws.owner, { intent: "update", agencyId: forum!.id, name: "NHS LOTHIAN", kind: "voluntary" });
    expect(rename.status).toBe(400);
    expect(await agenciesOf(ws.id)).toHaveLength(2);
    // Another workspace may use the same name.
    const other = await makeWorkspace();
    expect((await post(other.slug, other.owner, { intent: "create", name: "NHS Lothian", kind: "health" })).status).toBe(302);
  });

  it("missing or unknown fields are refused with messages and nothing is stored", async () => {
    const ws = await makeWorkspace();
    const result = await post(ws.slug, ws.owner, { intent: "create", name: "", kind: "army" });
    expect(result.status).toBe(400);
    const text = JSON.stringify(result.data);
    expect(text).toContain("Enter the agency’s name");
    expect(text).toContain("Choose what kind of organisation it is");
    const long = await post(ws.slug, ws.owner, { intent: "create", name: "x".repeat(121), kind: "other" });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.data)).toContain("120 characters or fewer");
    expect(await agenciesOf(ws.id)).toHaveLength(0);
  });

  it("an agency of another workspace cannot be edited or archived from this one (404)", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    await post(other.slug, other.owner, { intent: "create", name: "Scottish Children's Reporter Administration", kind: "national" });
    const [foreign] = await agenciesOf(other.id);
    expect((await post(ws.slug, ws.owner, { intent: "archive", agencyId: foreign.id })).status).toBe(404);
    expect((await post(ws.slug, ws.owner, { intent: "update", agencyId: foreign.id, name: "Hijacked", kind: "other" })).status).toBe(404);
    const [after] = await agenciesOf(other.id);
    expect(after).toMatchObject({ name: "Scottish Children's Reporter Administration", archivedAt: null });
  });

  it("is not visible to members of other workspaces (404)", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    const page = await callRoute(loader, getRequest(`/w/${ws.slug}/agencies`, { cookie: other.owner.cookie }), { ws: ws.slug });
    expect(page.status).toBe(404);
  });
});
