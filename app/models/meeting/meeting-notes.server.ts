import { and, eq } from "drizzle-orm";

import { memberships } from "../../../db/schema/core";
import { meetings } from "../../../db/schema/learning";
import type { DocumentAccess, DocumentKindConfig } from "../../collab/kinds.server";
import type { AuthUser } from "../../utils/auth.server";
import { db } from "../../utils/db.server";
import { isSetParticipant } from "../set/set-access.server";
import { meetingNotesAccess } from "./meeting.policy";
import { setMeetingNotes } from "./meeting.server";

/**
 * Who may open the notes document `meeting:<id>`, decided by `meetingNotesAccess` — the log rule
 * for a set log: the set's participants read, and only those whose role may edit logs write
 * (an evaluator in the set reads). Everyone outside the set is refused, as on the meeting page.
 */
export async function resolveMeetingDocument(user: AuthUser, meetingId: string): Promise<DocumentAccess | null> {
  const [meeting] = await db()
    .select({ workspaceId: meetings.workspaceId, setId: meetings.setId, role: memberships.role })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.workspaceId, meetings.workspaceId), eq(memberships.userId, user.id)))
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!meeting) return null;
  const access = meetingNotesAccess({ role: meeting.role, setId: meeting.setId, isSetParticipant: await isSetParticipant(meeting.setId, user.id) });
  if (!access.canRead) return null;
  return { workspaceId: meeting.workspaceId, canWrite: access.canWrite };
}

export const meetingDocumentKind: DocumentKindConfig = {
  resolve: resolveMeetingDocument,
  /** Keeps `meetings.notes_text` and `notes_json` (server-rendered notes, search) in step with the document. */
  onDerived: async (meetingId, content) => {
    await setMeetingNotes(meetingId, { text: content.text, json: content.json });
  },
};
