import { createInquiry } from "../../../app/models/inquiry/inquiry.server";
import { createMeeting } from "../../../app/models/meeting/meeting.server";
import { createSet } from "../../../app/models/set/set.server";
import type { Role } from "../../../db/schema/core";
import { addMember, makeWorkspaceWithRoles, type TestUser, type TestWorkspace } from "../../helpers/factories";

export type LearningWorld = {
  ws: TestWorkspace & { users: Record<Role, TestUser> };
  /** Members of the set besides world.ws.users.member. */
  peers: TestUser[];
  setId: string;
  inquiryId: string;
};

/**
 * A workspace with one person per role and a learning set facilitated by its facilitator, with
 * the member and two more members in it. The owner, analyst and evaluator are *not* in the set.
 */
export async function makeLearningWorld(): Promise<LearningWorld> {
  const ws = await makeWorkspaceWithRoles();
  const peers = [await addMember(ws, "member"), await addMember(ws, "member")];
  const { id: inquiryId } = await createInquiry({ userId: ws.owner.id }, ws.id, {
    question: "How can we prevent some families becoming increasingly chaotic and hitting crisis?",
    rationale: "",
    phase: "Phase 2",
    status: "open",
    ownerId: ws.owner.id,
  });
  const { id: setId } = await createSet({ userId: ws.users.facilitator.id }, ws.id, {
    name: "Board set",
    facilitatorId: ws.users.facilitator.id,
    memberIds: [ws.users.member.id, ...peers.map((p) => p.id)],
    inquiryIds: [inquiryId],
    groundRules: "",
    rhythm: "Monthly",
    slotMinutes: 30,
  });
  return { ws, peers, setId, inquiryId };
}

export async function makeMeeting(world: { ws: { id: string; users: Record<Role, TestUser> } }, setId: string, date: string, title = "") {
  return createMeeting({ userId: world.ws.users.facilitator.id }, { id: setId, workspaceId: world.ws.id }, {
    title,
    date,
    startTime: "14:00",
    endTime: "16:30",
    location: "Brunton Hall, Musselburgh",
    agenda: "Report-back, bids, presenters, closing round",
  });
}

export function meetingParams(world: LearningWorld, meetingId: string) {
  return { ws: world.ws.slug, id: world.setId, meetingId };
}
