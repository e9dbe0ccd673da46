import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";

import { deriveContent, ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { isMaterialized } from "../../../app/collab/document-state.server";
import { writeDocumentState } from "../../../app/collab/storage.server";
import { MessageType, SyncStep } from "../../../app/collab/wire.server";
import { db } from "../../../app/utils/db.server";
import { collabDocuments } from "../../../db/schema/collab";
import type { TestServer } from "../../helpers/collab-server";
import { addMember, makeWorkspace } from "../../helpers/factories";
import { encodeFrame, pingPong, rawSocket, saved, storedDoc, synced, testLogKind, updateRows, waitFor } from "./helpers";
import { createCollabTestBed } from "./test-bed";

/*
 * ADR 006: a stored log is not decoded when it is opened. Clients' first syncs are answered with
 * the stored bytes; the server decodes the document when something needs its content. These
 * tests check that nothing about what people see or what is stored changes because of that.
 */

const bed = createCollabTestBed();

/** A few paragraphs, then one deleted, so the stored state has a delete set as real logs do. */
function storedLog(paragraphs: string[]): Uint8Array {
  const doc = ydocFromProsemirrorJson({
    type: "doc",
    content: [...paragraphs, "A paragraph that was written and then deleted."].map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  });
  const fragment = doc.getXmlFragment("default");
  fragment.delete(fragment.length - 1, 1);
  return Y.encodeStateAsUpdate(doc);
}

function typeAtStart(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

function textOfLog(doc: Y.Doc): string {
  return deriveContent(doc).text;
}

function serverDocument(server: TestServer, name: string) {
  const document = server.collab.hocuspocus.documents.get(name);
  if (!document) throw new Error(`${name} is not loaded`);
  return document;
}

async function snapshotColumn(name: string): Promise<Uint8Array | null> {
  const [row] = await db().select({ snapshot: collabDocuments.snapshot }).from(collabDocuments).where(eq(collabDocuments.name, name));
  return row?.snapshot ? new Uint8Array(row.snapshot) : null;
}

/** Every frame a raw socket receives, read as address, type and (for sync frames) step and payload. */
function recordFrames(ws: WebSocket) {
  const frames: { type: number; step?: number; payload?: Uint8Array }[] = [];
  ws.on("message", (data: Buffer) => {
    const bytes = new Uint8Array(data);
    let pos = 0;
    const uint = () => {
      let n = 0;
      let mult = 1;
      for (;;) {
        const byte = bytes[pos++];
        n += (byte & 0x7f) * mult;
        if (byte < 0x80) return n;
        mult *= 128;
      }
    };
    const addressLength = uint();
    pos += addressLength;
    const type = uint();
    if (type !== MessageType.Sync) return frames.push({ type });
    const step = uint();
    const length = uint();
    frames.push({ type, step, payload: bytes.slice(pos, pos + length) });
  });
  return frames;
}

/** A workspace, one stored log in it (`paragraphs`), and a collaboration server that has not opened it. */
async function withStoredLog(paragraphs: string[], prepare?: (name: string) => Promise<void>) {
  const ws = await makeWorkspace();
  const kind = testLogKind();
  const name = `log:${kind.addLog(ws.id)}`;
  const state = storedLog(paragraphs);
  await writeDocumentState(name, ws.id, state);
  await prepare?.(name);
  const server = await bed.start({ kinds: { log: kind.config } });
  return { ws, name, state, server };
}

describe("collaboration server: first sync from storage", () => {
  it("a stored log reaches two editors without being decoded; the first edit decodes it and everyone converges", async () => {
    const { ws, name, server } = await withStoredLog(["What happened at the panel.", "What we learned."]);
    const member = await addMember(ws, "member");

    const owner = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    const other = bed.connect({ url: server.url, documentName: name, cookie: member.cookie });
    await Promise.all([saved(owner), saved(other)]);
    expect(textOfLog(owner.doc)).toBe("What happened at the panel.\n\nWhat we learned.");
    expect(textOfLog(other.doc)).toBe(textOfLog(owner.doc));
    // Answered from the stored bytes: nothing decoded, and the clients' first replies (their
    // delete sets, already stored) added nothing to the update log.
    expect(isMaterialized(serverDocument(server, name))).toBe(false);
    expect(await updateRows(name)).toHaveLength(0);

    typeAtStart(owner.doc, "Today: ");
    await saved(owner);
    await waitFor(() => textOfLog(other.doc).startsWith("Today: What happened"), 5000, "the edit to reach the other editor");
    expect(isMaterialized(serverDocument(server, name))).toBe(true);
    expect(await updateRows(name)).toHaveLength(1);

    typeAtStart(other.doc, "(Draft) ");
    await saved(other);
    await waitFor(() => textOfLog(owner.doc).startsWith("(Draft) Today:"), 5000, "the reply edit");
    await server.close();

    const stored = await storedDoc(name);
    expect(textOfLog(stored)).toBe("(Draft) Today: What happened at the panel.\n\nWhat we learned.");
    // The compaction stored the snapshot of exactly the state it stored.
    const snapshot = await snapshotColumn(name);
    expect(snapshot).not.toBeNull();
    expect(Y.equalSnapshots(Y.decodeSnapshot(snapshot as Uint8Array), Y.snapshot(stored))).toBe(true);
  });

  it("edits a returning client made offline reach a log whose stored state is not decoded", async () => {
    const { ws, name, state, server } = await withStoredLog(["Notes from the March set."]);

    // The browser kept the log (IndexedDB) and typed while offline.
    const cached = new Y.Doc();
    Y.applyUpdate(cached, state);
    typeAtStart(cached, "Offline: ");
    const returning = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie, document: cached });
    await saved(returning);
    await waitFor(async () => (await updateRows(name)).length === 1, 5000, "the offline edit to be stored");

    const fresh = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(fresh);
    await waitFor(() => textOfLog(fresh.doc) === "Offline: Notes from the March set.", 5000, "a new reader to see the offline edit");
    await server.close();
    expect(textOfLog(await storedDoc(name))).toBe("Offline: Notes from the March set.");
  });

  it("a reader syncs from storage, the log stays undecoded, and the reader's edits reach no one", async () => {
    const { ws, name, server } = await withStoredLog(["Spend on the family across agencies."]);
    const evaluator = await addMember(ws, "evaluator");

    const writer = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    const reader = bed.connect({ url: server.url, documentName: name, cookie: evaluator.cookie });
    await Promise.all([saved(writer), synced(reader)]);
    expect(textOfLog(reader.doc)).toBe("Spend on the family across agencies.");

    typeAtStart(reader.doc, "Reader was here. ");
    // The server handles the reader's messages in order: once the writer sees the reader's next
    // awareness change, the edit before it has been handled (and dropped). A sync round-trip
    // would decode the log, which is what this test checks does not happen.
    reader.provider.setAwarenessField("probe", "after-edit");
    await waitFor(
      () => [...(writer.provider.awareness?.getStates().values() ?? [])].some((state) => (state as { probe?: string }).probe === "after-edit"),
      5000,
      "the reader's later awareness to reach the writer",
    );
    expect(textOfLog(writer.doc)).toBe("Spend on the family across agencies.");
    expect(isMaterialized(serverDocument(server, name))).toBe(false);
    expect(await updateRows(name)).toHaveLength(0);
    await server.close();
    expect(textOfLog(await storedDoc(name))).toBe("Spend on the family across agencies.");
  });

  it("a state stored without a snapshot is decoded on load, and the next compaction stores one", async () => {
    const { ws, name, server } = await withStoredLog(["Written before snapshots were stored."], async (log) => {
      await db().update(collabDocuments).set({ snapshot: null }).where(eq(collabDocuments.name, log));
    });

    const client = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await saved(client);
    expect(textOfLog(client.doc)).toBe("Written before snapshots were stored.");
    expect(isMaterialized(serverDocument(server, name))).toBe(true);
    typeAtStart(client.doc, "Still ");
    await saved(client);
    await server.close();
    const stored = await storedDoc(name);
    expect(textOfLog(stored)).toBe("Still Written before snapshots were stored.");
    expect(Y.equalSnapshots(Y.decodeSnapshot((await snapshotColumn(name)) as Uint8Array), Y.snapshot(stored))).toBe(true);
  });

  it("a first-sync request sent before authenticating is answered only once access is granted, and never to anyone else", async () => {
    const { ws, name, state, server } = await withStoredLog(["Only for this workspace."]);
    const outsider = await makeWorkspace();
    const stepOne = encodeFrame([{ string: name }, { uint: MessageType.Sync }, { uint: SyncStep.Step1 }, { bytes: Y.encodeStateVector(new Y.Doc()) }]);
    const auth = encodeFrame([{ string: name }, { uint: MessageType.Auth }, { uint: 0 }, { string: "" }]);

    // Someone from another workspace: the held request is dropped, no document bytes are sent.
    const stranger = await rawSocket(server.url, { cookie: outsider.owner.cookie });
    const strangerFrames = recordFrames(stranger);
    stranger.send(stepOne);
    stranger.send(auth);
    await waitFor(() => strangerFrames.some((f) => f.type === MessageType.Auth), 5000, "the refusal");
    await pingPong(stranger);
    expect(strangerFrames.filter((f) => f.type === MessageType.Sync)).toHaveLength(0);
    stranger.close();

    // Without any authentication message: nothing at all comes back.
    const silent = await rawSocket(server.url, { cookie: ws.owner.cookie });
    const silentFrames = recordFrames(silent);
    silent.send(stepOne);
    await pingPong(silent);
    expect(silentFrames).toHaveLength(0);
    silent.close();

    // The owner, same order: the request is answered from storage as soon as access is granted.
    const owner = await rawSocket(server.url, { cookie: ws.owner.cookie });
    const ownerFrames = recordFrames(owner);
    owner.send(stepOne);
    owner.send(auth);
    await waitFor(() => ownerFrames.some((f) => f.type === MessageType.Sync && f.step === SyncStep.Step2), 5000, "the first sync answer");
    const answer = ownerFrames.find((f) => f.step === SyncStep.Step2)?.payload as Uint8Array;
    const received = new Y.Doc();
    Y.applyUpdate(received, answer);
    expect(textOfLog(received)).toBe("Only for this workspace.");
    const stateVector = ownerFrames.find((f) => f.step === SyncStep.Step1)?.payload as Uint8Array;
    expect(Y.decodeStateVector(stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state)));
    owner.close();
  });
});
