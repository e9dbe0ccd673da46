import { describe, expect, it } from "vitest";

import { createInvitation } from "../../../app/models/membership/invitation.server";
import { loader } from "../../../app/routes/w.$ws._index";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { agencies } from "../../../db/schema/core";
import { addMember, makeWorkspace, makeWorkspaceWithRoles, type TestUser } from "../../helpers/factories";
import { callRoute, getRequest } from "../../helpers/requests";

type Home = {
  workspace: { name: string; description: string };
  members: { total: number; byRole: Array<{ role: string; count: number }>; pendingInvitations: number | null; canSeeMembers: boolean };
  agencies: { agencies: Array<{ name: string; kind: string }>; canManage: boolean };
};

async function home(slug: string, who: TestUser) {
  const result = await callRoute(loader, getRequest(`/w/${slug}`, { cookie: who.cookie }), { ws: slug });
  return { status: result.status, data: result.data as Home };
}

describe("the workspace home", () => {
  it("shows members by role, the active partner agencies and, to owners, pending invitations", async () => {
    const ws = await makeWorkspaceWithRoles();
    await addMember(ws, "member");
    await db().insert(agencies).values([
      { id: newId(), workspaceId: ws.id, name: "NHS Lothian", kind: "health" },
      { id: newId(), workspaceId: ws.id, name: "Police Scotland — J Division", kind: "police" },
      { id: newId(), workspaceId: ws.id, name: "Former partner", kind: "other", archivedAt: Date.now() },
    ]);
    await createInvitation({ userId: ws.owner.id }, ws.id, { role: "analyst" });
    await createInvitation({ userId: ws.owner.id }, ws.id, { role: "member" }, { now: Date.now() - 8 * 24 * 3600 * 1000 });

    const owner = await home(ws.slug, ws.owner);
    expect(owner.status).toBe(200);
    expect(owner.data.members.total).toBe(6);
    expect(owner.data.members.byRole).toEqual([
      { role: "owner", count: 1 },
      { role: "facilitator", count: 1 },
      { role: "analyst", count: 1 },
      { role: "member", count: 2 },
      { role: "evaluator", count: 1 },
    ]);
    expect(owner.data.members.pendingInvitations).toBe(1);
    expect(owner.data.agencies.agencies.map((a) => a.name)).toEqual(["NHS Lothian", "Police Scotland — J Division"]);
    expect(owner.data.agencies.canManage).toBe(true);

    const evaluator = await home(ws.slug, ws.users.evaluator);
    expect(evaluator.status).toBe(200);
    expect(evaluator.data.members.pendingInvitations).toBeNull();
    expect(evaluator.data.members.canSeeMembers).toBe(false);
    expect(evaluator.data.agencies.canManage).toBe(false);
  });

  it("is not found for people outside the workspace", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    expect((await home(ws.slug, other.owner)).status).toBe(404);
  });
});
