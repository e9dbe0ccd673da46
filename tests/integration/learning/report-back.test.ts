import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { loader as actionsLoader } from "../../../app/routes/w.$ws.actions";
import { db } from "../../../app/utils/db.server";
import { actionReports, actions, airtimeQuestions, meetingRuns } from "../../../db/schema/learning";
import { callRoute, getRequest } from "../../helpers/requests";
import { postRunner, runnerState } from "./runner";
import { makeLearningWorld, makeMeeting } from "./world";

describe("the meeting runner and report-back", () => {
  it("an action committed in meeting 1 appears for report-back in meeting 2, and every report is kept", async () => {
    const world = await makeLearningWorld();
    const { facilitator, member } = world.ws.users;
    const { id: first } = await makeMeeting(world, world.setId, "2015-04-15", "Meeting 1");
    const { id: second } = await makeMeeting(world, world.setId, "2015-05-13", "Meeting 2");
    const { id: third } = await makeMeeting(world, world.setId, "2015-06-10", "Meeting 3");

    // Meeting 1: the member bids, the facilitator runs the slot present → questions → actions.
    expect((await postRunner(world, first, facilitator.cookie, { intent: "phase", phase: "bidding" })).status).toBe(302);
    expect((await postRunner(world, first, member.cookie, { intent: "bid", issue: "Tenancy warnings reach families without anyone else knowing" })).status).toBe(302);
    const [slot] = (await runnerState(world, first, facilitator.cookie)).slots;
    expect(slot.minutes).toBe(30);
    expect((await postRunner(world, first, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "present" })).status).toBe(302);
    let state = await runnerState(world, first, facilitator.cookie);
    expect(state.phase).toBe("presenting");
    expect(state.slots[0].phase).toBe("present");
    expect(state.slots[0].timerStartedAt).not.toBeNull();
    await postRunner(world, first, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "questions" });
    await postRunner(world, first, world.peers[0].cookie, { intent: "question", airtimeId: slot.id, text: "Who would you want to know when a warning goes out?" });
    await postRunner(world, first, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "actions" });
    const committed = await postRunner(world, first, facilitator.cookie, {
      intent: "commit-action",
      airtimeId: slot.id,
      ownerId: member.id,
      description: "Ask Housing to copy tenancy warnings to the health visitor",
      dueOn: "2015-05-10",
      inquiryId: world.inquiryId,
    });
    expect(committed.status).toBe(302);
    await postRunner(world, first, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "done" });
    await postRunner(world, first, facilitator.cookie, { intent: "phase", phase: "finished" });

    const [action] = await db().select().from(actions).where(eq(actions.meetingId, first));
    expect(action).toMatchObject({ ownerId: member.id, setId: world.setId, inquiryId: world.inquiryId, status: "open", airtimeId: slot.id });
    expect(await db().select().from(airtimeQuestions).where(eq(airtimeQuestions.airtimeId, slot.id))).toHaveLength(1);
    const [run] = await db().select().from(meetingRuns).where(eq(meetingRuns.meetingId, first));
    expect(run.phase).toBe("finished");

    // The owner's "my actions" has it.
    const mine = await callRoute(actionsLoader, getRequest(`/w/${world.ws.slug}/actions?tab=mine`, { cookie: member.cookie }), { ws: world.ws.slug });
    expect((mine.data as { actions: Array<{ id: string }> }).actions.map((a) => a.id)).toContain(action.id);

    // Meeting 2's opening round shows it to its owner, who reports "partly".
    state = await runnerState(world, second, member.cookie);
    expect(state.reportBack.map((a) => a.id)).toEqual([action.id]);
    await postRunner(world, second, facilitator.cookie, { intent: "phase", phase: "opening" });
    expect(
      (await postRunner(world, second, member.cookie, { intent: "report-back", actionId: action.id, outcome: "partly", reflection: "Housing agreed for new warnings only" })).status,
    ).toBe(302);
    expect((await db().select().from(actions).where(eq(actions.id, action.id)))[0].status).toBe("partly");

    // Still open, so meeting 3 shows it again; this time it is done.
    state = await runnerState(world, third, member.cookie);
    expect(state.reportBack.map((a) => a.id)).toEqual([action.id]);
    expect(state.reportBack[0].reports.map((r) => r.outcome)).toEqual(["partly"]);
    await postRunner(world, third, member.cookie, { intent: "report-back", actionId: action.id, outcome: "done", reflection: "All warnings now copied" });

    const history = await db().select().from(actionReports).where(eq(actionReports.actionId, action.id));
    expect(history.map((r) => [r.outcome, r.meetingId, r.reporterId])).toEqual([
      ["partly", second, member.id],
      ["done", third, member.id],
    ]);
    expect((await db().select().from(actions).where(eq(actions.id, action.id)))[0]).toMatchObject({ status: "done" });
    // A done action leaves later opening rounds; each meeting that heard a report still shows it.
    expect((await runnerState(world, third, member.cookie)).reportBack.map((a) => a.reportedHere)).toEqual([true]);
    expect((await runnerState(world, second, member.cookie)).reportBack.map((a) => a.reportedHere)).toEqual([true]);
    const { id: fourth } = await makeMeeting(world, world.setId, "2015-07-08", "Meeting 4");
    expect((await runnerState(world, fourth, member.cookie)).reportBack).toEqual([]);
  });

  it("the runner's state survives a reload: round, stage and clock come from the database", async () => {
    const world = await makeLearningWorld();
    const { facilitator } = world.ws.users;
    const { id } = await makeMeeting(world, world.setId, "2015-04-15");
    await postRunner(world, id, facilitator.cookie, { intent: "bid", presenterId: world.peers[0].id, issue: "A school exclusion nobody else heard about", minutes: "20" });
    const [slot] = (await runnerState(world, id, facilitator.cookie)).slots;
    await postRunner(world, id, facilitator.cookie, { intent: "slot-phase", airtimeId: slot.id, phase: "present" });
    await postRunner(world, id, facilitator.cookie, { intent: "timer", airtimeId: slot.id, command: "pause" });
    const paused = (await runnerState(world, id, facilitator.cookie)).slots[0];
    expect(paused.timerStartedAt).toBeNull();
    expect(paused.minutes).toBe(20);
    await postRunner(world, id, facilitator.cookie, { intent: "timer", airtimeId: slot.id, command: "start" });
    const again = await runnerState(world, id, facilitator.cookie);
    expect(again.phase).toBe("presenting");
    expect(again.slots[0].phase).toBe("present");
    expect(again.slots[0].timerStartedAt).not.toBeNull();
    expect(again.slots[0].timerElapsedMs).toBe(paused.timerElapsedMs);
  });

  it("only the set's facilitator moves rounds and stages; a member cannot, and nothing changes", async () => {
    const world = await makeLearningWorld();
    const { id } = await makeMeeting(world, world.setId, "2015-04-15");
    const refused = await postRunner(world, id, world.ws.users.member.cookie, { intent: "phase", phase: "closing" });
    expect(refused.status).toBe(403);
    expect(await db().select().from(meetingRuns).where(eq(meetingRuns.meetingId, id))).toEqual([]);
    const other = await postRunner(world, id, world.ws.users.member.cookie, { intent: "bid", presenterId: world.peers[0].id, issue: "Someone else's issue" });
    expect(other.status).toBe(403);
  });
});
