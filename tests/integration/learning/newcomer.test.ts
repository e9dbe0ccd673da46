import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { dayStartUtc } from "../../../app/models/action/action.policy";
import { loader as homeLoader } from "../../../app/routes/w.$ws._index";
import { loader as actionsLoader } from "../../../app/routes/w.$ws.actions";
import { loader as inquiryLoader } from "../../../app/routes/w.$ws.inquiries.$id";
import { loader as inquiriesLoader } from "../../../app/routes/w.$ws.inquiries._index";
import { action as meetingAction, loader as meetingLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId._index";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { actions, meetingAttendance } from "../../../db/schema/learning";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { makeLearningWorld, makeMeeting, meetingParams, type LearningWorld } from "./world";

const DAY = 24 * 60 * 60 * 1000;

async function addAction(world: LearningWorld, ownerId: string, description: string, dueInDays: number, inSet = true) {
  const id = newId();
  await db()
    .insert(actions)
    .values({
      id,
      workspaceId: world.ws.id,
      setId: inSet ? world.setId : null,
      inquiryId: world.inquiryId,
      ownerId,
      description,
      dueOn: dayStartUtc(Date.now() + dueInDays * DAY),
      status: "open",
      createdBy: world.ws.users.facilitator.id,
    });
  return id;
}

type Home = { learning: { overdueActions: Array<{ id: string }>; setOverdueActions: Array<{ id: string; description: string }> | null } };

describe("a facilitator sees their sets' overdue work", () => {
  it("the facilitator's home lists the overdue actions members own in the set they facilitate; a member's home does not", async () => {
    const world = await makeLearningWorld();
    const late = await addAction(world, world.ws.users.member.id, "Bring the police contact list", -3);
    await addAction(world, world.peers[0].id, "Meet the head teacher", 5);

    const facilitator = (await callRoute(homeLoader, getRequest(`/w/${world.ws.slug}`, { cookie: world.ws.users.facilitator.cookie }), { ws: world.ws.slug })).data as Home;
    expect(facilitator.learning.overdueActions).toEqual([]);
    expect(facilitator.learning.setOverdueActions?.map((a) => a.id)).toEqual([late]);

    const member = (await callRoute(homeLoader, getRequest(`/w/${world.ws.slug}`, { cookie: world.ws.users.member.cookie }), { ws: world.ws.slug })).data as Home;
    expect(member.learning.overdueActions.map((a) => a.id)).toEqual([late]);
    expect(member.learning.setOverdueActions).toBeNull();
  });

  it("the Actions page opens on the first tab that has something, and a chosen tab is kept even when empty", async () => {
    const world = await makeLearningWorld();
    await addAction(world, world.ws.users.member.id, "Bring the police contact list", -3);
    const cookie = world.ws.users.facilitator.cookie;
    const opened = (await callRoute(actionsLoader, getRequest(`/w/${world.ws.slug}/actions`, { cookie }), { ws: world.ws.slug })).data as { tab: string; actions: unknown[] };
    expect(opened.tab).toBe("sets");
    expect(opened.actions).toHaveLength(1);
    const mine = (await callRoute(actionsLoader, getRequest(`/w/${world.ws.slug}/actions?tab=mine`, { cookie }), { ws: world.ws.slug })).data as { tab: string; actions: unknown[] };
    expect(mine).toMatchObject({ tab: "mine", actions: [] });
  });
});

describe("counts say when set confidentiality hides actions", () => {
  it("an owner outside the set is told how many of an inquiry's actions are in sets they are not in; a set member sees them all", async () => {
    const world = await makeLearningWorld();
    await addAction(world, world.ws.users.member.id, "Bring the police contact list", 7);
    await addAction(world, world.peers[0].id, "Meet the head teacher", 7);
    await addAction(world, world.ws.users.analyst.id, "Count the contacts", 7, false);

    type Listing = { inquiries: Array<{ id: string; actionCount: number; hiddenActionCount: number }> };
    const owner = (await callRoute(inquiriesLoader, getRequest(`/w/${world.ws.slug}/inquiries`, { cookie: world.ws.owner.cookie }), { ws: world.ws.slug })).data as Listing;
    expect(owner.inquiries.find((i) => i.id === world.inquiryId)).toMatchObject({ actionCount: 1, hiddenActionCount: 2 });
    const member = (await callRoute(inquiriesLoader, getRequest(`/w/${world.ws.slug}/inquiries`, { cookie: world.ws.users.member.cookie }), { ws: world.ws.slug })).data as Listing;
    expect(member.inquiries.find((i) => i.id === world.inquiryId)).toMatchObject({ actionCount: 3, hiddenActionCount: 0 });

    const trail = (await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: world.ws.owner.cookie }), { ws: world.ws.slug, id: world.inquiryId }))
      .data as { actions: unknown[]; hiddenActionCount: number };
    expect(trail.actions).toHaveLength(1);
    expect(trail.hiddenActionCount).toBe(2);
  });
});

describe("attendance is recorded only for meetings that have started", () => {
  it("a future meeting refuses attendance and stores none; its page offers no attendance form", async () => {
    const world = await makeLearningWorld();
    const future = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const { id: meetingId } = await makeMeeting(world, world.setId, future, "Next meeting");
    const params = meetingParams(world, meetingId);
    const path = `/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}`;
    const cookie = world.ws.users.facilitator.cookie;
    const page = (await callRoute(meetingLoader, getRequest(path, { cookie }), params)).data as { started: boolean };
    expect(page.started).toBe(false);
    const refused = await callRoute(
      meetingAction,
      postRequest(path, { intent: "attendance", "attendance[0].userId": world.ws.users.member.id, "attendance[0].status": "present" }, { cookie }),
      params,
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("once the meeting has started");
    expect(await db().select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId))).toEqual([]);
  });

  it("a held meeting records present and clears someone marked not recorded", async () => {
    const world = await makeLearningWorld();
    const { id: meetingId } = await makeMeeting(world, world.setId, "2015-04-15", "Meeting 1");
    const params = meetingParams(world, meetingId);
    const path = `/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}`;
    const cookie = world.ws.users.facilitator.cookie;
    const [member, peer] = [world.ws.users.member.id, world.peers[0].id];
    const save = (statuses: [string, string]) =>
      callRoute(
        meetingAction,
        postRequest(
          path,
          { intent: "attendance", "attendance[0].userId": member, "attendance[0].status": statuses[0], "attendance[1].userId": peer, "attendance[1].status": statuses[1] },
          { cookie },
        ),
        params,
      );
    expect((await save(["present", "apologies"])).status).toBe(302);
    expect((await save(["present", "not-recorded"])).status).toBe(302);
    const rows = await db().select({ userId: meetingAttendance.userId, status: meetingAttendance.status }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
    expect(rows).toEqual([{ userId: member, status: "present" }]);
  });
});
