import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { db } from "../../../app/utils/db.server";
import { collabUpdates } from "../../../db/schema/collab";
import { originOf, type TestServer } from "../../helpers/collab-server";
import { addMember, makeUser, makeWorkspace } from "../../helpers/factories";
import {
  saved,
  storedDoc,
  synced,
  testLogKind,
  textOf,
  upgradeStatus,
  waitFor,
} from "./helpers";
import { createCollabTestBed } from "./test-bed";

const bed = createCollabTestBed();
const connect = bed.connect;
let server: TestServer | undefined;

describe("collaboration server: who may open and write a document", () => {
  it("two members editing one log converge, and every change is stored", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;

    const a = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    const b = connect({ url: server.url, documentName: name, cookie: member.cookie });
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText("t").insert(0, "Families hitting crisis. ");
    b.doc.getText("t").insert(0, "Who saw them first? ");
    await waitFor(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length > 40, 5000, "convergence");
    await Promise.all([saved(a), saved(b)]);

    const stored = await storedDoc(name);
    expect(stored.getText("t").toString()).toBe(textOf(a.doc));
    const rows = await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name));
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([ws.owner.id, member.id]));
  });

  it("compaction folds the update log into one state and hands derived JSON and text to the kind", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    const a = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(a);
    const fragment = a.doc.getXmlFragment("default");
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2");
    heading.insert(0, [new Y.XmlText("What?")]);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("The health visitor saw the family three times.")]);
    fragment.insert(0, [heading, paragraph]);
    await saved(a);

    await server.collab.storeAll();
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).toHaveLength(0);
    const last = kind.derived.at(-1);
    expect(last?.id).toBe(id);
    expect(last?.content.text).toBe("What?\n\nThe health visitor saw the family three times.");
    expect(JSON.stringify(last?.content.json)).toContain('"type":"heading"');
    expect(last?.content.editorUserIds).toEqual([ws.owner.id]);
    const fromState = new Y.Doc();
    Y.applyUpdate(fromState, last?.content.state ?? new Uint8Array());
    expect(fromState.getXmlFragment("default").length).toBe(2);
  });

  it("a member of another workspace is refused and nothing they send is kept", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    const owner = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(owner);

    const intruder = connect({ url: server.url, documentName: name, cookie: other.owner.cookie });
    intruder.doc.getText("t").insert(0, "injected");
    await waitFor(() => intruder.authFailures.length > 0, 5000, "refusal");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(textOf(owner.doc)).toBe("");
    expect(server.collab.hocuspocus.documents.get(name)?.getText("t").toString()).toBe("");
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.userId, other.owner.id))).toHaveLength(0);
  });

  it("a reader's edits are ignored: they reach neither other editors, memory nor the database", async () => {
    const ws = await makeWorkspace();
    const evaluator = await addMember(ws, "evaluator");
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const name = `log:${id}`;
    const owner = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    const reader = connect({ url: server.url, documentName: name, cookie: evaluator.cookie });
    await Promise.all([synced(owner), synced(reader)]);
    expect(reader.provider.authorizedScope).toBe("readonly");

    owner.doc.getText("t").insert(0, "Owner's words. ");
    await waitFor(() => textOf(reader.doc) === "Owner's words. ", 5000, "reader receives");
    reader.doc.getText("t").insert(0, "Reader's words. ");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(owner.doc)).toBe("Owner's words. ");
    expect(server.collab.hocuspocus.documents.get(name)?.getText("t").toString()).toBe("Owner's words. ");
    expect(reader.provider.hasUnsyncedChanges).toBe(true);
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.userId, evaluator.id))).toHaveLength(0);
    await server.collab.storeAll();
    expect((await storedDoc(name)).getText("t").toString()).toBe("Owner's words. ");
  });

  it("a private log refuses a workspace member who is not an author", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const kind = testLogKind();
    const id = kind.addLog(ws.id, { visibility: "private", authors: [ws.owner.id] });
    server = await bed.start({ kinds: { log: kind.config } });
    const author = connect({ url: server.url, documentName: `log:${id}`, cookie: ws.owner.cookie });
    const outsider = connect({ url: server.url, documentName: `log:${id}`, cookie: member.cookie });
    await synced(author);
    await waitFor(() => outsider.authFailures.length > 0, 5000, "refusal");
    expect(outsider.provider.isSynced).toBe(false);
  });

  it("an unknown kind, a malformed name and a name with a foreign id are refused alike", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    for (const name of ["inquiry:abc123", "log:../../etc", "log:", "nonsense", "meeting:abc123", "log:doesnotexist"]) {
      const client = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
      await waitFor(() => client.authFailures.length > 0, 5000, `refusal of ${name}`);
      expect(client.authFailures[0]).toBe("Document not found");
    }
    expect(server.collab.hocuspocus.documents.size).toBe(0);
  });

  it("an upgrade without a session, with an expired session or from a foreign Origin gets 403", async () => {
    const ws = await makeWorkspace();
    const kind = testLogKind();
    kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const origin = originOf(server.url);
    expect(await upgradeStatus(server.url, { origin })).toBe(403);
    expect(await upgradeStatus(server.url, { origin, cookie: "praxis_session=not-a-session" })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: "https://evil.example", cookie: ws.owner.cookie })).toBe(403);
    expect(await upgradeStatus(server.url, { cookie: ws.owner.cookie })).toBe(403);
  });

  it("a user who belongs to no workspace at all can connect the socket but opens nothing", async () => {
    const loner = await makeUser();
    const ws = await makeWorkspace();
    const kind = testLogKind();
    const id = kind.addLog(ws.id);
    server = await bed.start({ kinds: { log: kind.config } });
    const client = connect({ url: server.url, documentName: `log:${id}`, cookie: loner.cookie });
    await waitFor(() => client.authFailures.length > 0, 5000, "refusal");
    expect(server.collab.hocuspocus.documents.size).toBe(0);
  });
});
