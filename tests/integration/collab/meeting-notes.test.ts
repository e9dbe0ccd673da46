import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { createMeeting } from "../../../app/models/meeting/meeting.server";
import { createSet } from "../../../app/models/set/set.server";
import { db } from "../../../app/utils/db.server";
import { collabUpdates } from "../../../db/schema/collab";
import { memberships } from "../../../db/schema/core";
import { addMember, makeWorkspaceWithRoles } from "../../helpers/factories";
import { roundTrip, saved, storedDoc, synced, waitFor } from "./helpers";
import { createCollabTestBed } from "./test-bed";

const bed = createCollabTestBed();

function notesOf(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

function type(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/** A set whose members include an evaluator and an analyst, and one meeting of it. */
async function meetingWithEvaluatorInTheSet() {
  const ws = await makeWorkspaceWithRoles();
  const peer = await addMember(ws, "member");
  const { id: setId } = await createSet({ userId: ws.users.facilitator.id }, ws.id, {
    name: "Evaluated set",
    facilitatorId: ws.users.facilitator.id,
    memberIds: [ws.users.member.id, peer.id, ws.users.evaluator.id, ws.users.analyst.id],
    inquiryIds: [],
    groundRules: "",
    rhythm: "Monthly",
    slotMinutes: 30,
  });
  const { id: meetingId } = await createMeeting({ userId: ws.users.facilitator.id }, { id: setId, workspaceId: ws.id }, {
    title: "November set",
    date: "2026-11-12",
    startTime: "14:00",
    endTime: "16:30",
    location: "Brunton Hall, Musselburgh",
    agenda: "Report-back, bids, presenters",
  });
  return { ws, meetingId, name: `meeting:${meetingId}` };
}

describe("meeting notes over the socket follow the log rule: evaluators never edit", () => {
  it("an evaluator in the set reads the notes live, but nothing they type reaches others, memory or the database", async () => {
    const { ws, name } = await meetingWithEvaluatorInTheSet();
    const server = await bed.start({ kinds: DOCUMENT_KIND_CONFIG });
    const facilitator = bed.connect({ url: server.url, documentName: name, cookie: ws.users.facilitator.cookie });
    const evaluator = bed.connect({ url: server.url, documentName: name, cookie: ws.users.evaluator.cookie });
    await Promise.all([synced(facilitator), synced(evaluator)]);
    expect(evaluator.provider.authorizedScope).toBe("readonly");
    expect(facilitator.provider.authorizedScope).toBe("read-write");

    type(facilitator.doc, "Fiona will bring the contact list");
    await waitFor(() => notesOf(evaluator.doc).includes("Fiona"), 5000, "the evaluator to see the facilitator's words");
    type(evaluator.doc, "The evaluator's own words");
    await roundTrip(evaluator);
    await roundTrip(facilitator);

    expect(notesOf(facilitator.doc)).not.toContain("evaluator's own words");
    expect(server.collab.hocuspocus.documents.get(name)?.getXmlFragment(DOCUMENT_FIELD).toString()).not.toContain("evaluator's own words");
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.userId, ws.users.evaluator.id))).toHaveLength(0);
    await saved(facilitator);
    await server.collab.storeAll();
    const stored = notesOf(await storedDoc(name));
    expect(stored).toContain("Fiona will bring the contact list");
    expect(stored).not.toContain("evaluator's own words");
  });

  it("an analyst and a member in the set write the notes together; the owner outside the set is refused", async () => {
    const { ws, name } = await meetingWithEvaluatorInTheSet();
    const server = await bed.start({ kinds: DOCUMENT_KIND_CONFIG });
    const analyst = bed.connect({ url: server.url, documentName: name, cookie: ws.users.analyst.cookie });
    const member = bed.connect({ url: server.url, documentName: name, cookie: ws.users.member.cookie });
    const owner = bed.connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await Promise.all([synced(analyst), synced(member)]);
    await waitFor(() => owner.authFailures.length > 0, 5000, "the owner's refusal");
    expect(owner.authFailures[0]).toBe("Document not found");

    type(analyst.doc, "Analyst: 63 referrals at Hawthorn.");
    type(member.doc, "Member: patient and persistent.");
    await waitFor(() => notesOf(analyst.doc).includes("patient") && notesOf(member.doc).includes("Hawthorn"), 5000, "convergence");
    await Promise.all([saved(analyst), saved(member)]);
    const writers = new Set((await db().select().from(collabUpdates).where(eq(collabUpdates.documentName, name))).map((r) => r.userId));
    expect(writers).toEqual(new Set([ws.users.analyst.id, ws.users.member.id]));
  });

  it("a set member whose role becomes evaluator keeps reading the notes but stops writing at once", async () => {
    const { ws, name } = await meetingWithEvaluatorInTheSet();
    const server = await bed.start({ kinds: DOCUMENT_KIND_CONFIG, revalidateEveryMs: 200 });
    const member = bed.connect({ url: server.url, documentName: name, cookie: ws.users.member.cookie });
    await synced(member);
    expect(member.provider.authorizedScope).toBe("read-write");
    await db()
      .update(memberships)
      .set({ role: "evaluator" })
      .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, ws.users.member.id)));
    await waitFor(() => member.stateless.some((s) => s.includes('"canWrite":false')), 5000, "the read-only notice");
    type(member.doc, "typed after the role change");
    await roundTrip(member);
    expect(server.collab.hocuspocus.documents.get(name)?.getXmlFragment(DOCUMENT_FIELD).toString()).not.toContain("after the role change");
    expect(await db().select().from(collabUpdates).where(eq(collabUpdates.userId, ws.users.member.id))).toHaveLength(0);
  });
});
