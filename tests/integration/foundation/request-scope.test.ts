import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";


import { findWorkspaceMembership, requireWorkspaceAccess } from "../../../app/utils/access.server";
import { getSessionFromRequest, invalidateSession } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { runInRequestScope } from "../../../app/utils/request-scope.server";
import { memberships } from "../../../db/schema/core";
import { makeUser, makeWorkspace } from "../../helpers/factories";
import { getRequest } from "../../helpers/requests";

describe("a page's loaders read the session and membership once", () => {
  it("within one request scope the session is validated once, and a new request sees a revoked session at once", async () => {
    const user = await makeUser();
    const request = () => getRequest("/w", { cookie: user.cookie });
    const [first, second] = await runInRequestScope(() => Promise.all([getSessionFromRequest(request()), getSessionFromRequest(request())]));
    expect(first?.user.id).toBe(user.id);
    expect(second).toBe(first);
    // The password hash is never part of a signed-in request's user.
    expect(JSON.stringify(first?.user)).not.toContain("argon2");

    await invalidateSession(first!.session.id);
    expect(await runInRequestScope(() => getSessionFromRequest(request()))).toBeNull();
  });

  it("outside a request scope (an action, a test) every call reads again", async () => {
    const user = await makeUser();
    const a = await getSessionFromRequest(getRequest("/w", { cookie: user.cookie }));
    const b = await getSessionFromRequest(getRequest("/w", { cookie: user.cookie }));
    expect(a?.user.id).toBe(user.id);
    expect(b).not.toBe(a);
  });

  it("the membership read is shared within a request and answers for the right person only", async () => {
    const owner = await makeUser();
    const stranger = await makeUser();
    const ws = await makeWorkspace(owner);
    const [mine, again, theirs] = await runInRequestScope(() =>
      Promise.all([findWorkspaceMembership(ws.slug, owner.id), findWorkspaceMembership(ws.slug, owner.id), findWorkspaceMembership(ws.slug, stranger.id)]),
    );
    expect(mine?.membership.role).toBe("owner");
    expect(again).toBe(mine);
    expect(theirs).toBeNull();
  });

  it("a member who loses their membership is refused at their very next request, though the reads are compiled once", async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const ws = await makeWorkspace(owner);
    await db().insert(memberships).values({ id: `m-${member.id}`, workspaceId: ws.id, userId: member.id, role: "member" });
    const open = () => runInRequestScope(() => requireWorkspaceAccess(getRequest(`/w/${ws.slug}`, { cookie: member.cookie }), ws.slug, "workspace:read"));
    expect((await open()).role).toBe("member");
    await db().delete(memberships).where(eq(memberships.userId, member.id));
    const refused = await open().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
  });
});
