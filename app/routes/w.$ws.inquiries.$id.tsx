import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { InquiryTrailInsights } from "../components/insights/inquiry-trail-insights";
import { ActionList } from "../components/learning/action-list";
import { InquiryStatusBadge } from "../components/learning/badges";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDateTime, formatDay, formatHiddenActions } from "../components/learning/format";
import { InquiryForm } from "../components/learning/inquiry-form";
import { listActionsForInquiry } from "../models/action/action.server";
import { listDecisionsForInquiry } from "../models/decision/decision.server";
import { listIndicatorTrends } from "../models/indicator/indicator-export.server";
import { listReadableLogsForInquiry } from "../models/inquiry/inquiry-trail.server";
import { canManageInquiries } from "../models/inquiry/inquiry.policy";
import { inquiryUpdateSchema } from "../models/inquiry/inquiry.schema";
import { countHiddenActionsForInquiry, getInquiry, updateInquiry } from "../models/inquiry/inquiry.server";
import { listInsightTrail } from "../models/insight/insight.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { listSetsForInquiry, listWorkspacePeople } from "../models/set/set.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.inquiry.question ?? "Inquiry"} — Praxis` }];

const VISIBILITY_LABELS = { private: "Private", set: "Set only", workspace: "Workspace" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "inquiry:read");
  const { workspace, user, role } = access;
  const inquiry = await getInquiry({ workspaceId: workspace.id, inquiryId: params.id ?? "" });
  if (!inquiry) throw await denyAccess(access, request, 404, { reason: "inquiry-not-found", inquiryId: params.id });
  const [logs, sets, actions, hiddenActionCount, decisions, people, insights] = await Promise.all([
    listReadableLogsForInquiry({ workspaceId: workspace.id, userId: user.id, inquiryId: inquiry.id }),
    listSetsForInquiry({ workspaceId: workspace.id, inquiryId: inquiry.id, userId: user.id }),
    listActionsForInquiry({ workspaceId: workspace.id, inquiryId: inquiry.id, userId: user.id }),
    countHiddenActionsForInquiry({ workspaceId: workspace.id, inquiryId: inquiry.id, userId: user.id }),
    listDecisionsForInquiry(workspace.id, inquiry.id),
    canManageInquiries(role) ? listWorkspacePeople(workspace.id) : Promise.resolve([]),
    listInsightTrail({ workspaceId: workspace.id, userId: user.id, inquiryId: inquiry.id, ipAddress: getClientIp(request) }),
  ]);
  return {
    slug: workspace.slug,
    inquiry,
    canManage: canManageInquiries(role),
    logs,
    sets: sets.map((s) => ({ ...s, isParticipant: Boolean(s.isParticipant) })),
    actions,
    hiddenActionCount,
    decisions,
    people: people.map(({ id, displayName }) => ({ id, displayName })),
    insights,
    trends: await listIndicatorTrends(workspace.id, [...new Set(insights.flatMap((i) => i.links.indicator.items.map((t) => t.id)))]),
    now: Date.now(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "inquiry:manage");
  const inquiry = await getInquiry({ workspaceId: access.workspace.id, inquiryId: params.id ?? "" });
  if (!inquiry) throw await denyAccess(access, request, 404, { reason: "inquiry-not-found", inquiryId: params.id });
  const submission = parseWithZod(await request.formData(), { schema: inquiryUpdateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await updateInquiry({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, inquiry.id, submission.value);
  } catch (error) {
    if (error instanceof InputError) return data(submission.reply(replyOptions(error)), { status: 400 });
    throw error;
  }
  return redirectWithFlash(`/w/${access.workspace.slug}/inquiries/${inquiry.id}`, { kind: "success", message: "Inquiry question saved" });
}

export default function InquiryTrailPage() {
  const { slug, inquiry, canManage, logs, sets, actions, hiddenActionCount, decisions, people, insights, trends, now } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/inquiries`}>All inquiry questions</Link>
      </p>
      <h1 className="page-title max-w-4xl">{inquiry.question}</h1>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex items-center gap-2">
          <dt className="font-semibold">Status</dt>
          <dd>
            <InquiryStatusBadge status={inquiry.status} />
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-semibold">Phase or cycle</dt>
          <dd>{inquiry.phase || "None"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-semibold">Owner</dt>
          <dd>{inquiry.ownerName ?? "None"}</dd>
        </div>
      </dl>
      {inquiry.rationale ? (
        <section className="mt-4 max-w-3xl" aria-labelledby="rationale-title">
          <h2 id="rationale-title" className="text-lg font-bold">
            Rationale
          </h2>
          <p className="mt-1 whitespace-pre-line text-slate-800">{inquiry.rationale}</p>
        </section>
      ) : null}

      <h2 className="mt-8 text-xl font-bold">Learning trail</h2>
      <p className="mt-1 text-sm text-slate-700">From the question to the logs, the insights drawn from them, the evidence behind those, the actions and decisions taken, and the outcome indicators watched.</p>
      <div className="mt-3 grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="trail-logs">
          <h3 id="trail-logs" className="text-lg font-semibold">
            Learning logs ({logs.total})
          </h3>
          {logs.items.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No logs you can read are linked to this question.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {logs.items.map((log) => (
                <li key={log.id}>
                  <Link to={`/w/${slug}/logs/${log.id}`} className="font-medium">
                    {log.title}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    {VISIBILITY_LABELS[log.visibility]}
                    {log.setName ? ` · ${log.setName}` : ""} · {log.authors.map((a) => a.displayName).join(", ") || "No authors"} · updated{" "}
                    {formatDateTime(log.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="trail-sets">
          <h3 id="trail-sets" className="text-lg font-semibold">
            Learning sets working on it ({sets.length})
          </h3>
          {sets.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No set has taken this question as a focus.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {sets.map((s) => (
                <li key={s.id}>
                  <Link to={`/w/${slug}/sets/${s.id}`} className="font-medium">
                    {s.name}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    Facilitator: {s.facilitatorName ?? "none"}
                    {s.isParticipant ? " · you take part" : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <InquiryTrailInsights slug={slug} inquiryId={inquiry.id} insights={insights} part="insights" />
        <InquiryTrailInsights slug={slug} inquiryId={inquiry.id} insights={insights} part="evidence" />
        <section className="card" aria-labelledby="trail-actions">
          <h3 id="trail-actions" className="text-lg font-semibold">
            Actions ({actions.length})
          </h3>
          <p className="mt-1 text-sm text-slate-700">
            Actions committed in a set are shown only to the set&apos;s participants and to their owners.
            {hiddenActionCount > 0 ? <strong className="block">Not shown: {formatHiddenActions(hiddenActionCount)}.</strong> : null}
          </p>
          {actions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No actions you can see are linked to this question.</p>
          ) : (
            <div className="mt-2">
              <ActionList slug={slug} actions={actions} now={now} showInquiry={false} />
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="trail-decisions">
          <h3 id="trail-decisions" className="text-lg font-semibold">
            Board decisions ({decisions.length})
          </h3>
          {decisions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">The board has not recorded a decision on this question.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {decisions.map((d) => (
                <li key={d.id}>
                  <Link to={`/w/${slug}/decisions#decision-${d.id}`} className="font-medium">
                    {d.decision}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    Decided {formatDay(d.decidedOn)}
                    {d.reviewOn ? ` · review ${formatDay(d.reviewOn)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <InquiryTrailInsights slug={slug} inquiryId={inquiry.id} insights={insights} part="indicators" trends={trends} />
      </div>

      {canManage ? (
        <section className="mt-10 max-w-3xl" aria-label="Change this question">
          <EditOnDemand label="Change this question" open={Boolean(lastResult)}>
            <div className="card">
              <InquiryForm
              id="edit-inquiry"
              intent="update"
              lastResult={lastResult}
              people={people}
              defaults={{ question: inquiry.question, rationale: inquiry.rationale, phase: inquiry.phase, status: inquiry.status, ownerId: inquiry.ownerId ?? "" }}
              submitLabel="Save changes"
              />
            </div>
          </EditOnDemand>
        </section>
      ) : null}
    </main>
  );
}
