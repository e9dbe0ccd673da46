import { describe, expect, it } from "vitest";

import { action as actionsAction } from "../../../app/routes/w.$ws.actions";
import { action as decisionsAction } from "../../../app/routes/w.$ws.decisions";
import { action as inquiryAction } from "../../../app/routes/w.$ws.inquiries.$id";
import { action as inquiriesAction } from "../../../app/routes/w.$ws.inquiries._index";
import { action as setAction } from "../../../app/routes/w.$ws.sets.$id._index";
import { action as meetingAction } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId._index";
import { action as setsAction } from "../../../app/routes/w.$ws.sets._index";
import { changedTables, fingerprintDatabase } from "../../helpers/db-fingerprint";
import { makeUser } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";
import { postRunner, runnerState } from "./runner";
import { makeLearningWorld, makeMeeting, meetingParams } from "./world";

type Case = { name: string; post: () => ReturnType<typeof callRoute>; message: string };

/** Each case must answer 400 with its message and leave every table as it was. */
async function expectRefused(cases: Case[]) {
  for (const c of cases) {
    const before = await fingerprintDatabase();
    const result = await c.post();
    expect(result.status, c.name).toBe(400);
    expect(JSON.stringify(result.data), c.name).toContain(c.message);
    expect(changedTables(before, await fingerprintDatabase()), c.name).toEqual([]);
  }
}

describe("bad input to the learning-cycle forms", () => {
  it("inquiry, set, meeting and decision forms answer 400 with messages and write nothing", async () => {
    const world = await makeLearningWorld();
    const stranger = await makeUser();
    const { facilitator, owner } = world.ws.users;
    const ws = world.ws.slug;
    const { id: meetingId } = await makeMeeting(world, world.setId, "2015-04-15");
    const post = (fn: Parameters<typeof callRoute>[0], path: string, form: Record<string, string | string[]>, params: Record<string, string>, cookie = facilitator.cookie) =>
      callRoute(fn, postRequest(path, form, { cookie }), params);
    const inquiries = (form: Record<string, string | string[]>) => post(inquiriesAction, `/w/${ws}/inquiries`, form, { ws });
    const inquiry = (form: Record<string, string | string[]>) => post(inquiryAction, `/w/${ws}/inquiries/${world.inquiryId}`, form, { ws, id: world.inquiryId });
    const sets = (form: Record<string, string | string[]>) => post(setsAction, `/w/${ws}/sets`, form, { ws });
    const set = (form: Record<string, string | string[]>) => post(setAction, `/w/${ws}/sets/${world.setId}`, form, { ws, id: world.setId });
    const meeting = (form: Record<string, string | string[]>) => post(meetingAction, `/w/${ws}/sets/${world.setId}/meetings/${meetingId}`, form, meetingParams(world, meetingId));
    const decisions = (form: Record<string, string | string[]>) => post(decisionsAction, `/w/${ws}/decisions`, form, { ws }, owner.cookie);
    const okSet = { name: "Board set", facilitatorId: facilitator.id, slotMinutes: "30" };
    const okMeeting = { date: "2015-04-15", startTime: "14:00", endTime: "16:30" };

    await expectRefused([
      { name: "inquiry without a question", post: () => inquiries({ intent: "create", status: "open" }), message: "Enter the inquiry question" },
      { name: "inquiry too short", post: () => inquiries({ intent: "create", question: "Why?", status: "open" }), message: "at least 10 characters" },
      { name: "inquiry with an unknown status", post: () => inquiries({ intent: "create", question: "How can we learn together?", status: "closed" }), message: "Choose a status" },
      {
        name: "inquiry owned by a stranger",
        post: () => inquiries({ intent: "create", question: "How can we learn together?", status: "open", ownerId: stranger.id }),
        message: "Choose an owner from this workspace",
      },
      { name: "move with no direction", post: () => inquiries({ intent: "move", inquiryId: world.inquiryId, direction: "sideways" }), message: "Choose up or down" },
      { name: "unknown intent", post: () => inquiries({ intent: "delete-everything" }), message: "" },
      { name: "inquiry edit far too long", post: () => inquiry({ intent: "update", question: "x".repeat(501), status: "open" }), message: "500 characters or fewer" },
      { name: "set without a name", post: () => sets({ intent: "create", slotMinutes: "30" }), message: "Enter a name for the set" },
      { name: "set without a facilitator", post: () => sets({ intent: "create", name: "Set", slotMinutes: "30" }), message: "Choose the facilitator" },
      { name: "set with a silly slot", post: () => sets({ intent: "create", name: "Set", slotMinutes: "abc" }), message: "Enter a slot length in minutes" },
      { name: "set with a 2-minute slot", post: () => sets({ intent: "create", name: "Set", slotMinutes: "2" }), message: "at least 5 minutes" },
      { name: "set with a stranger as member", post: () => sets({ intent: "create", ...okSet, memberIds: [stranger.id] }), message: "Choose members from this workspace" },
      { name: "set focused on a foreign inquiry", post: () => set({ intent: "update", ...okSet, inquiryIds: ["nope"] }), message: "Choose inquiries from this workspace" },
      { name: "meeting ending before it starts", post: () => set({ intent: "schedule-meeting", ...okMeeting, endTime: "13:00" }), message: "The meeting must end after it starts" },
      { name: "meeting on 30 February", post: () => set({ intent: "schedule-meeting", ...okMeeting, date: "2015-02-30" }), message: "Enter a real date" },
      { name: "meeting with no time", post: () => set({ intent: "schedule-meeting", date: "2015-04-15" }), message: "Enter the start time" },
      { name: "meeting edit with a bad time", post: () => meeting({ intent: "update", ...okMeeting, startTime: "2pm" }), message: "Enter a time such as 14:00" },
      {
        name: "attendance for a stranger",
        post: () => meeting({ intent: "attendance", "attendance[0].userId": stranger.id, "attendance[0].status": "present" }),
        message: "only be recorded for the set's participants",
      },
      {
        name: "attendance with an unknown status",
        post: () => meeting({ intent: "attendance", "attendance[0].userId": facilitator.id, "attendance[0].status": "asleep" }),
        message: "Choose present, apologies, absent or not recorded",
      },
      { name: "decision without text", post: () => decisions({ intent: "create", decidedOn: "2015-06-01" }), message: "Enter what the board decided" },
      { name: "decision on a bad date", post: () => decisions({ intent: "create", decision: "Pool the budget", decidedOn: "01/06/2015" }), message: "Enter the date of the decision" },
      {
        name: "decision reviewed before it was made",
        post: () => decisions({ intent: "create", decision: "Pool the budget", decidedOn: "2015-06-01", reviewOn: "2015-05-01" }),
        message: "The review date must be on or after the decision date",
      },
    ]);
  });

  it("runner and action forms answer 400 with messages and write nothing", async () => {
    const world = await makeLearningWorld();
    const { facilitator, member } = world.ws.users;
    const { id: meetingId } = await makeMeeting(world, world.setId, "2015-04-15");
    await postRunner(world, meetingId, facilitator.cookie, { intent: "bid", presenterId: member.id, issue: "An issue" });
    const [slot] = (await runnerState(world, meetingId, facilitator.cookie)).slots;
    const run = (form: Record<string, string>) => postRunner(world, meetingId, facilitator.cookie, form);
    const report = (form: Record<string, string>) =>
      callRoute(actionsAction, postRequest(`/w/${world.ws.slug}/actions`, form, { cookie: member.cookie }), { ws: world.ws.slug });

    await expectRefused([
      { name: "a bid with no issue", post: () => run({ intent: "bid", issue: "  " }), message: "Enter the issue you want to bring" },
      { name: "a bid of 500 minutes", post: () => run({ intent: "bid", issue: "An issue", minutes: "500" }), message: "120 minutes or fewer" },
      { name: "a bid for a stranger", post: () => run({ intent: "bid", issue: "An issue", presenterId: "stranger" }), message: "Choose a participant of this set" },
      { name: "an unknown round", post: () => run({ intent: "phase", phase: "coffee" }), message: "Choose a round" },
      { name: "a slot of 2 minutes", post: () => run({ intent: "slot-minutes", airtimeId: slot.id, minutes: "2" }), message: "at least 5 minutes" },
      { name: "a slot of another meeting", post: () => run({ intent: "timer", airtimeId: "elsewhere", command: "start" }), message: "not part of this meeting" },
      { name: "a question before the questions stage", post: () => run({ intent: "question", airtimeId: slot.id, text: "Why?" }), message: "questions-only stage" },
      {
        name: "an action before the agree-actions stage",
        post: () => run({ intent: "commit-action", airtimeId: slot.id, description: "Do it", dueOn: "2015-05-01" }),
        message: "agree-actions stage",
      },
      { name: "an action with no due date", post: () => run({ intent: "commit-action", airtimeId: slot.id, description: "Do it" }), message: "Enter a due date" },
      { name: "a line of learning outside the closing round", post: () => run({ intent: "learning-line", text: "I learnt" }), message: "closing round" },
      { name: "a report-back on an unknown action", post: () => run({ intent: "report-back", actionId: "nope", outcome: "done" }), message: "not open for report-back" },
      { name: "a report-back with no outcome", post: () => report({ intent: "report", actionId: "any" }), message: "Choose done, partly or not yet" },
      {
        name: "a report-back note far too long",
        post: () => report({ intent: "report", actionId: "any", outcome: "done", reflection: "x".repeat(2001) }),
        message: "2,000 characters or fewer",
      },
    ]);

    // In the agree-actions stage, an impossible due date is still refused.
    await run({ intent: "slot-phase", airtimeId: slot.id, phase: "present" });
    await run({ intent: "slot-phase", airtimeId: slot.id, phase: "actions" });
    await expectRefused([
      { name: "an action due on 31 February", post: () => run({ intent: "commit-action", airtimeId: slot.id, description: "Do it", dueOn: "2015-02-31" }), message: "Enter a real due date" },
      { name: "an action owned by a stranger", post: () => run({ intent: "commit-action", airtimeId: slot.id, description: "Do it", dueOn: "2015-05-01", ownerId: "x" }), message: "Choose a participant of this set" },
    ]);
  });
});
