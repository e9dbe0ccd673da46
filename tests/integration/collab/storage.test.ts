import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent, ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { deleteDocumentData, editDocument, loadDocumentState, writeDocumentState } from "../../../app/collab/storage.server";
import { updateLog } from "../../../app/collab/update-log.server";
import { db } from "../../../app/utils/db.server";
import { collabDocuments, collabUpdates } from "../../../db/schema/collab";
import { type TestServer } from "../../helpers/collab-server";
import { addMember, makeWorkspace } from "../../helpers/factories";
import {
  saved,
  storedDoc,
  synced,
  testLogKind,
  waitFor,
  type Client,
} from "./helpers";
import { createCollabTestBed } from "./test-bed";

const bed = createCollabTestBed();
const connect = bed.connect;
let server: TestServer | undefined;

const TEMPLATE = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What?" }] },
    { type: "paragraph", content: [{ type: "text", text: "We met the " }, { type: "text", marks: [{ type: "bold", attrs: {} }], text: "family support" }, { type: "text", text: " team." }] },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Police" }] }] }] },
  ],
};

function paragraphs(doc: Y.Doc): string[] {
  return deriveContent(doc).text.split("\n\n");
}

function replaceWith(text: string) {
  return (doc: Y.Doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.delete(0, fragment.length);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(0, [paragraph]);
  };
}

describe("collaboration storage for the rest of the app", () => {
  it("ProseMirror JSON becomes a Yjs document and derives back to the same JSON and its text", () => {
    const doc = ydocFromProsemirrorJson(TEMPLATE);
    const derived = deriveContent(doc);
    expect(derived.json).toEqual(TEMPLATE);
    expect(derived.text).toBe("What?\n\nWe met the family support team.\n\nPolice");
  });

  it("a written state loads back, replaces the update log and reaches onDerived", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    await db().insert(collabUpdates).values({ documentName: name, workspaceId: ws.id, update: Buffer.from([0, 0]), createdAt: Date.now() });
    const state = Y.encodeStateAsUpdate(ydocFromProsemirrorJson(TEMPLATE));
    await writeDocumentState(name, ws.id, state);

    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await loadDocumentState(name)) as Uint8Array);
    expect(deriveContent(loaded).json).toEqual(TEMPLATE);
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
    expect(kind.derived.at(-1)?.content.text).toBe("What?\n\nWe met the family support team.\n\nPolice");
    expect(await loadDocumentState("log:nothinghere")).toBeNull();

    const client = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(client);
    expect(deriveContent(client.doc).json).toEqual(TEMPLATE);
    await expect(writeDocumentState(name, ws.id, state)).rejects.toThrow(/open for editing/);
  });

  it("a server-side edit reaches people editing at that moment, is stored and re-derived", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    await writeDocumentState(name, ws.id, Y.encodeStateAsUpdate(ydocFromProsemirrorJson(TEMPLATE)));
    const client = connect({ url: server.url, documentName: name, cookie: member.cookie });
    await synced(client);

    await editDocument(name, ws.id, replaceWith("Restored text."), ws.owner.id);
    await waitFor(() => paragraphs(client.doc).join() === "Restored text.", 5000, "the editor to see the restore");
    expect(paragraphs(await storedDoc(name))).toEqual(["Restored text."]);
    const last = kind.derived.at(-1);
    expect(last?.content.text).toBe("Restored text.");
    expect(last?.content.editorUserIds).toContain(ws.owner.id);
    expect(server.collab.hocuspocus.documents.has(name)).toBe(true);
  });

  it("a server-side edit of a document nobody has open is applied to the stored state", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    await writeDocumentState(name, ws.id, Y.encodeStateAsUpdate(ydocFromProsemirrorJson(TEMPLATE)));
    await editDocument(name, ws.id, replaceWith("Edited while closed."), ws.owner.id);
    expect(server.collab.hocuspocus.documents.has(name)).toBe(false);
    expect(paragraphs(await storedDoc(name))).toEqual(["Edited while closed."]);
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
    await server.close();
    server = undefined;

    // Without a collaboration server in the process the same call edits the tables directly.
    await editDocument(name, ws.id, replaceWith("Edited offline."), null);
    expect(paragraphs(await storedDoc(name))).toEqual(["Edited offline."]);
    await expect(editDocument(name, "another-workspace", replaceWith("x"), null)).rejects.toThrow(/another workspace/);
  });

  it("deleting a document's data closes its connections and it is never stored again", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    const client = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(client);
    client.doc.getText("t").insert(0, "to be deleted");
    await saved(client);
    await deleteDocumentData(name);
    await waitFor(() => client.closes.length > 0, 5000, "the editor to be disconnected");
    await server.collab.storeAll();
    expect(await db().select().from(collabDocuments).where(eq(collabDocuments.name, name))).toHaveLength(0);
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
  });

  it("updates left in the log by a crash are loaded and folded into the state at the next store", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    const name = `log:${id}`;
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => updates.push(u));
    for (const word of ["left ", "behind ", "by a crash"]) writer.getText("t").insert(writer.getText("t").length, word);
    for (const update of updates) {
      await db().insert(collabUpdates).values({ documentName: name, workspaceId: ws.id, update: Buffer.from(update), userId: ws.owner.id, createdAt: Date.now() });
    }
    server = await bed.start({ kinds: { log: kind.config } });
    const client = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(client);
    expect(client.doc.getText("t").toString()).toBe("left behind by a crash");
    await server.collab.storeAll();
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
    expect((await storedDoc(name)).getText("t").toString()).toBe("left behind by a crash");
    expect(kind.derived.at(-1)?.content.editorUserIds).toEqual([ws.owner.id]);
  });

  it("updates arriving together are committed together, one transaction per turn of the event loop", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    const editors: Client[] = [];
    for (let i = 0; i < 10; i++) editors.push(connect({ url: server.url, documentName: name, cookie: ws.owner.cookie }));
    await Promise.all(editors.map((editor) => synced(editor)));
    const before = { ...updateLog().stats };
    for (let round = 0; round < 5; round++) {
      editors.forEach((editor, i) => editor.doc.getText("t").insert(0, `${i}`));
      await Promise.all(editors.map((editor) => saved(editor)));
    }
    const rows = updateLog().stats.rows - before.rows;
    const commits = updateLog().stats.commits - before.commits;
    expect(rows).toBe(50);
    expect(commits).toBeLessThan(rows / 2);
    expect((await storedDoc(name)).getText("t").length).toBe(50);
  });
});
