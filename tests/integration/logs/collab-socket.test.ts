
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import type { CollabHandle } from "../../../app/collab/index.server";
import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { searchWorkspace } from "../../../app/models/search/search.server";
import { db } from "../../../app/utils/db.server";
import { logAuthors, logs } from "../../../db/schema/logs";
import { connectCollabClient, type CollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer } from "../../helpers/collab-server";
import { makeLogWorld, type LogWorld } from "./world";

let world: LogWorld;
let collab: CollabHandle;
let url: string;
let origin: string;
let close: () => Promise<void>;
const clients: CollabClient[] = [];

beforeAll(async () => {
  world = await makeLogWorld();
  const running = await startCollabServer({ kinds: DOCUMENT_KIND_CONFIG, storeDebounceMs: 150, storeMaxDebounceMs: 500 });
  collab = running.collab;
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

function textOf(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("learning logs on the collaboration socket", () => {
  it("two set participants converge, both become authors, and the words are searchable seconds later", async () => {
    const id = world.logs.set;
    const a = connect(world.ws.users.member.cookie, id);
    const b = connect(world.ws.users.facilitator.cookie, id);
    expect(await a.outcome).toEqual({ kind: "synced" });
    expect(await b.outcome).toEqual({ kind: "synced" });
    typeParagraph(a.doc, "Hawthorn had 63 referrals, over a third from families themselves.");
    typeParagraph(b.doc, "Whole family support must be patient and persistent.");
    await until(() => textOf(a.doc).includes("patient") && textOf(b.doc).includes("Hawthorn"), "both edits on both clients");
    await until(() => !a.provider.hasUnsyncedChanges && !b.provider.hasUnsyncedChanges, "the server to acknowledge both edits");

    await until(async () => {
      const results = await searchWorkspace({ workspaceId: world.ws.id, userId: world.setPeer.id, q: "Hawthorn" });
      return results.some((r) => r.id === id);
    }, "the typed word to be searchable");
    const [row] = await db().select().from(logs).where(eq(logs.id, id));
    expect(row.contentText).toContain("patient and persistent");
    const authors = await db().select({ userId: logAuthors.userId }).from(logAuthors).where(eq(logAuthors.logId, id));
    expect(authors.map((x) => x.userId).sort()).toEqual([world.ws.users.member.id, world.ws.users.facilitator.id].sort());
    // Set logs stay in the set: someone outside it finds nothing.
    expect(await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.owner.id, q: "Hawthorn" })).toEqual([]);
  });

  it("words typed by someone who then leaves are searchable while a colleague stays in the log", async () => {
    const id = world.logs.workspace;
    const stays = connect(world.ws.users.facilitator.cookie, id);
    const leaves = connect(world.ws.users.member.cookie, id);
    expect(await stays.outcome).toEqual({ kind: "synced" });
    expect(await leaves.outcome).toEqual({ kind: "synced" });
    typeParagraph(stays.doc, "Guillemot counts from the facilitator.");
    await until(() => !stays.provider.hasUnsyncedChanges && textOf(leaves.doc).includes("Guillemot"), "the edit to be acknowledged");
    leaves.destroy();
    await until(async () => {
      const results = await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.analyst.id, q: "Guillemot" });
      return results.some((r) => r.id === id);
    }, "the word to be searchable", 4000);
    stays.destroy();
  });

  it("an evaluator's connection to a workspace log is read-only: their edits reach neither other editors nor the database", async () => {
    const id = world.logs.workspace;
    const writer = connect(world.ws.users.member.cookie, id);
    const evaluator = connect(world.ws.users.evaluator.cookie, id);
    expect(await writer.outcome).toEqual({ kind: "synced" });
    expect(await evaluator.outcome).toEqual({ kind: "synced" });
    await until(() => evaluator.provider.authorizedScope === "readonly", "the read-only scope");
    typeParagraph(evaluator.doc, "EVALUATOR-WAS-HERE");
    typeParagraph(writer.doc, "Writer paragraph after the evaluator tried.");
    await until(() => textOf(evaluator.doc).includes("Writer paragraph"), "the writer's edit to reach the evaluator");
    await until(() => !writer.provider.hasUnsyncedChanges, "the writer's edit to be stored");
    await collab.storeAll();
    expect(textOf(writer.doc)).not.toContain("EVALUATOR-WAS-HERE");
    const [row] = await db().select().from(logs).where(eq(logs.id, id));
    expect(row.contentText).toContain("Writer paragraph");
    expect(row.contentText).not.toContain("EVALUATOR-WAS-HERE");
    const authors = await db().select({ userId: logAuthors.userId }).from(logAuthors).where(eq(logAuthors.logId, id));
    expect(authors.map((x) => x.userId)).not.toContain(world.ws.users.evaluator.id);
  });

  it("someone outside the set, an owner outside the set and a member of another workspace are refused", async () => {
    const outsider = connect(world.ws.users.analyst.cookie, world.logs.set);
    const owner = connect(world.ws.users.owner.cookie, world.logs.set);
    const foreign = connect(world.foreign.cookie, world.logs.workspace);
    const privateForOwner = connect(world.ws.users.owner.cookie, world.logs.private);
    for (const client of [outsider, owner, foreign, privateForOwner]) {
      const outcome = await client.outcome;
      // Refused by the log's access rules after a valid upgrade, not by the Origin check.
      expect(outcome).toMatchObject({ kind: "refused", reason: expect.stringContaining("authentication failed") });
      expect(textOf(client.doc)).toBe("");
    }
  });
});
