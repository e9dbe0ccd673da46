import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDateTime, formatMeetingWhen } from "../components/learning/format";
import { WarningIcon } from "../components/learning/icons";
import { MeetingForm } from "../components/learning/meeting-form";
import { SetForm } from "../components/learning/set-form";
import { listReadableSetLogs } from "../models/inquiry/inquiry-trail.server";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { utcToLondonInput } from "../models/meeting/london-time";
import { createMeeting, listSetMeetings } from "../models/meeting/meeting.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { canFacilitateSet, canManageSets, setSizeWarning } from "../models/set/set.policy";
import { setPageActionSchema } from "../models/set/set.schema";
import { getSet, listWorkspacePeople, updateSet } from "../models/set/set.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.set.name ?? "Learning set"} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const { workspace, user, role } = access;
  const set = await getSet({ workspaceId: workspace.id, setId: params.id ?? "", userId: user.id });
  if (!set) throw await denyAccess(access, request, 404, { reason: "set-not-found", setId: params.id });
  const canManage = canManageSets(role);
  const [meetings, setLogs, people, inquiries] = await Promise.all([
    // What is said in the set stays in the set: no meeting or set log reaches a non-participant.
    set.isParticipant ? listSetMeetings(set.id) : Promise.resolve([]),
    set.isParticipant ? listReadableSetLogs({ workspaceId: workspace.id, userId: user.id, setId: set.id }) : Promise.resolve([]),
    canManage ? listWorkspacePeople(workspace.id) : Promise.resolve([]),
    canManage ? listInquiryOptions(workspace.id) : Promise.resolve([]),
  ]);
  const now = Date.now();
  const nextWeek = utcToLondonInput(now + 7 * 24 * 60 * 60 * 1000);
  return {
    slug: workspace.slug,
    userId: user.id,
    set,
    sizeWarning: setSizeWarning(set.members.length),
    canManage,
    canFacilitate: canFacilitateSet(user.id, set),
    upcoming: meetings.filter((m) => m.endsAt >= now).reverse(),
    past: meetings.filter((m) => m.endsAt < now),
    setLogs,
    people: people.map(({ id, displayName }) => ({ id, displayName })),
    inquiries,
    meetingDefaults: { title: "", date: nextWeek.date, startTime: "14:00", endTime: "16:30", location: "", agenda: "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const set = await getSet({ workspaceId: access.workspace.id, setId: params.id ?? "", userId: access.user.id });
  if (!set) throw await denyAccess(access, request, 404, { reason: "set-not-found", setId: params.id });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "schedule-meeting" && !canFacilitateSet(access.user.id, set)) {
    throw await denyAccess(access, request, 403, { reason: "not-set-facilitator", setId: set.id });
  }
  if (intent !== "schedule-meeting" && !canManageSets(access.role)) {
    throw await denyAccess(access, request, 403, { reason: "cannot-manage-sets", setId: set.id });
  }
  const submission = parseWithZod(formData, { schema: setPageActionSchema });
  if (submission.status !== "success") return data({ intent: String(intent), result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  try {
    if (input.intent === "schedule-meeting") {
      const { id } = await createMeeting(actor, set, input);
      return redirectWithFlash(`/w/${access.workspace.slug}/sets/${set.id}/meetings/${id}`, { kind: "success", message: "Meeting scheduled" });
    }
    await updateSet(actor, access.workspace.id, set.id, input);
    return redirectWithFlash(`/w/${access.workspace.slug}/sets/${set.id}`, { kind: "success", message: "Learning set saved" });
  } catch (error) {
    if (error instanceof InputError) return data({ intent: input.intent, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function SetPage() {
  const { slug, set, sizeWarning, canManage, canFacilitate, upcoming, past, setLogs, people, inquiries, meetingDefaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const meetingLink = (id: string) => `/w/${slug}/sets/${set.id}/meetings/${id}`;
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/sets`}>All learning sets</Link>
      </p>
      <h1 className="page-title">{set.name}</h1>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title" className="text-lg font-bold">
            People
          </h2>
          <p className="mt-2 text-sm">
            <span className="font-semibold">Facilitator:</span> {set.facilitatorName ?? "none"}
          </p>
          <h3 className="mt-3 text-sm font-semibold">Members ({set.members.length})</h3>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {set.members.map((m) => (
              <li key={m.id}>{m.displayName}</li>
            ))}
          </ul>
          {sizeWarning ? (
            <p className="mt-3 rounded-md border-l-4 border-amber-700 bg-amber-50 p-3 text-sm font-semibold text-amber-900" role="note">
              <WarningIcon className="mr-1" />
              {sizeWarning}
            </p>
          ) : null}
          {set.rhythm ? (
            <p className="mt-3 text-sm">
              <span className="font-semibold">Meeting rhythm:</span> {set.rhythm}
            </p>
          ) : null}
          <p className="mt-1 text-sm">
            <span className="font-semibold">Presenter&apos;s slot:</span> {set.slotMinutes} minutes
          </p>
        </section>
        <section className="card" aria-labelledby="focus-title">
          <h2 id="focus-title" className="text-lg font-bold">
            Focus inquiries
          </h2>
          {set.focus.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No focus inquiry chosen.</p>
          ) : (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {set.focus.map((i) => (
                <li key={i.id}>
                  <Link to={`/w/${slug}/inquiries/${i.id}`}>{i.question}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2 className="mt-5 text-lg font-bold">Ground rules</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {set.groundRules
              .split("\n")
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line, i) => (
                <li key={i}>{line}</li>
              ))}
          </ul>
        </section>
      </div>

      <section className="mt-8" aria-labelledby="meetings-title">
        <h2 id="meetings-title" className="text-xl font-bold">
          Meetings
        </h2>
        {!set.isParticipant ? (
          <p className="mt-2 max-w-3xl text-slate-700">
            What is said in the set stays in the set: its meetings, notes and actions are open to its facilitator and members only.
          </p>
        ) : (
          <div className="mt-3 grid gap-6 lg:grid-cols-2">
            <div>
              <h3 className="text-lg font-semibold">Upcoming</h3>
              {upcoming.length === 0 ? <p className="mt-1 text-sm text-slate-700">No meeting scheduled.</p> : null}
              <ul className="mt-2 space-y-2">
                {upcoming.map((m) => (
                  <li key={m.id}>
                    <Link to={meetingLink(m.id)} className="font-medium">
                      {m.title || "Set meeting"}: {formatMeetingWhen(m.startsAt, m.endsAt)}
                    </Link>
                    {m.location ? <span className="block text-sm text-slate-700">{m.location}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="text-lg font-semibold">Past</h3>
              {past.length === 0 ? <p className="mt-1 text-sm text-slate-700">No past meetings.</p> : null}
              <ul className="mt-2 space-y-2">
                {past.map((m) => (
                  <li key={m.id}>
                    <Link to={meetingLink(m.id)} className="font-medium">
                      {m.title || "Set meeting"}: {formatMeetingWhen(m.startsAt, m.endsAt)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {set.isParticipant ? (
          <div className="mt-6">
            <h3 className="text-lg font-semibold">Logs shared with this set</h3>
            {setLogs.length === 0 ? (
              <p className="mt-1 text-sm text-slate-700">No logs have been shared with this set.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {setLogs.map((log) => (
                  <li key={log.id}>
                    <Link to={`/w/${slug}/logs/${log.id}`}>{log.title}</Link>
                    <span className="text-sm text-slate-700"> · updated {formatDateTime(log.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
        {canFacilitate ? (
          <EditOnDemand label="Schedule a meeting" open={actionData?.intent === "schedule-meeting"} className="mt-6 max-w-3xl">
            <div className="card">
              <MeetingForm
                id="schedule-meeting"
                intent="schedule-meeting"
                lastResult={actionData?.intent === "schedule-meeting" ? actionData.result : undefined}
                defaults={meetingDefaults}
                submitLabel="Schedule meeting"
              />
            </div>
          </EditOnDemand>
        ) : null}
      </section>

      {canManage ? (
        <section className="mt-10 max-w-3xl" aria-label="Change this set">
          <EditOnDemand label="Change this set" open={actionData?.intent === "update"}>
            <div className="card">
              <SetForm
              id="edit-set"
              intent="update"
              lastResult={actionData?.intent === "update" ? actionData.result : undefined}
              people={people}
              inquiries={inquiries}
              defaults={{
                name: set.name,
                facilitatorId: set.facilitatorId ?? "",
                memberIds: set.members.map((m) => m.id),
                inquiryIds: set.focus.map((f) => f.id),
                groundRules: set.groundRules,
                rhythm: set.rhythm,
                slotMinutes: String(set.slotMinutes),
              }}
              submitLabel="Save set"
              />
            </div>
          </EditOnDemand>
        </section>
      ) : null}
    </main>
  );
}
