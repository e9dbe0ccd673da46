import { eq } from "drizzle-orm";

import { meetings } from "../../../db/schema/learning";
import type { DocumentAccess } from "../../collab/extensions/authentication.server";
import type { DocumentKindConfig } from "../../collab/kinds.server";
import type { AuthUser } from "../../utils/auth.server";
import { db } from "../../utils/db.server";
import { isSetParticipant } from "../set/set-access.server";
import { setMeetingNotes } from "./meeting.server";

/**
 * Who may open the notes document `meeting:<id>`: the set's participants (facilitator and members
 * still in the workspace) may write; everyone else — owners and evaluators outside the set
 * included — is refused, the same rule as the meeting page.
 */
export async function resolveMeetingDocument(user: AuthUser, meetingId: string): Promise<DocumentAccess | null> {
  const [meeting] = await db()
    .select({ workspaceId: meetings.workspaceId, setId: meetings.setId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!meeting) return null;
  if (!(await isSetParticipant(meeting.setId, user.id))) return null;
  return { workspaceId: meeting.workspaceId, canWrite: true };
}

export const meetingDocumentKind: DocumentKindConfig = {
  resolve: resolveMeetingDocument,
  /** Keeps `meetings.notes_text` and `notes_json` (server-rendered notes, search) in step with the document. */
  onDerived: async (meetingId, content) => {
    await setMeetingNotes(meetingId, { text: content.text, json: content.json });
  },
};
