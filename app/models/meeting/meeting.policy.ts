import type { Role } from "../access/access.policy";
import { canEditLogText, canReadLog, type LogAccessFacts } from "../log/log.policy";

/**
 * A meeting's shared notes are a set log in all but name, so the log policy decides them: read by
 * the set's participants, written only by those whose role may edit logs (never evaluators).
 * Used by the notes socket and the meeting page alike.
 */
export function meetingNotesAccess(f: { role: Role; setId: string; isSetParticipant: boolean }): { canRead: boolean; canWrite: boolean } {
  const facts: LogAccessFacts = { role: f.role, visibility: "set", setId: f.setId, isAuthor: false, isSetParticipant: f.isSetParticipant };
  return { canRead: canReadLog(facts), canWrite: canEditLogText(facts) };
}
