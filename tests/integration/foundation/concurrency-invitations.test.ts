import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as acceptAction } from "../../../app/routes/invite.$token";
import { action as membersAction } from "../../../app/routes/w.$ws.members";
import { db } from "../../../app/utils/db.server";
import { memberships } from "../../../db/schema/core";
import { makeUser, makeWorkspace, type TestUser } from "../../helpers/factories";
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
  it("two people using the same invitation link at once: exactly one joins", async () => {
    const ws = await makeWorkspace();
    const invited = await post(ws.slug, ws.owner, { intent: "invite", role: "member" });
    const token = new URL((invited.data as { created: { url: string } }).created.url).pathname.split("/").pop() as string;
    const people = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const settled = await Promise.allSettled(
      people.map((p) => callRoute(acceptAction, postRequest(`/invite/${token}`, { intent: "accept" }, { cookie: p.cookie }), { token })),
    );
    const answered = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value.status] : []));
    expect(answered.filter((s) => s === 302)).toHaveLength(1);
    expect(answered.every((s) => s === 302 || s === 410)).toBe(true);
    for (const r of settled) if (r.status === "rejected") expect(String(r.reason)).toContain("SQLITE_BUSY");
    const joined = await Promise.all(people.map((p) => membership(ws.id, p.id)));
    expect(joined.filter(Boolean)).toHaveLength(1);
  });
});
