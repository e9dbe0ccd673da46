import type { LoaderFunctionArgs } from "@remix-run/node";

import { icsFileName, meetingToIcs } from "../models/meeting/meeting-calendar.server";
import { requireMeeting } from "../models/meeting/require-meeting.server";
import { requireWorkspaceAccess } from "../utils/access.server";

/** "Add to calendar": the meeting as an .ics download, for the set's participants only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const meeting = await requireMeeting(access, request, params);
  const url = new URL(request.url);
  const pageUrl = `${url.origin}/w/${access.workspace.slug}/sets/${meeting.setId}/meetings/${meeting.id}`;
  const body = meetingToIcs(meeting, { host: url.hostname, url: pageUrl });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(meeting)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
