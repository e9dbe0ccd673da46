import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { overlappingMarkKey } from "../../../app/models/comment/comment-anchor.server";
import { countUnreadMentions } from "../../../app/models/comment/comment.server";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { updateLogDetails } from "../../../app/models/log/log.server";
import { db } from "../../../app/utils/db.server";
import { comments, commentThreads } from "../../../db/schema/comments";
import { logAuthors, logs } from "../../../db/schema/logs";
import { connectCollabClient, type CollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer } from "../../helpers/collab-server";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { makeLogWorld, type LogWorld } from "../logs/world";

type Handler = Parameters<typeof callRoute>[0];
const commentsRoute = (await import("../../../app/routes/w.$ws.logs.$id_.comments")) as {
  loader: Handler;
  action: Handler;
};
const mentionsRoute = (await import("../../../app/routes/w.$ws.mentions")) as {
  loader: Handler;
  action: Handler;
};

let world: LogWorld;
let url: string;
let origin: string;
let close: () => Promise<void>;
const clients: CollabClient[] = [];

beforeAll(async () => {
  world = await makeLogWorld();
  const running = await startCollabServer({
    kinds: DOCUMENT_KIND_CONFIG,
    storeDebounceMs: 100,
    storeMaxDebounceMs: 300,
  });
  url = running.url;
  origin = originOf(running.url);
  close = running.close;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await close?.();
});

function connect(cookie: string, logId: string): CollabClient {
  const client = connectCollabClient({ url, documentName: `log:${logId}`, cookie, origin });
  clients.push(client);
  return client;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function paragraphText(doc: Y.Doc, words: string): Y.XmlText | undefined {
  for (const child of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const text = child.get(0);
    if (text instanceof Y.XmlText && text.toString().includes(words)) return text;
  }
  return undefined;
}

const plain = (t: Y.XmlText | undefined) =>
  ((t?.toDelta() as Array<{ insert: string }> | undefined) ?? []).map((d) => d.insert).join("");

/** What a browser sends: Yjs relative positions around `words`, from its own copy of the log. */
function rangeAround(doc: Y.Doc, words: string) {
  const text = paragraphText(doc, words);
  if (!text) throw new Error(`"${words}" is not in the document`);
  const at = plain(text).indexOf(words);
  const encode = (index: number) =>
    Buffer.from(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)),
    ).toString("base64");
  return { anchorStart: encode(at), anchorEnd: encode(at + words.length) };
}

function commentAs(cookie: string, logId: string, form: Record<string, string>, json = false) {
  const path = `/w/${world.ws.slug}/logs/${logId}/comments`;
  return callRoute(
    commentsRoute.action,
    postRequest(path, form, { cookie, headers: json ? { Accept: "application/json" } : {} }),
    { ws: world.ws.slug, id: logId },
  );
}

async function threadRow(id: string) {
  const [row] = await db().select().from(commentThreads).where(eq(commentThreads.id, id));
  return row;
}

function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

describe("comments anchored to a range of a log", () => {
  it("the server writes the anchor under the same Yjs key the editor's binding gives an overlapping mark", () => {
    const doc = ydocFromProsemirrorJson({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "words",
              marks: [{ type: "commentAnchor", attrs: { threadId: "t1" } }],
            },
          ],
        },
      ],
    });
    const text = (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const [piece] = text.toDelta() as Array<{ attributes: Record<string, unknown> }>;
    expect(Object.keys(piece.attributes)).toEqual([
      overlappingMarkKey("commentAnchor", { threadId: "t1" }),
    ]);
  });

  it("an evaluator, who cannot edit, anchors a thread that every editor receives live; the anchor follows edits before and inside it, and a deletion is reported with the last words kept", async () => {
    const logId = world.logs.workspace;
    const writer = connect(world.ws.users.member.cookie, logId);
    const colleague = connect(world.ws.users.facilitator.cookie, logId);
    const evaluator = connect(world.ws.users.evaluator.cookie, logId);
    for (const c of [writer, colleague, evaluator])
      expect(await c.outcome).toEqual({ kind: "synced" });
    writeParagraph(writer.doc, "Families told us duplicated assessments wore them down.");
    await until(
      () => paragraphText(evaluator.doc, "duplicated") !== undefined,
      "the paragraph to reach the evaluator",
    );

    const started = await commentAs(
      world.ws.users.evaluator.cookie,
      logId,
      {
        intent: "start",
        body: "Which agencies assessed them?",
        ...rangeAround(evaluator.doc, "duplicated assessments"),
      },
      true,
    );
    expect(started.status).toBe(200);
    const { threadId } = started.data as { threadId: string };
    const key = overlappingMarkKey("commentAnchor", { threadId });
    const marked = (doc: Y.Doc) =>
      (
        paragraphText(doc, "Families")?.toDelta() as Array<{
          insert: string;
          attributes?: Record<string, unknown>;
        }>
      )
        .filter((d) => d.attributes?.[key])
        .map((d) => d.insert)
        .join("");
    await until(
      () => marked(writer.doc) === "duplicated assessments",
      "the anchor to reach the writer live",
    );
    expect((await threadRow(threadId)).anchorText).toBe("duplicated assessments");

    const theirs = paragraphText(colleague.doc, "duplicated") as Y.XmlText;
    await until(
      () => marked(colleague.doc) === "duplicated assessments",
      "the anchor to reach the colleague",
    );
    theirs.insert(0, "In March, ");
    theirs.insert(plain(theirs).indexOf("assessments"), "and costly ");
    await until(
      async () => (await threadRow(threadId)).anchorText === "duplicated and costly assessments",
      "the anchor text to take in words typed inside it",
    );

    const current = paragraphText(colleague.doc, "Families") as Y.XmlText;
    current.delete(
      plain(current).indexOf("duplicated"),
      "duplicated and costly assessments ".length,
    );
    await until(
      async () => (await threadRow(threadId)).anchorRemovedAt !== null,
      "the anchor to be reported removed",
    );
    expect((await threadRow(threadId)).anchorText).toBe("duplicated and costly assessments");

    const authors = await db().select().from(logAuthors).where(eq(logAuthors.logId, logId));
    expect(authors.map((a) => a.userId)).not.toContain(world.ws.users.evaluator.id);
  });

  it("a comment on a private log is refused to a non-author, and another workspace cannot reach it", async () => {
    const logId = world.logs.private;
    const refused = await commentAs(world.ws.users.facilitator.cookie, logId, {
      intent: "reply",
      threadId: "x",
      body: "hello",
    });
    expect(refused.status).toBe(404);
    const foreign = await commentAs(world.foreign.cookie, world.logs.workspace, {
      intent: "reply",
      threadId: "x",
      body: "hello",
    });
    expect(foreign.status).toBe(404);
    const page = await callRoute(
      commentsRoute.loader,
      getRequest(`/w/${world.ws.slug}/logs/${logId}/comments`, {
        cookie: world.ws.users.evaluator.cookie,
      }),
      { ws: world.ws.slug, id: logId },
    );
    expect(page.status).toBe(404);
  });

  it("an @mention reaches the person's inbox with an unread count; mentioning someone who cannot read the log is refused and stores nothing", async () => {
    const logId = world.logs.workspace;
    const client = connect(world.ws.users.member.cookie, logId);
    expect(await client.outcome).toEqual({ kind: "synced" });
    writeParagraph(client.doc, "Step-down planning was rushed.");
    await until(() => !client.provider.hasUnsyncedChanges, "the server to have the words");
    const names = await import("../../../app/models/set/set.server").then((m) =>
      m.listWorkspacePeople(world.ws.id),
    );
    const facilitatorName = names.find((p) => p.id === world.ws.users.facilitator.id)!.displayName;
    const started = await commentAs(
      world.ws.users.evaluator.cookie,
      logId,
      {
        intent: "start",
        body: `@${facilitatorName} could the set look at this?`,
        ...rangeAround(client.doc, "Step-down planning"),
      },
      true,
    );
    expect(started.status, JSON.stringify(started.data)).toBe(200);
    expect(
      await countUnreadMentions({
        workspaceId: world.ws.id,
        userId: world.ws.users.facilitator.id,
      }),
    ).toBe(1);
    const inbox = await callRoute(
      mentionsRoute.loader,
      getRequest(`/w/${world.ws.slug}/mentions`, { cookie: world.ws.users.facilitator.cookie }),
      { ws: world.ws.slug },
    );
    const { mentions } = inbox.data as {
      mentions: Array<{ body: string; logId: string; readAt: number | null }>;
    };
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ logId, readAt: null });
    expect(mentions[0].body).toContain("could the set look at this?");

    // The private log's reader list is its author only: a mention of the facilitator there is refused.
    const privateClient = connect(world.ws.users.member.cookie, world.logs.private);
    expect(await privateClient.outcome).toEqual({ kind: "synced" });
    writeParagraph(privateClient.doc, "Only for me.");
    await until(
      () => !privateClient.provider.hasUnsyncedChanges,
      "the server to have the private words",
    );
    const before = await db().select().from(comments);
    const refused = await commentAs(
      world.ws.users.member.cookie,
      world.logs.private,
      {
        intent: "start",
        body: `@${facilitatorName} see this`,
        ...rangeAround(privateClient.doc, "Only for me"),
      },
      true,
    );
    expect(refused.status).toBe(400);
    expect((refused.data as { message: string }).message).toBe(
      `${facilitatorName} cannot read this log, so cannot be mentioned in it`,
    );
    expect(await db().select().from(comments)).toHaveLength(before.length);

    const read = await callRoute(
      mentionsRoute.action,
      postRequest(
        `/w/${world.ws.slug}/mentions`,
        { intent: "read-all" },
        { cookie: world.ws.users.facilitator.cookie },
      ),
      { ws: world.ws.slug },
    );
    expect(read.status).toBe(302);
    expect(
      await countUnreadMentions({
        workspaceId: world.ws.id,
        userId: world.ws.users.facilitator.id,
      }),
    ).toBe(0);
  });

  it("a mention on a log that is later made private leaves the inbox of someone who can no longer read it", async () => {
    const logId = world.logs.workspace;
    const peer = world.setPeer;
    const names = await import("../../../app/models/set/set.server").then((m) =>
      m.listWorkspacePeople(world.ws.id),
    );
    const peerName = names.find((p) => p.id === peer.id)!.displayName;
    const client = connect(world.ws.users.member.cookie, logId);
    expect(await client.outcome).toEqual({ kind: "synced" });
    writeParagraph(client.doc, "Housing came late.");
    await until(() => !client.provider.hasUnsyncedChanges, "the server to have the words");
    const started = await commentAs(
      world.ws.users.member.cookie,
      logId,
      {
        intent: "start",
        body: `@${peerName} agree?`,
        ...rangeAround(client.doc, "Housing came late"),
      },
      true,
    );
    expect(started.status).toBe(200);
    expect(await countUnreadMentions({ workspaceId: world.ws.id, userId: peer.id })).toBe(1);
    const [{ title }] = await db()
      .select({ title: logs.title })
      .from(logs)
      .where(eq(logs.id, logId));
    const author = {
      userId: world.ws.users.member.id,
      role: "member" as const,
      workspaceId: world.ws.id,
    };
    await updateLogDetails(author, logId, { title, visibility: "private", tags: [] });
    expect(await countUnreadMentions({ workspaceId: world.ws.id, userId: peer.id })).toBe(0);
    await updateLogDetails(author, logId, { title, visibility: "workspace", tags: [] });
    expect(await countUnreadMentions({ workspaceId: world.ws.id, userId: peer.id })).toBe(1);
  });

  it("replies, resolving and reopening; a reply to a resolved thread reopens it", async () => {
    const logId = world.logs.workspace;
    const client = connect(world.ws.users.member.cookie, logId);
    expect(await client.outcome).toEqual({ kind: "synced" });
    writeParagraph(client.doc, "Police and school both assessed.");
    await until(() => !client.provider.hasUnsyncedChanges, "the server to have the words");
    const started = await commentAs(
      world.ws.users.facilitator.cookie,
      logId,
      { intent: "start", body: "Within a week?", ...rangeAround(client.doc, "both assessed") },
      true,
    );
    const { threadId } = started.data as { threadId: string };
    const resolved = await commentAs(world.ws.users.evaluator.cookie, logId, {
      intent: "resolve",
      threadId,
    });
    expect(resolved.status).toBe(302);
    expect((await threadRow(threadId)).resolvedBy).toBe(world.ws.users.evaluator.id);
    const reply = await commentAs(world.ws.users.member.cookie, logId, {
      intent: "reply",
      threadId,
      body: "Yes, four days apart.",
    });
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Location")).toBe(
      `/w/${world.ws.slug}/logs/${logId}#thread-${threadId}`,
    );
    const row = await threadRow(threadId);
    expect(row.resolvedAt).toBeNull();
    const bodies = (await db().select().from(comments).where(eq(comments.threadId, threadId))).map(
      (c) => c.body,
    );
    expect(bodies).toEqual(["Within a week?", "Yes, four days apart."]);
  });

  it("bad input gets a clear message and stores nothing: an empty comment, a selection that is not a position, a thread of another log", async () => {
    const logId = world.logs.workspace;
    const before = (await db().select().from(comments)).length;
    const threadsBefore = (await db().select().from(commentThreads)).length;
    const empty = await commentAs(world.ws.users.member.cookie, logId, {
      intent: "reply",
      threadId: "abc",
      body: "   ",
    });
    expect(empty.status).toBe(400);
    expect((empty.data as { message: string }).message).toBe("Write your comment");
    const garbage = await commentAs(
      world.ws.users.member.cookie,
      logId,
      { intent: "start", body: "Hi", anchorStart: "AAAA", anchorEnd: "AAAA" },
      true,
    );
    expect(garbage.status).toBe(400);
    expect((garbage.data as { message: string }).message).toMatch(
      /^Select the words you are commenting on/,
    );
    const other = await commentAs(world.ws.users.member.cookie, logId, {
      intent: "reply",
      threadId: "nosuchthread",
      body: "Hi",
    });
    expect(other.status).toBe(400);
    expect((other.data as { message: string }).message).toBe(
      "That comment thread is not on this log",
    );
    expect((await db().select().from(comments)).length).toBe(before);
    expect((await db().select().from(commentThreads)).length).toBe(threadsBefore);
  });

  it("retention deletes a thread nobody has added to for the learning period, with its comments, and keeps a recent one", async () => {
    const { runRetention } = await import("../../../app/models/retention/retention.server");
    const logId = world.logs.workspace;
    const client = connect(world.ws.users.member.cookie, logId);
    expect(await client.outcome).toEqual({ kind: "synced" });
    writeParagraph(client.doc, "Old words and new words.");
    await until(() => !client.provider.hasUnsyncedChanges, "the server to have the words");
    const old = await commentAs(world.ws.users.member.cookie, logId, { intent: "start", body: "An old question", ...rangeAround(client.doc, "Old words") }, true);
    const recent = await commentAs(world.ws.users.member.cookie, logId, { intent: "start", body: "A new question", ...rangeAround(client.doc, "new words") }, true);
    const oldId = (old.data as { threadId: string }).threadId;
    const recentId = (recent.data as { threadId: string }).threadId;
    const longAgo = Date.now() - 40 * 31 * 86_400_000;
    await db().update(commentThreads).set({ updatedAt: longAgo }).where(eq(commentThreads.id, oldId));
    const run = await runRetention({ holder: "comments-test", leaseMs: 60_000 });
    expect(run.ran).toBe(true);
    expect(await threadRow(oldId)).toBeUndefined();
    expect(await db().select().from(comments).where(eq(comments.threadId, oldId))).toEqual([]);
    expect((await threadRow(recentId))?.id).toBe(recentId);
  });
});

