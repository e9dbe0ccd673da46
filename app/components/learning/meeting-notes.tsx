import { useEffect, useState } from "react";

import { LogEditor } from "../editor/log-editor.client";
import { StaticDocument } from "../editor/static-document";

/**
 * The shared notes of a meeting: the saved text rendered on the server (and without JavaScript),
 * replaced by the live collaborative editor once the page has hydrated.
 */
export function MeetingNotes({
  meetingId,
  notesJson,
  notesText,
  user,
  canEdit,
}: {
  meetingId: string;
  notesJson: unknown;
  notesText: string;
  user: { id: string; name: string; color: string };
  /** Set participants whose role may not edit logs (evaluators) read the notes live. */
  canEdit: boolean;
}) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const saved =
    notesText || notesJson ? (
      <StaticDocument json={notesJson} fallbackText={notesText} label="Meeting notes" />
    ) : (
      <p className="px-4 py-3 text-sm text-slate-700">No notes yet.</p>
    );
  if (!hydrated) return saved;
  return <LogEditor documentName={`meeting:${meetingId}`} user={user} canEdit={canEdit} label="Meeting notes" placeholder={saved} />;
}
