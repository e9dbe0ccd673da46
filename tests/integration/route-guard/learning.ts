import { createDecision } from "../../../app/models/decision/decision.server";
import { createInquiry } from "../../../app/models/inquiry/inquiry.server";
import { createMeeting } from "../../../app/models/meeting/meeting.server";
import { createSet } from "../../../app/models/set/set.server";
import type { GuardExpectation, GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/**
 * A set in world A facilitated by its facilitator with its member and analyst as members, and
 * one meeting. The owner and the evaluator are outside the set: what is said in the set stays in
 * the set, so its meetings are "not found" for them.
 */
async function setWithMeeting(world: GuardWorld) {
  const { users } = world.a;
  const { id: setId } = await createSet({ userId: users.facilitator.id }, world.a.id, {
    name: "Guarded set",
    facilitatorId: users.facilitator.id,
    memberIds: [users.member.id, users.analyst.id],
    inquiryIds: [],
    groundRules: "",
    rhythm: "",
    slotMinutes: 30,
  });
  const { id: meetingId } = await createMeeting({ userId: users.facilitator.id }, { id: setId, workspaceId: world.a.id }, {
    title: "Guarded meeting",
    date: "2015-04-15",
    startTime: "14:00",
    endTime: "16:30",
    location: "",
    agenda: "",
  });
  return { ws: world.a.slug, id: setId, meetingId };
}

async function inquiry(world: GuardWorld) {
  const { id } = await createInquiry({ userId: world.a.owner.id }, world.a.id, {
    question: "How can we capture the learning from the project at all levels?",
    rationale: "",
    phase: "",
    status: "open",
  });
  return { ws: world.a.slug, id };
}

const managers = (): GuardExpectation => workspaceGuard({ default: 403, owner: "allow", facilitator: "allow" });
/** Set participants in; owner and evaluator (outside the set) told it does not exist. */
const participants = (overrides: Parameters<typeof workspaceGuard>[0] = {}): GuardExpectation =>
  workspaceGuard({ owner: 404, evaluator: 404, ...overrides });

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.inquiries._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: managers() },
  { file: "w.$ws.inquiries.$id.tsx", params: inquiry, loader: workspaceGuard({}), action: managers() },
  { file: "w.$ws.sets._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: managers() },
  // The set page lists name and members to everyone; changing the set is for facilitators and owners.
  { file: "w.$ws.sets.$id._index.tsx", params: setWithMeeting, loader: workspaceGuard({}), action: managers() },
  {
    file: "w.$ws.sets.$id.meetings.$meetingId._index.tsx",
    params: setWithMeeting,
    loader: participants(),
    // Editing a meeting belongs to the set's own facilitator.
    action: participants({ member: 403, analyst: 403 }),
  },
  {
    file: "w.$ws.sets.$id.meetings.$meetingId.run.tsx",
    params: setWithMeeting,
    loader: participants(),
    // Every participant may post (their own report-back, bid, line); an empty form is a 400.
    action: participants(),
  },
  { file: "w.$ws.sets.$id.meetings.$meetingId.calendar[.ics].ts", params: setWithMeeting, loader: participants() },
  { file: "w.$ws.actions.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: workspaceGuard({ evaluator: 403 }) },
  {
    file: "w.$ws.decisions.tsx",
    params: async (w) => {
      await createDecision({ userId: w.a.owner.id }, w.a.id, { decision: "Pilot a pooled budget", rationale: "", decidedOn: "2015-06-01", inquiryIds: [] });
      return { ws: w.a.slug };
    },
    loader: workspaceGuard({}),
    action: managers(),
  },
];
