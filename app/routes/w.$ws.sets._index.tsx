import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CardOnDemand } from "../components/learning/edit-on-demand";
import { formatDateTime } from "../components/learning/format";
import { WarningIcon } from "../components/learning/icons";
import { SetForm } from "../components/learning/set-form";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { canManageSets, DEFAULT_GROUND_RULES, setSizeWarning } from "../models/set/set.policy";
import { setCreateSchema } from "../models/set/set.schema";
import { createSet, listSets, listWorkspacePeople } from "../models/set/set.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Action learning sets — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(request, params.ws, "set:read");
  const canManage = canManageSets(role);
  const [sets, people, inquiries] = await Promise.all([
    listSets({ workspaceId: workspace.id, userId: user.id }),
    canManage ? listWorkspacePeople(workspace.id) : Promise.resolve([]),
    canManage ? listInquiryOptions(workspace.id) : Promise.resolve([]),
  ]);
  return {
    slug: workspace.slug,
    canManage,
    userId: user.id,
    sets: sets.map((s) => ({ ...s, sizeWarning: setSizeWarning(s.members.length) })),
    people: people.map(({ id, displayName }) => ({ id, displayName })),
    inquiries,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:manage");
  const submission = parseWithZod(await request.formData(), { schema: setCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { id } = await createSet({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, submission.value);
    return redirectWithFlash(`/w/${access.workspace.slug}/sets/${id}`, { kind: "success", message: `Learning set “${submission.value.name}” created` });
  } catch (error) {
    if (error instanceof InputError) return data(submission.reply(replyOptions(error)), { status: 400 });
    throw error;
  }
}

export default function SetsPage() {
  const { slug, canManage, userId, sets, people, inquiries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Action learning sets</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        A facilitator and four to eight members who meet, bring real problems, ask questions and commit to actions. What is said in a set stays in
        the set: its meetings, notes and actions are open to its participants only.
      </p>
      {canManage ? (
        <CardOnDemand label="Create a set" open={Boolean(lastResult)} className="mt-6 max-w-3xl" title="Create a learning set" titleId="new-set-title">
          <SetForm
            id="new-set"
            intent="create"
            lastResult={lastResult}
            people={people}
            inquiries={inquiries}
            defaults={{ name: "", facilitatorId: userId, memberIds: [], inquiryIds: [], groundRules: DEFAULT_GROUND_RULES, rhythm: "", slotMinutes: "30" }}
            submitLabel="Create learning set"
          />
        </CardOnDemand>
      ) : null}
      {sets.length === 0 ? <p className="mt-6">No learning sets yet.</p> : null}
      <ul className="mt-6 grid gap-4 md:grid-cols-2">
        {sets.map((s) => (
          <li key={s.id} className="card">
            <h2 className="text-lg font-semibold">
              <Link to={`/w/${slug}/sets/${s.id}`}>{s.name}</Link>
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              Facilitator: {s.facilitatorName ?? "none"}
              {s.facilitatorId === userId ? " (you)" : ""}
            </p>
            <p className="mt-1 text-sm text-slate-700">
              {s.members.length} {s.members.length === 1 ? "member" : "members"}: {s.members.map((m) => m.displayName).join(", ") || "none yet"}
            </p>
            {s.sizeWarning ? (
              <p className="mt-2 text-sm font-semibold text-amber-900">
                <WarningIcon className="mr-1" />
                {s.sizeWarning}
              </p>
            ) : null}
            {s.rhythm ? <p className="mt-1 text-sm text-slate-700">Meets: {s.rhythm}</p> : null}
            {s.isParticipant ? (
              <p className="mt-2 text-sm">
                <span className="badge">You take part</span>{" "}
                {s.nextMeetingAt ? `Next meeting: ${formatDateTime(s.nextMeetingAt)}` : "No meeting scheduled"}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
