import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { colourForUser } from "../components/editor/user-colour";
import { ErrorSummary } from "../components/forms";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDay, formatMeetingWhen } from "../components/learning/format";
import { MeetingForm } from "../components/learning/meeting-form";
import { MeetingNotes } from "../components/learning/meeting-notes";
import { MeetingRecord, ReportHistory } from "../components/learning/meeting-record";
import { utcToLondonInput } from "../models/meeting/london-time";
import { getMeetingRecord } from "../models/meeting/meeting-runner.server";
import { MEETING_PHASE_LABELS } from "../models/meeting/meeting.constants";
import { meetingNotesAccess } from "../models/meeting/meeting.policy";
import { meetingPageActionSchema } from "../models/meeting/meeting.schema";
import { hasMeetingStarted, listAttendance, listSetParticipants, recordAttendance, updateMeeting } from "../models/meeting/meeting.server";
import { requireMeeting } from "../models/meeting/require-meeting.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { canFacilitateSet } from "../models/set/set.policy";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.meeting.title || "Meeting"} · ${data.meeting.setName}` : "Meeting"} — Praxis` },
];

const ATTENDANCE_LABELS = { present: "Present", apologies: "Apologies", absent: "Absent", "not-recorded": "Not recorded" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const meeting = await requireMeeting(access, request, params);
  const [participants, attendance, record, started] = await Promise.all([
    listSetParticipants(meeting.setId),
    listAttendance(meeting.id),
    getMeetingRecord(meeting),
    hasMeetingStarted(meeting),
  ]);
  const start = utcToLondonInput(meeting.startsAt);
  const end = utcToLondonInput(meeting.endsAt);
  const status = new Map(attendance.map((a) => [a.userId, a.status]));
  return {
    slug: access.workspace.slug,
    user: { id: access.user.id, name: access.user.displayName, color: colourForUser(access.user.id) },
    meeting: {
      id: meeting.id,
      setId: meeting.setId,
      setName: meeting.setName,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      location: meeting.location,
      agenda: meeting.agenda,
      notesText: meeting.notesText,
      notesJson: meeting.notesJson,
    },
    canFacilitate: canFacilitateSet(access.user.id, { facilitatorId: meeting.setFacilitatorId }),
    // requireMeeting let only the set's participants this far.
    canEditNotes: meetingNotesAccess({ role: access.role, setId: meeting.setId, isSetParticipant: true }).canWrite,
    participants: participants.map((p) => ({ ...p, attendance: status.get(p.id) ?? null })),
    started,
    record,
    defaults: { title: meeting.title, date: start.date, startTime: start.time, endTime: end.time, location: meeting.location, agenda: meeting.agenda },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const meeting = await requireMeeting(access, request, params);
  if (!canFacilitateSet(access.user.id, { facilitatorId: meeting.setFacilitatorId })) {
    throw await denyAccess(access, request, 403, { reason: "not-set-facilitator", meetingId: meeting.id });
  }
  const submission = parseWithZod(await request.formData(), { schema: meetingPageActionSchema });
  if (submission.status !== "success") return data({ intent: "update", result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const here = `/w/${access.workspace.slug}/sets/${meeting.setId}/meetings/${meeting.id}`;
  try {
    if (input.intent === "attendance") {
      await recordAttendance(actor, meeting, input.attendance);
      return redirectWithFlash(`${here}#attendance-title`, { kind: "success", message: "Attendance saved" });
    }
    await updateMeeting(actor, meeting, input);
    return redirectWithFlash(here, { kind: "success", message: "Meeting details saved" });
  } catch (error) {
    if (error instanceof InputError) return data({ intent: input.intent, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function MeetingPage() {
  const { slug, user, meeting, canFacilitate, canEditNotes, participants, started, record, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/w/${slug}/sets/${meeting.setId}/meetings/${meeting.id}`;
  const attendanceErrors = actionData?.intent === "attendance" ? (actionData.result.error?.[""] ?? []) : [];
  const reportedHere = record.reportBack.filter((a) => a.reportedHere);
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/sets/${meeting.setId}`}>{meeting.setName}</Link>
      </p>
      <h1 className="page-title">{meeting.title || "Set meeting"}</h1>
      <p className="mt-2 text-slate-800">{formatMeetingWhen(meeting.startsAt, meeting.endsAt)} (UK time)</p>
      {meeting.location ? <p className="mt-1 text-slate-800">Place or link: {meeting.location}</p> : null}
      <p className="mt-1 text-sm text-slate-700">Runner: {MEETING_PHASE_LABELS[record.phase]}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        <a href={`${base}/calendar.ics`} className="btn-secondary" download>
          Add to calendar (.ics)
        </a>
        <Link to={`${base}/run`} className="btn-primary">
          {canFacilitate ? "Run this meeting" : "Join the meeting runner"}
        </Link>
      </div>

      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="notes-title">
          <h2 id="notes-title" className="text-lg font-bold">
            Shared notes
          </h2>
          <p className="mb-3 text-sm text-slate-700">Written together, live. Only the set&apos;s participants can open them.</p>
          <MeetingNotes meetingId={meeting.id} notesJson={meeting.notesJson} notesText={meeting.notesText} user={user} canEdit={canEditNotes} />
        </section>
        <div className="space-y-6">
          <section className="card" aria-labelledby="agenda-title">
            <h2 id="agenda-title" className="text-lg font-bold">
              Agenda
            </h2>
            <p className="mt-2 whitespace-pre-line text-sm">{meeting.agenda || "No agenda yet."}</p>
          </section>
          <section className="card" aria-labelledby="attendance-title">
            <h2 id="attendance-title" className="text-lg font-bold">
              Attendance
            </h2>
            {!started ? (
              <p className="mt-2 text-sm text-slate-700">Attendance is recorded once the meeting has started.</p>
            ) : canFacilitate ? (
              <>
                <ErrorSummary id="attendance-errors" errors={attendanceErrors.map((message) => ({ message }))} />
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="attendance" />
                  {participants.map((p, i) => (
                    <fieldset key={p.id} className="mb-3">
                      <legend className="text-sm font-semibold">
                        {p.displayName}
                        {p.isFacilitator ? " (facilitator)" : ""}
                      </legend>
                      <input type="hidden" name={`attendance[${i}].userId`} value={p.id} />
                      <div className="flex flex-wrap gap-3 text-sm">
                        {(["present", "apologies", "absent", "not-recorded"] as const).map((status) => (
                          <label key={status} className="flex items-center gap-1">
                            <input type="radio" name={`attendance[${i}].status`} value={status} defaultChecked={(p.attendance ?? "not-recorded") === status} />
                            {ATTENDANCE_LABELS[status]}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  ))}
                  <button type="submit" className="btn-secondary">
                    Save attendance
                  </button>
                </Form>
              </>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {participants.map((p) => (
                  <li key={p.id}>
                    {p.displayName}
                    {p.isFacilitator ? " (facilitator)" : ""}: {p.attendance ? ATTENDANCE_LABELS[p.attendance] : "Not recorded"}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>

      <section className="card mt-8" aria-labelledby="record-title">
        <h2 id="record-title" className="text-xl font-bold">
          What happened
        </h2>
        {reportedHere.length ? (
          <>
            <h3 className="mt-4 text-lg font-bold">Opening round: report-back</h3>
            <ul className="mt-2 space-y-3">
              {reportedHere.map((a) => (
                <li key={a.id}>
                  <p className="font-medium">
                    {a.description} — {a.ownerName} (due {formatDay(a.dueOn)})
                  </p>
                  <ReportHistory reports={a.reports} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="mt-4">
          <MeetingRecord slots={record.slots} lines={record.lines} />
        </div>
      </section>

      {canFacilitate ? (
        <section className="mt-10 max-w-3xl" aria-label="Change the meeting's details">
          <EditOnDemand label="Change the meeting's details" open={actionData?.intent === "update"}>
            <div className="card">
              <MeetingForm id="edit-meeting" intent="update" lastResult={actionData?.intent === "update" ? actionData.result : undefined} defaults={defaults} submitLabel="Save meeting" />
            </div>
          </EditOnDemand>
        </section>
      ) : null}
    </main>
  );
}
