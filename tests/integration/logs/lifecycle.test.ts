import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent } from "../../../app/collab/content.server";
import { loadDocumentState } from "../../../app/collab/storage.server";
import { BIN_RETENTION_MS } from "../../../app/models/log/log.policy";
import { purgeExpiredLogs } from "../../../app/models/log/log.server";
import { action as pageAction, loader as pageLoader } from "../../../app/routes/w.$ws.logs.$id";
import { loader as listLoader } from "../../../app/routes/w.$ws.logs._index";
import { action as binAction, loader as binLoader } from "../../../app/routes/w.$ws.logs.bin";
import { action as newAction, loader as newLoader } from "../../../app/routes/w.$ws.logs.new";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { logAuthors, logs, logTags } from "../../../db/schema/logs";
import { addMember, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { actorFor, makeLog, makeSet } from "./world";

async function storedText(logId: string): Promise<string> {
  const state = await loadDocumentState(`log:${logId}`);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return deriveContent(doc).text;
}

function createdId(location: string | null): string {
  const match = /\/logs\/([a-z0-9]+)$/.exec(location ?? "");
  if (!match) throw new Error(`not a log address: ${location}`);
  return match[1];
}

describe("creating a log", () => {
  it("a member creates a tagged workspace log from the What? / So what? / Now what? template and is its author", async () => {
    const ws = await makeWorkspaceWithRoles();
    const member = ws.users.member;
    const result = await callRoute(
      newAction,
      postRequest(
        `/w/${ws.slug}/logs/new`,
        { title: "Mapping the six case journeys", visibility: "workspace", tags: "Journeys, housing ,journeys", template: "what-so-what-now-what" },
        { cookie: member.cookie },
      ),
      { ws: ws.slug },
    );
    expect(result.status).toBe(302);
    const id = createdId(result.headers.get("Location"));
    const [log] = await db().select().from(logs).where(eq(logs.id, id));
    expect(log).toMatchObject({ title: "Mapping the six case journeys", visibility: "workspace", template: "what-so-what-now-what", createdBy: member.id });
    expect(log.contentText).toContain("So what?");
    const tags = await db().select({ tag: logTags.tag }).from(logTags).where(eq(logTags.logId, id));
    expect(tags.map((t) => t.tag).sort()).toEqual(["housing", "journeys"]);
    const authors = await db().select({ userId: logAuthors.userId }).from(logAuthors).where(eq(logAuthors.logId, id));
    expect(authors.map((a) => a.userId)).toEqual([member.id]);
    // The template is in the collaborative document itself, not only in the derived columns.
    const text = await storedText(id);
    expect(text).toContain("What?");
    expect(text).toContain("Now what?");
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "log.created")));
    expect(audit).toHaveLength(1);
  });

  it("Gibbs' reflective cycle gives the six stages as headings", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "After the board meeting", template: "gibbs" });
    const text = await storedText(log.id);
    for (const heading of ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]) expect(text).toContain(heading);
  });

  it("a form without a title or with an unknown visibility writes nothing and says what is wrong", async () => {
    const ws = await makeWorkspaceWithRoles();
    const before = await db().select().from(logs).where(eq(logs.workspaceId, ws.id));
    const result = await callRoute(newAction, postRequest(`/w/${ws.slug}/logs/new`, { title: " ", visibility: "everyone" }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Enter a title");
    expect(await db().select().from(logs).where(eq(logs.workspaceId, ws.id))).toEqual(before);
  });

  it("set visibility is offered only to people who take part in a set, and only their own sets are accepted", async () => {
    const ws = await makeWorkspaceWithRoles();
    const outsider = ws.users.analyst;
    const setId = await makeSet(ws.id, ws.users.facilitator, [ws.users.member]);
    const forMember = await callRoute(newLoader, getRequest(`/w/${ws.slug}/logs/new`, { cookie: ws.users.member.cookie }), { ws: ws.slug });
    expect((forMember.data as { sets: Array<{ id: string }> }).sets.map((s) => s.id)).toEqual([setId]);
    const forOutsider = await callRoute(newLoader, getRequest(`/w/${ws.slug}/logs/new`, { cookie: outsider.cookie }), { ws: ws.slug });
    expect((forOutsider.data as { sets: unknown[] }).sets).toEqual([]);

    const refused = await callRoute(
      newAction,
      postRequest(`/w/${ws.slug}/logs/new`, { title: "Not my set", visibility: "set", setId, template: "blank" }, { cookie: outsider.cookie }),
      { ws: ws.slug },
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("learning sets you take part in");
    const missingSet = await callRoute(
      newAction,
      postRequest(`/w/${ws.slug}/logs/new`, { title: "No set chosen", visibility: "set", template: "blank" }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug },
    );
    expect(missingSet.status).toBe(400);
    const accepted = await callRoute(
      newAction,
      postRequest(`/w/${ws.slug}/logs/new`, { title: "For the set", visibility: "set", setId, template: "blank" }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug },
    );
    expect(accepted.status).toBe(302);
    const [log] = await db().select().from(logs).where(eq(logs.id, createdId(accepted.headers.get("Location"))));
    expect(log).toMatchObject({ visibility: "set", setId });
  });

  it("an evaluator cannot create a log", async () => {
    const ws = await makeWorkspaceWithRoles();
    const result = await callRoute(
      newAction,
      postRequest(`/w/${ws.slug}/logs/new`, { title: "Evaluator notes", visibility: "workspace" }, { cookie: ws.users.evaluator.cookie }),
      { ws: ws.slug },
    );
    expect(result.status).toBe(403);
  });
});

describe("managing a log", () => {
  it("an author renames, retags and makes a log private; the change is audited", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Draft", tags: ["old"] });
    const result = await callRoute(
      pageAction,
      postRequest(
        `/w/${ws.slug}/logs/${log.id}`,
        { intent: "details", title: "One family, 23 agencies", visibility: "private", tags: "whole family, duplication" },
        { cookie: ws.users.member.cookie },
      ),
      { ws: ws.slug, id: log.id },
    );
    expect(result.status).toBe(302);
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row).toMatchObject({ title: "One family, 23 agencies", visibility: "private" });
    const tags = await db().select({ tag: logTags.tag }).from(logTags).where(eq(logTags.logId, log.id));
    expect(tags.map((t) => t.tag).sort()).toEqual(["duplication", "whole family"]);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, log.id), eq(auditEvents.kind, "log.updated")));
    expect(audit).toHaveLength(1);
    // Now private: the owner no longer sees it.
    const asOwner = await callRoute(pageLoader, getRequest(`/w/${ws.slug}/logs/${log.id}`, { cookie: ws.owner.cookie }), { ws: ws.slug, id: log.id });
    expect(asOwner.status).toBe(404);
  });

  it("owners and facilitators may manage a workspace log they did not write; other members may not", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Shared" });
    for (const [who, status] of [
      ["owner", 302],
      ["facilitator", 302],
      ["analyst", 403],
      ["evaluator", 403],
    ] as const) {
      const result = await callRoute(
        pageAction,
        postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "details", title: `Renamed by ${who}`, visibility: "workspace" }, { cookie: ws.users[who].cookie }),
        { ws: ws.slug, id: log.id },
      );
      expect(result.status, who).toBe(status);
    }
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row.title).toBe("Renamed by facilitator");
  });

  it("a deleted log leaves the list and the socket, an owner restores it from the bin, and it is purged after 30 days", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Report-back on the high-tariff list" });
    const deleted = await callRoute(pageAction, postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "delete" }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
      id: log.id,
    });
    expect(deleted.status).toBe(302);
    const list = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs`, { cookie: ws.users.member.cookie }), { ws: ws.slug });
    expect((list.data as { items: unknown[] }).items).toEqual([]);
    const page = await callRoute(pageLoader, getRequest(`/w/${ws.slug}/logs/${log.id}`, { cookie: ws.users.member.cookie }), { ws: ws.slug, id: log.id });
    expect(page.status).toBe(404);

    const bin = await callRoute(binLoader, getRequest(`/w/${ws.slug}/logs/bin`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    expect((bin.data as { deleted: Array<{ id: string }> }).deleted.map((d) => d.id)).toEqual([log.id]);
    const evaluatorBin = await callRoute(binLoader, getRequest(`/w/${ws.slug}/logs/bin`, { cookie: ws.users.evaluator.cookie }), { ws: ws.slug });
    expect(evaluatorBin.status).toBe(403);
    const otherMember = await addMember(ws, "member");
    const otherBin = await callRoute(binLoader, getRequest(`/w/${ws.slug}/logs/bin`, { cookie: otherMember.cookie }), { ws: ws.slug });
    expect((otherBin.data as { deleted: unknown[] }).deleted).toEqual([]);

    const restored = await callRoute(binAction, postRequest(`/w/${ws.slug}/logs/bin`, { intent: "restore", logId: log.id }, { cookie: ws.owner.cookie }), {
      ws: ws.slug,
    });
    expect(restored.status).toBe(302);
    const again = await callRoute(pageLoader, getRequest(`/w/${ws.slug}/logs/${log.id}`, { cookie: ws.users.member.cookie }), { ws: ws.slug, id: log.id });
    expect(again.status).toBe(200);

    // Deleted again, and left in the bin past the retention period: purged for good.
    await callRoute(pageAction, postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "delete" }, { cookie: ws.users.member.cookie }), { ws: ws.slug, id: log.id });
    expect(await purgeExpiredLogs(Date.now() + BIN_RETENTION_MS - 60_000)).not.toContain(log.id);
    expect(await purgeExpiredLogs(Date.now() + BIN_RETENTION_MS + 60_000)).toContain(log.id);
    expect(await db().select().from(logs).where(eq(logs.id, log.id))).toEqual([]);
    expect(await loadDocumentState(`log:${log.id}`)).toBeNull();
    const purgedAudit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, log.id), eq(auditEvents.kind, "log.purged")));
    expect(purgedAudit).toHaveLength(1);
  });

  it("an author gets back their own deleted private log, which no owner can see in the bin", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "My private worries", visibility: "private" });
    await callRoute(pageAction, postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "delete" }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
      id: log.id,
    });
    const ownerBin = await callRoute(binLoader, getRequest(`/w/${ws.slug}/logs/bin`, { cookie: ws.owner.cookie }), { ws: ws.slug });
    expect((ownerBin.data as { deleted: unknown[] }).deleted).toEqual([]);
    const ownerRestore = await callRoute(binAction, postRequest(`/w/${ws.slug}/logs/bin`, { intent: "restore", logId: log.id }, { cookie: ws.owner.cookie }), {
      ws: ws.slug,
    });
    expect(ownerRestore.status).toBe(404);

    const authorBin = await callRoute(binLoader, getRequest(`/w/${ws.slug}/logs/bin`, { cookie: ws.users.member.cookie }), { ws: ws.slug });
    expect((authorBin.data as { deleted: Array<{ id: string }> }).deleted.map((d) => d.id)).toEqual([log.id]);
    const restored = await callRoute(binAction, postRequest(`/w/${ws.slug}/logs/bin`, { intent: "restore", logId: log.id }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
    });
    expect(restored.status).toBe(302);
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row.deletedAt).toBeNull();
    expect(row.visibility).toBe("private");
  });

  it("a log of another workspace cannot be restored from this workspace's bin", async () => {
    const ws = await makeWorkspaceWithRoles();
    const other = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(other.users.member, "member", other.id), { title: "Elsewhere" });
    await callRoute(pageAction, postRequest(`/w/${other.slug}/logs/${log.id}`, { intent: "delete" }, { cookie: other.users.member.cookie }), {
      ws: other.slug,
      id: log.id,
    });
    const result = await callRoute(binAction, postRequest(`/w/${ws.slug}/logs/bin`, { intent: "restore", logId: log.id }, { cookie: ws.owner.cookie }), {
      ws: ws.slug,
    });
    expect(result.status).toBe(404);
  });

  it("the list filters by author, tag and visibility and pages through many logs", async () => {
    const ws = await makeWorkspaceWithRoles();
    const second = await addMember(ws, "member");
    for (let i = 0; i < 23; i++) {
      await makeLog(actorFor(i % 2 ? ws.users.member : second, "member", ws.id), { title: `Log ${i}`, tags: i % 3 === 0 ? ["housing"] : [] });
    }
    const cookie = { cookie: ws.users.member.cookie };
    const page1 = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs`, cookie), { ws: ws.slug });
    const d1 = page1.data as { items: Array<{ title: string }>; total: number; pageCount: number };
    expect(d1.total).toBe(23);
    expect(d1.pageCount).toBe(2);
    expect(d1.items[0].title).toBe("Log 22");
    const page2 = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs?page=2`, cookie), { ws: ws.slug });
    expect((page2.data as { items: unknown[] }).items).toHaveLength(3);
    const byTag = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs?tag=Housing`, cookie), { ws: ws.slug });
    expect((byTag.data as { total: number }).total).toBe(8);
    const byAuthor = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs?author=${second.id}`, cookie), { ws: ws.slug });
    expect((byAuthor.data as { total: number }).total).toBe(12);
    const privateOnly = await callRoute(listLoader, getRequest(`/w/${ws.slug}/logs?visibility=private&page=abc`, cookie), { ws: ws.slug });
    expect((privateOnly.data as { total: number }).total).toBe(0);
  });
});
