import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action } from "../../../app/routes/w.$ws.members";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencies, memberships } from "../../../db/schema/core";
import { makeWorkspace, makeWorkspaceWithRoles, type TestUser } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";

function post(slug: string, who: TestUser, form: Record<string, string>) {
  return callRoute(action, postRequest(`/w/${slug}/members`, form, { cookie: who.cookie }), { ws: slug });
}

async function membership(workspaceId: string, userId: string) {
  const [row] = await db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row;
}

async function makeAgency(workspaceId: string, name: string) {
  const id = newId();
  await db().insert(agencies).values({ id, workspaceId, name, kind: "health" });
  return id;
}

describe("one Change form per member", () => {
  it("an owner changes a member's role and agency in one step", async () => {
    const ws = await makeWorkspaceWithRoles();
    const nhs = await makeAgency(ws.id, "NHS Lothian");
    const row = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "update-member", membershipId: row.id, role: "analyst", agencyId: nhs });
    expect(result.status).toBe(302);
    expect(await membership(ws.id, ws.users.member.id)).toMatchObject({ role: "analyst", agencyId: nhs });
  });

  it("an agency of another workspace is refused before anything changes", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspace(undefined, "Elsewhere");
    const foreignAgency = await makeAgency(other.id, "Not ours");
    const row = await membership(ws.id, ws.users.member.id);
    const result = await post(ws.slug, ws.owner, { intent: "update-member", membershipId: row.id, role: "analyst", agencyId: foreignAgency });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Choose an agency from the list");
    expect(await membership(ws.id, ws.users.member.id)).toMatchObject({ role: "member", agencyId: null });
  });

  it("the only owner cannot be demoted through the form, and their agency is left as it was", async () => {
    const ws = await makeWorkspaceWithRoles();
    const nhs = await makeAgency(ws.id, "NHS Lothian");
    const row = await membership(ws.id, ws.owner.id);
    const result = await post(ws.slug, ws.owner, { intent: "update-member", membershipId: row.id, role: "member", agencyId: nhs });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("at least one owner");
    expect(await membership(ws.id, ws.owner.id)).toMatchObject({ role: "owner", agencyId: null });
  });
});
