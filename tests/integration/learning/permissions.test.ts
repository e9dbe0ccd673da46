import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as actionsAction } from "../../../app/routes/w.$ws.actions";
import { action as inquiryAction } from "../../../app/routes/w.$ws.inquiries.$id";
import { action as inquiriesAction, loader as inquiriesLoader } from "../../../app/routes/w.$ws.inquiries._index";
import { loader as setLoader } from "../../../app/routes/w.$ws.sets.$id._index";
import { action as setsAction } from "../../../app/routes/w.$ws.sets._index";
import { db } from "../../../app/utils/db.server";
import { actionReports, actions, inquiries, learningSets, setMembers } from "../../../db/schema/learning";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { postRunner, runnerState } from "./runner";
import { makeLearningWorld, makeMeeting, type LearningWorld } from "./world";

const QUESTION = "How can we build personal and family resilience so that families become and remain 'contributing citizens'?";

describe("inquiries", () => {
  it("facilitators and owners create, edit and reorder inquiries", async () => {
    const world = await makeLearningWorld();
    const created = await callRoute(
      inquiriesAction,
      postRequest(`/w/${world.ws.slug}/inquiries`, { intent: "create", question: QUESTION, rationale: "Services withdraw once a crisis passes", phase: "Phase 2", status: "open" }, { cookie: world.ws.users.facilitator.cookie }),
      { ws: world.ws.slug },
    );
    expect(created.status).toBe(302);
    const [row] = await db().select().from(inquiries).where(eq(inquiries.question, QUESTION));
    expect(row).toMatchObject({ phase: "Phase 2", status: "open", position: 1 });

    const moved = await callRoute(
      inquiriesAction,
      postRequest(`/w/${world.ws.slug}/inquiries`, { intent: "move", inquiryId: row.id, direction: "up" }, { cookie: world.ws.users.owner.cookie }),
      { ws: world.ws.slug },
    );
    expect(moved.status).toBe(302);
    const list = await callRoute(inquiriesLoader, getRequest(`/w/${world.ws.slug}/inquiries`, { cookie: world.ws.users.evaluator.cookie }), { ws: world.ws.slug });
    expect((list.data as { inquiries: Array<{ id: string }> }).inquiries.map((i) => i.id)).toEqual([row.id, world.inquiryId]);

    const edited = await callRoute(
      inquiryAction,
      postRequest(`/w/${world.ws.slug}/inquiries/${row.id}`, { intent: "update", question: QUESTION, rationale: "", phase: "Phase 2", status: "parked" }, { cookie: world.ws.users.owner.cookie }),
      { ws: world.ws.slug, id: row.id },
    );
    expect(edited.status).toBe(302);
    expect((await db().select().from(inquiries).where(eq(inquiries.id, row.id)))[0].status).toBe("parked");
  });

  it("members, analysts and evaluators cannot create, edit or reorder inquiries, and nothing changes", async () => {
    const world = await makeLearningWorld();
    const before = await db().select().from(inquiries).where(eq(inquiries.workspaceId, world.ws.id));
    for (const role of ["member", "analyst", "evaluator"] as const) {
      const cookie = world.ws.users[role].cookie;
      const create = await callRoute(inquiriesAction, postRequest(`/w/${world.ws.slug}/inquiries`, { intent: "create", question: QUESTION, status: "open" }, { cookie }), { ws: world.ws.slug });
      const move = await callRoute(inquiriesAction, postRequest(`/w/${world.ws.slug}/inquiries`, { intent: "move", inquiryId: world.inquiryId, direction: "down" }, { cookie }), { ws: world.ws.slug });
      const edit = await callRoute(
        inquiryAction,
        postRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { intent: "update", question: QUESTION, status: "answered" }, { cookie }),
        { ws: world.ws.slug, id: world.inquiryId },
      );
      expect([create.status, move.status, edit.status], role).toEqual([403, 403, 403]);
    }
    expect(await db().select().from(inquiries).where(eq(inquiries.workspaceId, world.ws.id))).toEqual(before);
  });
});

async function commitAction(world: LearningWorld, ownerId: string) {
  const { facilitator } = world.ws.users;
  const { id: meetingId } = await makeMeeting(world, world.setId, "2015-04-15");
  await postRunner(world, meetingId, facilitator.cookie, { intent: "bid", presenterId: ownerId, issue: "An issue" });
  const [slot] = (await runnerState(world, meetingId, facilitator.cookie)).slots;
  await postRunner(world, meetingId, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "present" });
  await postRunner(world, meetingId, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "actions" });
  await postRunner(world, meetingId, facilitator.cookie, { intent: "commit-action", airtimeId: slot.id, ownerId, description: "Visit the family with the school", dueOn: "2015-05-01" });
  const [row] = await db().select().from(actions).where(eq(actions.meetingId, meetingId));
  return row.id;
}

function report(world: LearningWorld, cookie: string, actionId: string, outcome: string, reflection = "") {
  return callRoute(actionsAction, postRequest(`/w/${world.ws.slug}/actions?tab=mine`, { intent: "report", actionId, outcome, reflection }, { cookie }), { ws: world.ws.slug });
}

describe("updating actions", () => {
  it("an action's owner and the set's facilitator update it, and each update is kept in the history", async () => {
    const world = await makeLearningWorld();
    const actionId = await commitAction(world, world.ws.users.member.id);
    expect((await report(world, world.ws.users.member.cookie, actionId, "partly", "Met the school")).status).toBe(302);
    expect((await report(world, world.ws.users.facilitator.cookie, actionId, "done", "Confirmed at the set")).status).toBe(302);
    const history = await db().select().from(actionReports).where(eq(actionReports.actionId, actionId));
    expect(history.map((h) => [h.outcome, h.reporterId, h.reflection])).toEqual([
      ["partly", world.ws.users.member.id, "Met the school"],
      ["done", world.ws.users.facilitator.id, "Confirmed at the set"],
    ]);
    expect((await db().select().from(actions).where(eq(actions.id, actionId)))[0].status).toBe("done");
  });

  it("another member of the set gets 403, and the owner and the evaluator outside the set get 404; nothing is written", async () => {
    const world = await makeLearningWorld();
    const actionId = await commitAction(world, world.ws.users.member.id);
    expect((await report(world, world.peers[0].cookie, actionId, "done")).status).toBe(403);
    expect((await report(world, world.ws.users.owner.cookie, actionId, "done")).status).toBe(404);
    expect((await report(world, world.ws.users.evaluator.cookie, actionId, "done")).status).toBe(403);
    expect((await report(world, world.ws.users.analyst.cookie, actionId, "done")).status).toBe(404);
    expect(await db().select().from(actionReports).where(eq(actionReports.actionId, actionId))).toEqual([]);
    expect((await db().select().from(actions).where(eq(actions.id, actionId)))[0].status).toBe("open");
  });

  it("in the runner, only the action's owner or the facilitator may report back on it", async () => {
    const world = await makeLearningWorld();
    const actionId = await commitAction(world, world.ws.users.member.id);
    const { id: next } = await makeMeeting(world, world.setId, "2015-05-13");
    const refused = await postRunner(world, next, world.peers[1].cookie, { intent: "report-back", actionId, outcome: "done" });
    expect(refused.status).toBe(403);
    expect(await db().select().from(actionReports).where(eq(actionReports.actionId, actionId))).toEqual([]);
  });
});

describe("learning sets", () => {
  it("a facilitator creates a set with a confidentiality ground rule by default, and a set of two carries a size warning", async () => {
    const world = await makeLearningWorld();
    const { facilitator, member } = world.ws.users;
    const created = await callRoute(
      setsAction,
      postRequest(
        `/w/${world.ws.slug}/sets`,
        { intent: "create", name: "Practitioners' set", facilitatorId: facilitator.id, memberIds: [member.id, world.peers[0].id], slotMinutes: "25" },
        { cookie: facilitator.cookie },
      ),
      { ws: world.ws.slug },
    );
    expect(created.status).toBe(302);
    const [set] = await db().select().from(learningSets).where(eq(learningSets.name, "Practitioners' set"));
    expect(set.groundRules).toMatch(/^Confidentiality: what is said in the set stays in the set/);
    expect(set.slotMinutes).toBe(25);
    expect(await db().select().from(setMembers).where(eq(setMembers.setId, set.id))).toHaveLength(2);
    const page = await callRoute(setLoader, getRequest(`/w/${world.ws.slug}/sets/${set.id}`, { cookie: member.cookie }), { ws: world.ws.slug, id: set.id });
    expect((page.data as { sizeWarning: string | null }).sizeWarning).toBe("This set has 2 members; an action learning set works best with 4 to 8.");
  });

  it("members and evaluators cannot create sets", async () => {
    const world = await makeLearningWorld();
    for (const role of ["member", "analyst", "evaluator"] as const) {
      const result = await callRoute(
        setsAction,
        postRequest(`/w/${world.ws.slug}/sets`, { intent: "create", name: "Shadow set", facilitatorId: world.ws.users[role].id, slotMinutes: "30" }, { cookie: world.ws.users[role].cookie }),
        { ws: world.ws.slug },
      );
      expect(result.status, role).toBe(403);
    }
    expect(await db().select().from(learningSets).where(eq(learningSets.name, "Shadow set"))).toEqual([]);
  });
});
