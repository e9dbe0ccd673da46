import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as membersAction } from "../../../app/routes/w.$ws.members";
import { db } from "../../../app/utils/db.server";
import { memberships } from "../../../db/schema/core";
import { addMember, makeWorkspace, type TestUser } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";

/*
 * Requests racing each other. The rules must hold whoever wins. A loser answers 4xx, or fails
 * with SQLITE_BUSY while db/client.ts opens pooled connections without a busy timeout (reported
 * to the lead: `createClient({ ..., timeout: 5000 })` fixes it). Each race is in a file of its own
 * because a busy failure can leave that worker's connection pool unusable for later tests.
 */

function post(slug: string, who: TestUser, form: Record<string, string>) {
  return callRoute(membersAction, postRequest(`/w/${slug}/members`, form, { cookie: who.cookie }), { ws: slug });
}

async function membership(workspaceId: string, userId: string) {
  const [row] = await db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

describe("racing requests", () => {
  it("two owners removing each other at the same moment still leave one owner", async () => {
    const ws = await makeWorkspace();
    const second = await addMember(ws, "owner");
    const a = await membership(ws.id, ws.owner.id);
    const b = await membership(ws.id, second.id);
    const settled = await Promise.allSettled([
      post(ws.slug, ws.owner, { intent: "remove", membershipId: b.id }),
      post(ws.slug, second, { intent: "remove", membershipId: a.id }),
    ]);
    for (const r of settled) if (r.status === "rejected") expect(String(r.reason)).toContain("SQLITE_BUSY");
    expect(settled.some((r) => r.status === "fulfilled" && r.value.status === 302)).toBe(true);
    const owners = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });
});
