import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent } from "../../../app/collab/content.server";
import { loadDocumentState } from "../../../app/collab/storage.server";
import { templatePrompt } from "../../../app/models/log/log-templates";
import { action as pageAction } from "../../../app/routes/w.$ws.logs.$id";
import { action as newAction } from "../../../app/routes/w.$ws.logs.new";
import { loader as searchLoader } from "../../../app/routes/w.$ws.search";
import { db } from "../../../app/utils/db.server";
import { logs } from "../../../db/schema/logs";
import { addMember, makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { actorFor, makeLog, makeSet } from "./world";

async function storedDocumentText(logId: string): Promise<string> {
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

describe("template prompts are placeholders, never content", () => {
  it("a new log from What? / So what? / Now what? stores the headings and none of the prompts, and search does not find a prompt", async () => {
    const ws = await makeWorkspaceWithRoles();
    const member = ws.users.member;
    const result = await callRoute(
      newAction,
      postRequest(`/w/${ws.slug}/logs/new`, { title: "After the panel", visibility: "workspace", template: "what-so-what-now-what" }, { cookie: member.cookie }),
      { ws: ws.slug },
    );
    const id = createdId(result.headers.get("Location"));
    const [log] = await db().select().from(logs).where(eq(logs.id, id));
    expect(log.contentText).toBe("What?\n\nSo what?\n\nNow what?");
    const prompt = templatePrompt("What?");
    expect(prompt).toMatch(/Describe the situation/);
    expect(JSON.stringify(log.contentJson)).not.toContain("Describe the situation");
    expect(await storedDocumentText(id)).toBe("What?\n\nSo what?\n\nNow what?");

    const found = await callRoute(searchLoader, getRequest(`/w/${ws.slug}/search?q=${encodeURIComponent("describe the situation")}`, { cookie: member.cookie }), {
      ws: ws.slug,
    });
    expect((found.data as { results: unknown[] }).results).toEqual([]);
  });

  it("Gibbs' cycle stores six headings with empty paragraphs under them", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "After the board", template: "gibbs" });
    expect(await storedDocumentText(log.id)).toBe("Description\n\nFeelings\n\nEvaluation\n\nAnalysis\n\nConclusion\n\nAction plan");
  });
});

describe("sharing a private log is one step", () => {
  it("the author shares a private log with everyone in the workspace with one button", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Quiet thoughts", visibility: "private", tags: ["housing"] });
    const result = await callRoute(
      pageAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "share", visibility: "workspace" }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(result.status).toBe(302);
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row).toMatchObject({ visibility: "workspace", title: "Quiet thoughts", setId: null });
  });

  it("the author shares with their own set, but not with a set they are not in, which changes nothing", async () => {
    const ws = await makeWorkspaceWithRoles();
    const mine = await makeSet(ws.id, ws.users.facilitator, [ws.users.member], "Musselburgh set");
    const stranger = await addMember(ws, "member");
    const notMine = await makeSet(ws.id, null, [stranger], "Another set");
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "For the set", visibility: "private" });

    const refused = await callRoute(
      pageAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "share", visibility: "set", setId: notMine }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("Choose one of the learning sets you take part in");
    expect((await db().select().from(logs).where(eq(logs.id, log.id)))[0].visibility).toBe("private");

    const shared = await callRoute(
      pageAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}`, { intent: "share", visibility: "set", setId: mine }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(shared.status).toBe(302);
    expect((await db().select().from(logs).where(eq(logs.id, log.id)))[0]).toMatchObject({ visibility: "set", setId: mine });
  });
});
