
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { resolveMeetingDocument } from "../../../app/models/meeting/meeting-notes.server";
import { setMeetingNotes, updateMeeting } from "../../../app/models/meeting/meeting.server";
import { searchWorkspace } from "../../../app/models/search/search.server";
import { loader as actionsLoader } from "../../../app/routes/w.$ws.actions";
import { loader as inquiryLoader } from "../../../app/routes/w.$ws.inquiries.$id";
import { loader as setLoader } from "../../../app/routes/w.$ws.sets.$id._index";
import { loader as meetingLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId._index";
import { loader as icsLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId.calendar[.ics]";
import { action as runAction, loader as runLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId.run";
import { loader as setsLoader } from "../../../app/routes/w.$ws.sets._index";
import { getUser } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { MIGRATIONS_FOLDER } from "../../../db/migrate";
import { auditEvents } from "../../../db/schema/core";
import { actions, meetings } from "../../../db/schema/learning";
import { connectCollabClient, type CollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer } from "../../helpers/collab-server";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { makeLog } from "../logs/world";
import { makeLearningWorld, makeMeeting, meetingParams, type LearningWorld } from "./world";

/*
 * What is said in the set stays in the set: the workspace owner and the evaluator, who are not in
 * the set, can see that it exists and who is in it, but none of its meetings, notes, actions or
 * `set` logs — not by page, not by socket, not by search.
 */
let world: LearningWorld;
let meetingId: string;
let actionId: string;

beforeAll(async () => {
  world = await makeLearningWorld();
  ({ id: meetingId } = await makeMeeting(world, world.setId, "2015-04-15", "Meeting 1"));
  const { users } = world.ws;
  const run = (cookie: string, form: Record<string, string>) =>
    callRoute(runAction, postRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}/run`, form, { cookie }), meetingParams(world, meetingId));
  await run(users.facilitator.cookie, { intent: "bid", presenterId: users.member.id, issue: "Repeat police calls to one family's home" });
  const state = await callRoute(runLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}/run`, { cookie: users.facilitator.cookie }), meetingParams(world, meetingId));
  const airtimeId = (state.data as { state: { slots: Array<{ id: string }> } }).state.slots[0].id;
  await run(users.facilitator.cookie, { intent: "slot-phase", airtimeId, phase: "present" });
  await run(users.facilitator.cookie, { intent: "slot-phase", airtimeId, phase: "actions" });
  const committed = await run(users.facilitator.cookie, {
    intent: "commit-action",
    airtimeId,
    description: "List every police contact with the family over two years",
    dueOn: "2015-05-01",
    inquiryId: world.inquiryId,
  });
  expect(committed.status).toBe(302);
  const [row] = await db().select().from(actions).where(eq(actions.meetingId, meetingId));
  actionId = row.id;
  await db().update(meetings).set({ notesText: "Confidential: the family at number 12" }).where(eq(meetings.id, meetingId));
});

describe("set confidentiality on pages", () => {
  it("the owner and the evaluator outside the set get 404 for its meeting, runner and calendar file, and each denial is audited", async () => {
    for (const outsider of [world.ws.users.owner, world.ws.users.evaluator]) {
      for (const [loader, suffix] of [
        [meetingLoader, ""],
        [runLoader, "/run"],
        [icsLoader, "/calendar.ics"],
      ] as const) {
        const path = `/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}${suffix}`;
        const result = await callRoute(loader, getRequest(path, { cookie: outsider.cookie }), meetingParams(world, meetingId));
        expect(result.status, `${path} for an outsider`).toBe(404);
      }
      const denials = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, outsider.id));
      expect(denials.filter((d) => d.kind === "access.denied" && (d.detail as { reason?: string }).reason === "meeting-not-visible")).toHaveLength(3);
    }
  });

  it("an outsider cannot post to the runner either", async () => {
    const result = await callRoute(
      runAction,
      postRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}/run`, { intent: "bid", issue: "Let me in" }, { cookie: world.ws.users.owner.cookie }),
      meetingParams(world, meetingId),
    );
    expect(result.status).toBe(404);
  });

  it("outsiders see the set's name and members but no meeting; participants see the meeting", async () => {
    const params = { ws: world.ws.slug, id: world.setId };
    for (const outsider of [world.ws.users.owner, world.ws.users.evaluator]) {
      const result = await callRoute(setLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}`, { cookie: outsider.cookie }), params);
      expect(result.status).toBe(200);
      const data = result.data as { set: { name: string; members: unknown[] }; upcoming: unknown[]; past: unknown[] };
      expect(data.set.name).toBe("Board set");
      expect(data.set.members).toHaveLength(3);
      expect([...data.upcoming, ...data.past]).toEqual([]);
      const list = await callRoute(setsLoader, getRequest(`/w/${world.ws.slug}/sets`, { cookie: outsider.cookie }), { ws: world.ws.slug });
      expect(JSON.stringify(list.data)).not.toContain(meetingId);
    }
    const member = await callRoute(setLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}`, { cookie: world.ws.users.member.cookie }), params);
    expect(JSON.stringify(member.data)).toContain(meetingId);
    const page = await callRoute(meetingLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}`, { cookie: world.ws.users.member.cookie }), meetingParams(world, meetingId));
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).toContain("Confidential: the family at number 12");
  });

  it("a set's actions reach neither the actions page nor the inquiry trail of an outsider, but do reach participants", async () => {
    for (const outsider of [world.ws.users.owner, world.ws.users.evaluator]) {
      const list = await callRoute(actionsLoader, getRequest(`/w/${world.ws.slug}/actions?tab=workspace`, { cookie: outsider.cookie }), { ws: world.ws.slug });
      expect(JSON.stringify(list.data)).not.toContain(actionId);
      const trail = await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: outsider.cookie }), { ws: world.ws.slug, id: world.inquiryId });
      expect(JSON.stringify(trail.data)).not.toContain(actionId);
      expect(JSON.stringify(trail.data)).toContain("Board set");
    }
    const peer = await callRoute(actionsLoader, getRequest(`/w/${world.ws.slug}/actions?tab=sets`, { cookie: world.peers[0].cookie }), { ws: world.ws.slug });
    expect(JSON.stringify(peer.data)).toContain(actionId);
    const trail = await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: world.peers[0].cookie }), { ws: world.ws.slug, id: world.inquiryId });
    expect(JSON.stringify(trail.data)).toContain(actionId);
  });

  it("a set log is on its set's page and its inquiry's trail for participants only, and search finds it for them only", async () => {
    const member = world.ws.users.member;
    const log = await makeLog({ userId: member.id, role: "member", workspaceId: world.ws.id }, { title: "Hushed set reflections", visibility: "set", setId: world.setId, inquiryId: world.inquiryId });
    for (const outsider of [world.ws.users.owner, world.ws.users.evaluator]) {
      const trail = await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: outsider.cookie }), { ws: world.ws.slug, id: world.inquiryId });
      expect(JSON.stringify(trail.data)).not.toContain(log.id);
      const hits = await searchWorkspace({ workspaceId: world.ws.id, userId: outsider.id, q: "Hushed" });
      expect(JSON.stringify(hits)).not.toContain(log.id);
    }
    for (const outsider of [world.ws.users.owner, world.ws.users.evaluator]) {
      const setPage = await callRoute(setLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}`, { cookie: outsider.cookie }), { ws: world.ws.slug, id: world.setId });
      expect(JSON.stringify(setPage.data)).not.toContain(log.id);
    }
    const setPage = await callRoute(setLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}`, { cookie: world.peers[1].cookie }), { ws: world.ws.slug, id: world.setId });
    expect(JSON.stringify(setPage.data)).toContain(log.id);
    const trail = await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: world.peers[1].cookie }), { ws: world.ws.slug, id: world.inquiryId });
    expect(JSON.stringify(trail.data)).toContain(log.id);
    const hits = await searchWorkspace({ workspaceId: world.ws.id, userId: world.peers[1].id, q: "Hushed" });
    expect(JSON.stringify(hits)).toContain(log.id);
  });
});

describe("set confidentiality in search", () => {
  it("a meeting's title, agenda and notes are found by the set's participants only, and follow every change", async () => {
    const { users } = world.ws;
    const { id } = await makeMeeting(world, world.setId, "2015-05-20", "Quarterly wayfinder review");
    const find = async (userId: string, q: string) => (await searchWorkspace({ workspaceId: world.ws.id, userId, q })).filter((hit) => hit.id === id);

    // Title and agenda are searchable as soon as the meeting exists.
    const [byTitle] = await find(world.peers[0].id, "wayfinder");
    expect(byTitle).toMatchObject({ kind: "meeting", setId: world.setId, setName: "Board set" });
    expect(await find(users.facilitator.id, "presenters")).toHaveLength(1);

    // Notes written in the collaborative document (their derived text) are found moments later.
    await setMeetingNotes(id, { text: "Agreed a single lead professional for the Ravensworth family.", json: null });
    const [byNotes] = await find(users.member.id, "Ravensworth");
    expect(byNotes.snippet.filter((part) => part.hit).map((part) => part.text)).toEqual(["Ravensworth"]);

    // The owner and the evaluator are not in the set: not by title, agenda or notes.
    for (const outsider of [users.owner, users.evaluator]) {
      for (const q of ["wayfinder", "presenters", "Ravensworth", "Confidential"]) expect(await find(outsider.id, q)).toEqual([]);
      const all = await searchWorkspace({ workspaceId: world.ws.id, userId: outsider.id, q: "Confidential family" });
      expect(all.filter((hit) => hit.kind === "meeting")).toEqual([]);
    }

    // Renaming the meeting and changing its agenda replace what is indexed.
    await updateMeeting({ userId: users.facilitator.id }, { id, workspaceId: world.ws.id }, {
      title: "Quarterly review",
      date: "2015-05-20",
      startTime: "14:00",
      endTime: "16:30",
      location: "Brunton Hall",
      agenda: "Closing round only",
    });
    expect(await find(users.facilitator.id, "wayfinder")).toEqual([]);
    expect(await find(users.facilitator.id, "presenters")).toEqual([]);
    expect(await find(users.facilitator.id, "Ravensworth")).toHaveLength(1);
  });
});

describe("meetings stored before they were searchable", () => {
  it("migration 0002 indexes every existing meeting once, with its agenda and notes", async () => {
    const { id } = await makeMeeting(world, world.setId, "2015-06-17", "Kittiwake planning");
    await db().update(meetings).set({ notesText: "Twelve agencies had contact with the Petrel household." }).where(eq(meetings.id, id));
    // As before the migration: no search rows for meetings at all.
    await db().run(sql`delete from search_index where kind = 'meeting'`);
    expect(await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.facilitator.id, q: "Kittiwake" })).toEqual([]);
    const migration = readFileSync(resolve(MIGRATIONS_FOLDER, "0002_meeting_search.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) await db().run(sql.raw(statement));
    const hits = await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.facilitator.id, q: "Petrel household" });
    expect(hits.map((hit) => hit.id)).toEqual([id]);
    expect((await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.facilitator.id, q: "Kittiwake" })).map((hit) => hit.id)).toEqual([id]);
    expect(await searchWorkspace({ workspaceId: world.ws.id, userId: world.ws.users.owner.id, q: "Petrel" })).toEqual([]);
  });
});

describe("set confidentiality on the notes socket", () => {
  let url: string;
  let origin: string;
  let close: () => Promise<void>;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    const running = await startCollabServer({ kinds: DOCUMENT_KIND_CONFIG, storeDebounceMs: 100, storeMaxDebounceMs: 300 });
    url = running.url;
    origin = originOf(running.url);
    close = running.close;
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await close?.();
  });

  it("the notes resolver refuses the owner and the evaluator outside the set and lets participants write", async () => {
    const userOf = async (cookie: string) => {
      const user = await getUser(new Request("http://localhost/", { headers: { cookie } }));
      if (!user) throw new Error("no session");
      return user;
    };
    expect(await resolveMeetingDocument(await userOf(world.ws.users.owner.cookie), meetingId)).toBeNull();
    expect(await resolveMeetingDocument(await userOf(world.ws.users.evaluator.cookie), meetingId)).toBeNull();
    expect(await resolveMeetingDocument(await userOf(world.ws.users.member.cookie), meetingId)).toEqual({ workspaceId: world.ws.id, canWrite: true });
    expect(await resolveMeetingDocument(await userOf(world.ws.users.facilitator.cookie), meetingId)).toEqual({ workspaceId: world.ws.id, canWrite: true });
  });

  it("over a real socket an outsider is refused the notes while a participant's typing reaches meetings.notes_text", async () => {
    const outsider = connectCollabClient({ url, documentName: `meeting:${meetingId}`, cookie: world.ws.users.evaluator.cookie, origin });
    clients.push(outsider);
    expect((await outsider.outcome).kind).toBe("refused");

    const writer = connectCollabClient({ url, documentName: `meeting:${meetingId}`, cookie: world.ws.users.facilitator.cookie, origin });
    clients.push(writer);
    expect((await writer.outcome).kind).toBe("synced");
    const fragment = writer.doc.getXmlFragment(DOCUMENT_FIELD);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Fiona will bring the contact list")]);
    fragment.insert(0, [paragraph]);
    await expect
      .poll(async () => (await db().select({ t: meetings.notesText }).from(meetings).where(eq(meetings.id, meetingId)))[0].t, { timeout: 10_000 })
      .toContain("Fiona will bring the contact list");
  });
});
