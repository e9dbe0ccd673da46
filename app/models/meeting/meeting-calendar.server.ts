import { createEvent } from "ics";

import type { MeetingRow } from "./meeting.server";

/**
 * The meeting as an iCalendar event. Times go out in UTC (DTSTART/DTEND with a Z), so every
 * calendar places it right whatever its own zone; the UID is stable per meeting so importing an
 * updated file replaces the event instead of duplicating it.
 */
export function meetingToIcs(meeting: MeetingRow, options: { host: string; url: string }): string {
  const summary = meeting.title ? `${meeting.setName}: ${meeting.title}` : `${meeting.setName} — action learning set meeting`;
  const description = [meeting.agenda ? `Agenda:\n${meeting.agenda}` : "", `Meeting page: ${options.url}`].filter(Boolean).join("\n\n");
  const { error, value } = createEvent({
    uid: `meeting-${meeting.id}@${options.host}`,
    productId: "praxis/learning-sets",
    start: meeting.startsAt,
    startInputType: "utc",
    startOutputType: "utc",
    end: meeting.endsAt,
    endInputType: "utc",
    endOutputType: "utc",
    title: summary,
    description,
    location: meeting.location || undefined,
    url: options.url,
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file");
  return value;
}

export function icsFileName(meeting: Pick<MeetingRow, "setName" | "startsAt">): string {
  const slug = meeting.setName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "meeting";
  return `${slug}-${new Date(meeting.startsAt).toISOString().slice(0, 10)}.ics`;
}
