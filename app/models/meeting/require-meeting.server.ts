import { denyAccess, type WorkspaceAccess } from "../../utils/access.server";
import { getMeetingForParticipant } from "./meeting.server";

/** The meeting, for the set's participants only; anyone else is told it does not exist (audited). */
export async function requireMeeting(access: WorkspaceAccess, request: Request, params: { id?: string; meetingId?: string }) {
  const meeting = await getMeetingForParticipant({
    workspaceId: access.workspace.id,
    setId: params.id ?? "",
    meetingId: params.meetingId ?? "",
    userId: access.user.id,
  });
  if (!meeting) throw await denyAccess(access, request, 404, { reason: "meeting-not-visible", setId: params.id, meetingId: params.meetingId });
  return meeting;
}
