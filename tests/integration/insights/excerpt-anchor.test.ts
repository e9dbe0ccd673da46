import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { loader as insightLoader } from "../../../app/routes/w.$ws.insights.$id";
import { db } from "../../../app/utils/db.server";
import { insightExcerpts } from "../../../db/schema/insights";
import { connectCollabClient, type CollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer } from "../../helpers/collab-server";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeInsight, makeInsightWorld, type InsightWorld } from "./world";

let world: InsightWorld;
let url: string;
let origin: string;
let close: () => Promise<void>;
const clients: CollabClient[] = [];

beforeAll(async () => {
  world = await makeInsightWorld();
  const running = await startCollabServer({ kinds: DOCUMENT_KIND_CONFIG, storeDebounceMs: 100, storeMaxDebounceMs: 300 });
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

/** The text node of the paragraph holding `words` (as Tiptap's Collaboration binding keeps it). */
function textHolding(doc: Y.Doc, words: string): Y.XmlText | undefined {
  for (const child of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const text = child.get(0);
    if (text instanceof Y.XmlText && text.toString().includes(words)) return text;
  }
  return undefined;
}

function plain(text: Y.XmlText | undefined): string {
  return (text?.toDelta() as Array<{ insert: string }> | undefined)?.map((d) => d.insert).join("") ?? "";
}

function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/**
 * The mark as the editor writes it: the excerpt mark may overlap another of its kind, so the
 * Yjs binding stores it under the mark name plus an 8-character hash of its attributes.
 */
function markWords(doc: Y.Doc, words: string, insightId: string, key = "insightExcerpt--Qx7vT2aB") {
  const text = textHolding(doc, words);
  if (!text) throw new Error(`"${words}" is not in the document`);
  const at = plain(text).indexOf(words);
  text.format(at, words.length, { [key]: { insightId } });
}

async function excerptRow(insightId: string, logId: string) {
  const rows = await db().select().from(insightExcerpts).where(eq(insightExcerpts.insightId, insightId));
  return rows.find((r) => r.logId === logId) ?? null;
}

describe("an insight's excerpt is anchored in the log's Yjs document", () => {
  it("the quoted words follow edits made by another real client before and inside the marked range, and a deletion is reported with the last words kept", async () => {
    const logId = world.logs.workspace;
    const { id: insightId } = await makeInsight(world.ws, {}, { excerpt: { logId, quote: "duplicated assessments" } });
    const writer = connect(world.ws.users.member.cookie, logId);
    const colleague = connect(world.ws.users.facilitator.cookie, logId);
    expect(await writer.outcome).toEqual({ kind: "synced" });
    expect(await colleague.outcome).toEqual({ kind: "synced" });

    writeParagraph(writer.doc, "Families told us duplicated assessments wore them down.");
    markWords(writer.doc, "duplicated assessments", insightId);
    await until(async () => (await excerptRow(insightId, logId))?.derivedAt != null, "the first compaction to derive the excerpt");
    expect((await excerptRow(insightId, logId))?.text).toBe("duplicated assessments");

    // The colleague's words arrive over the server: before the range, then inside it.
    await until(() => textHolding(colleague.doc, "duplicated") !== undefined, "the paragraph to reach the colleague");
    const theirs = textHolding(colleague.doc, "duplicated") as Y.XmlText;
    theirs.insert(0, "In March, ");
    const inside = plain(theirs).indexOf("assessments");
    theirs.insert(inside, "and costly ");
    await until(async () => (await excerptRow(insightId, logId))?.text === "duplicated and costly assessments", "the excerpt to take in the words typed inside it");
    const moved = await excerptRow(insightId, logId);
    expect(moved?.removedAt).toBeNull();
    await until(() => plain(textHolding(writer.doc, "Families")) === "In March, Families told us duplicated and costly assessments wore them down.", "the colleague's words to reach the writer");

    // The colleague deletes the marked words: the insight keeps the last excerpt and says it was removed.
    const current = textHolding(colleague.doc, "Families") as Y.XmlText;
    const start = plain(current).indexOf("duplicated");
    current.delete(start, "duplicated and costly assessments ".length);
    await until(async () => (await excerptRow(insightId, logId))?.removedAt != null, "the excerpt to be reported removed");
    const removed = await excerptRow(insightId, logId);
    expect(removed?.text).toBe("duplicated and costly assessments");
    const page = await callRoute(insightLoader, getRequest(`/w/${world.ws.slug}/insights/${insightId}`, { cookie: world.ws.users.analyst.cookie }), { ws: world.ws.slug, id: insightId });
    const seen = (page.data as { insight: { excerpts: unknown[]; strength: { pieces: number } } }).insight;
    expect(seen.excerpts).toEqual([expect.objectContaining({ readable: true, removed: true, text: "duplicated and costly assessments" })]);
    // A removed excerpt no longer counts as evidence.
    expect(seen.strength.pieces).toBe(0);
    await until(() => plain(textHolding(writer.doc, "Families")) === "In March, Families told us wore them down.", "the deletion to reach the writer");
  });

  it("a mark for an insight of another workspace, pasted into a log, creates no link", async () => {
    const logId = world.logs.workspace;
    const { createInsight } = await import("../../../app/models/insight/insight.server");
    const { addMember } = await import("../../helpers/factories");
    const otherMember = await addMember(world.other, "member");
    const { id: foreignInsight } = await createInsight({ userId: otherMember.id }, world.other.id, {
      statement: "An insight of another partnership entirely",
      kind: "finding",
      status: "emerging",
      confidence: "low",
      relayedTo: "",
    });
    const writer = connect(world.ws.users.member.cookie, logId);
    expect(await writer.outcome).toEqual({ kind: "synced" });
    writeParagraph(writer.doc, "Words pasted from elsewhere.");
    const fragment = writer.doc.getXmlFragment(DOCUMENT_FIELD);
    const last = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    last.format(0, 5, { insightExcerpt: { insightId: foreignInsight } });
    const { id: ownInsight } = await makeInsight(world.ws, { statement: "A marker insight to know the compaction ran" });
    last.format(6, 6, { insightExcerpt: { insightId: ownInsight } });
    await until(async () => (await excerptRow(ownInsight, logId)) !== null, "the compaction to record the own insight's excerpt");
    expect((await excerptRow(ownInsight, logId))?.text).toBe("pasted");
    expect(await excerptRow(foreignInsight, logId)).toBeNull();
  });
});
