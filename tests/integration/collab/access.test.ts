import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { createLog, deleteLog } from "../../../app/models/log/log.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { collabUpdates } from "../../../db/schema/collab";
import { learningSets, setMembers } from "../../../db/schema/learning";
import { logAuthors, logs, logVersions } from "../../../db/schema/logs";
import { originOf, type TestServer } from "../../helpers/collab-server";
import { addMember, makeUser, makeWorkspace } from "../../helpers/factories";
import { roundTrip, saved, storedDoc, synced, textOf, upgradeStatus, waitFor } from "./helpers";
import { makeRealLog } from "./real-logs";
import { createCollabTestBed } from "./test-bed";

/*
 * The product's own document kinds (app/models/documents/document-kinds.server.ts) decide here, against real logs,
 * memberships and sets: these tests prove the product's rules, not a stand-in's.
 */
const kinds = DOCUMENT_KIND_CONFIG;

const bed = createCollabTestBed();
const connect = bed.connect;
let server: TestServer | undefined;

describe("collaboration server: who may open and write a document", () => {
  it("two members editing one log converge, and every change is stored", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const id = await makeRealLog(ws);
    server = await bed.start({ kinds });
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

  it("compaction folds the update log into one state and the log's text, authors, search and snapshot follow it", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const id = await makeRealLog(ws);
    server = await bed.start({ kinds });
    const name = `log:${id}`;
    const a = connect({ url: server.url, documentName: name, cookie: member.cookie });
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
    const [log] = await db().select().from(logs).where(eq(logs.id, id));
    expect(log.contentText).toContain("What?\n\nThe health visitor saw the family three times.");
    expect(JSON.stringify(log.contentJson)).toContain('"type":"heading"');
    const authors = await db().select({ userId: logAuthors.userId }).from(logAuthors).where(eq(logAuthors.logId, id));
    expect(new Set(authors.map((r) => r.userId))).toEqual(new Set([ws.owner.id, member.id]));
    const [snapshot] = await db()
      .select()
      .from(logVersions)
      .where(and(eq(logVersions.logId, id), eq(logVersions.kind, "periodic")))
      .orderBy(desc(logVersions.createdAt))
      .limit(1);
    const fromState = new Y.Doc();
    Y.applyUpdate(fromState, new Uint8Array(snapshot.state));
    expect(fromState.getXmlFragment("default").toString()).toContain("The health visitor saw the family three times.");
  });

  it("a member of another workspace is refused and nothing they send is kept", async () => {
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    const id = await makeRealLog(ws);
    server = await bed.start({ kinds });
    const name = `log:${id}`;
    const owner = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(owner);

    const intruder = connect({ url: server.url, documentName: name, cookie: other.owner.cookie });
    intruder.doc.getText("t").insert(0, "injected");
    await waitFor(() => intruder.authFailures.length > 0, 5000, "refusal");
    // The refusal is sent once the server has handled the intruder's messages; the owner's own
    // round-trip shows the document as the server holds it after that.
    await roundTrip(owner);
    expect(textOf(owner.doc)).toBe("");
    expect(server.collab.hocuspocus.documents.get(name)?.getText("t").toString()).toBe("");
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.userId, other.owner.id))).toHaveLength(0);
  });

  it("a reader's edits are ignored: they reach neither other editors, memory nor the database", async () => {
    const ws = await makeWorkspace();
    const evaluator = await addMember(ws, "evaluator");
    const id = await makeRealLog(ws);
    server = await bed.start({ kinds });
    const name = `log:${id}`;
    const owner = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    const reader = connect({ url: server.url, documentName: name, cookie: evaluator.cookie });
    await Promise.all([synced(owner), synced(reader)]);
    expect(reader.provider.authorizedScope).toBe("readonly");

    owner.doc.getText("t").insert(0, "Owner's words. ");
    await waitFor(() => textOf(reader.doc) === "Owner's words. ", 5000, "reader receives");
    reader.doc.getText("t").insert(0, "Reader's words. ");
    await roundTrip(reader);
    await roundTrip(owner);
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
    const id = await makeRealLog(ws, { visibility: "private" });
    server = await bed.start({ kinds });
    const author = connect({ url: server.url, documentName: `log:${id}`, cookie: ws.owner.cookie });
    const outsider = connect({ url: server.url, documentName: `log:${id}`, cookie: member.cookie });
    await synced(author);
    await waitFor(() => outsider.authFailures.length > 0, 5000, "refusal");
    expect(outsider.provider.isSynced).toBe(false);
  });

  it("a set log refuses the workspace owner outside the set and lets the set's member write", async () => {
    const ws = await makeWorkspace();
    const member = await addMember(ws, "member");
    const setId = newId();
    await db().insert(learningSets).values({ id: setId, workspaceId: ws.id, name: "Board set", facilitatorId: null });
    await db().insert(setMembers).values({ setId, userId: member.id });
    const { id } = await createLog(
      { userId: member.id, role: "member", workspaceId: ws.id },
      { title: "What we said in the set", visibility: "set", setId, tags: [], template: "blank" },
    );
    server = await bed.start({ kinds });
    const writer = connect({ url: server.url, documentName: `log:${id}`, cookie: member.cookie });
    const owner = connect({ url: server.url, documentName: `log:${id}`, cookie: ws.owner.cookie });
    await synced(writer);
    expect(writer.provider.authorizedScope).toBe("read-write");
    await waitFor(() => owner.authFailures.length > 0, 5000, "the owner's refusal");
    expect(owner.authFailures[0]).toBe("Document not found");
  });

  it("a log in the bin is refused to everyone, its author included", async () => {
    const ws = await makeWorkspace();
    const id = await makeRealLog(ws);
    await deleteLog({ userId: ws.owner.id, role: "owner", workspaceId: ws.id }, id);
    server = await bed.start({ kinds });
    const author = connect({ url: server.url, documentName: `log:${id}`, cookie: ws.owner.cookie });
    await waitFor(() => author.authFailures.length > 0, 5000, "refusal");
    expect(server.collab.hocuspocus.documents.size).toBe(0);
  });

  it("an unknown kind, a malformed name and a name with a foreign id are refused alike", async () => {
    const ws = await makeWorkspace();
    await makeRealLog(ws);
    server = await bed.start({ kinds });
    for (const name of ["inquiry:abc123", "log:../../etc", "log:", "nonsense", "meeting:abc123", "log:doesnotexist"]) {
      const client = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
      await waitFor(() => client.authFailures.length > 0, 5000, `refusal of ${name}`);
      expect(client.authFailures[0]).toBe("Document not found");
    }
    expect(server.collab.hocuspocus.documents.size).toBe(0);
  });

  it("an upgrade without a session, with an expired session or from a foreign Origin gets 403", async () => {
    const ws = await makeWorkspace();
    await makeRealLog(ws);
    server = await bed.start({ kinds });
    const origin = originOf(server.url);
    expect(await upgradeStatus(server.url, { origin })).toBe(403);
    expect(await upgradeStatus(server.url, { origin, cookie: "praxis_session=not-a-session" })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: "https://evil.example", cookie: ws.owner.cookie })).toBe(403);
    expect(await upgradeStatus(server.url, { cookie: ws.owner.cookie })).toBe(403);
  });

  it("a user who belongs to no workspace at all can connect the socket but opens nothing", async () => {
    const loner = await makeUser();
    const ws = await makeWorkspace();
    const id = await makeRealLog(ws);
    server = await bed.start({ kinds });
    const client = connect({ url: server.url, documentName: `log:${id}`, cookie: loner.cookie });
    await waitFor(() => client.authFailures.length > 0, 5000, "refusal");
    expect(server.collab.hocuspocus.documents.size).toBe(0);
  });
});
