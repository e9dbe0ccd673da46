import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { ActionStatusBadge, OverdueBadge } from "../components/learning/badges";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDay } from "../components/learning/format";
import { ReportHistory } from "../components/learning/meeting-record";
import { ACTION_STATUS_LABELS } from "../models/action/action.constants";
import { canUpdateAction, isOverdue } from "../models/action/action.policy";
import { ACTION_TABS, actionReportSchema, type ActionTab } from "../models/action/action.schema";
import { getVisibleAction, listActions, listReports, reportOnAction } from "../models/action/action.server";
import { REPORT_OUTCOME_LABELS, REPORT_OUTCOMES } from "../models/meeting/meeting.constants";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Actions — Praxis" }];

const TAB_LABELS: Record<ActionTab, string> = { mine: "My actions", sets: "My sets", workspace: "Workspace" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(request, params.ws, "action:read");
  const requested = new URL(request.url).searchParams.get("tab");
  const chosen = (ACTION_TABS as readonly string[]).includes(requested ?? "") ? (requested as ActionTab) : null;
  // Without a chosen tab the page opens on the first tab that has something (a facilitator owns few actions; their sets have many).
  let tab: ActionTab = chosen ?? "mine";
  let actions = await listActions({ workspaceId: workspace.id, userId: user.id, tab });
  for (const next of chosen ? [] : (["sets", "workspace"] as const)) {
    if (actions.length > 0) break;
    tab = next;
    actions = await listActions({ workspaceId: workspace.id, userId: user.id, tab });
  }
  const reports = await listReports(actions.map((a) => a.id));
  return {
    slug: workspace.slug,
    tab,
    now: Date.now(),
    actions: actions.map((a) => ({
      ...a,
      canUpdate: canUpdateAction(role, user.id, a),
      reports: reports.filter((r) => r.actionId === a.id),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "action:update");
  const submission = parseWithZod(await request.formData(), { schema: actionReportSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const found = await getVisibleAction({ workspaceId: access.workspace.id, actionId: submission.value.actionId, userId: access.user.id });
  if (!found) throw await denyAccess(access, request, 404, { reason: "action-not-visible", actionId: submission.value.actionId });
  if (!canUpdateAction(access.role, access.user.id, found)) {
    throw await denyAccess(access, request, 403, { reason: "not-owner-or-facilitator", actionId: found.id });
  }
  await reportOnAction(
    { userId: access.user.id, ipAddress: getClientIp(request) },
    { workspaceId: access.workspace.id, actionId: found.id, outcome: submission.value.outcome, reflection: submission.value.reflection },
  );
  const tab = new URL(request.url).searchParams.get("tab") ?? "mine";
  return redirectWithFlash(`/w/${access.workspace.slug}/actions?tab=${encodeURIComponent(tab)}#action-${found.id}`, { kind: "success", message: "Report-back recorded" });
}

export default function ActionsPage() {
  const { slug, tab, now, actions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const errors = lastResult ? Object.values(lastResult.error ?? {}).flatMap((v) => v ?? []).map((message) => ({ message })) : [];
  const failed = lastResult?.initialValue?.actionId;
  const failedActionId = typeof failed === "string" ? failed : null;
  const groups = (["open", "partly", "done"] as const).map((status) => ({ status, items: actions.filter((a) => a.status === status) }));
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Actions</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        The actions committed in learning sets, with their report-backs. An action committed in a set is seen only by the set&apos;s participants and its
        owner.
      </p>
      <nav aria-label="Which actions" className="mt-4 border-b border-slate-300">
        <ul className="flex flex-wrap gap-1">
          {(Object.keys(TAB_LABELS) as ActionTab[]).map((t) => (
            <li key={t}>
              <Link
                to={`?tab=${t}`}
                aria-current={t === tab ? "page" : undefined}
                className={`inline-block border-b-4 px-3 py-2 text-sm font-semibold no-underline ${t === tab ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700"}`}
              >
                {TAB_LABELS[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary id="action-errors" errors={errors} />
      {actions.length === 0 ? <p className="mt-6">No actions here.</p> : null}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.status} className="mt-8" aria-labelledby={`status-${g.status}`}>
            <h2 id={`status-${g.status}`} className="text-xl font-bold">
              {ACTION_STATUS_LABELS[g.status]} ({g.items.length})
            </h2>
            <ul className="mt-3 space-y-3">
              {g.items.map((a) => {
                const overdue = isOverdue(a, now);
                return (
                  <li key={a.id} id={`action-${a.id}`} className={`card ${overdue ? "border-l-8 border-l-red-800" : ""}`}>
                    <h3 className="font-semibold">{a.description}</h3>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                      <ActionStatusBadge status={a.status} />
                      {overdue ? <OverdueBadge /> : null}
                      <span>Owner: {a.ownerName}</span>
                      <span>Due: {formatDay(a.dueOn)}</span>
                      {a.setId && a.setName ? (
                        <span>
                          Set: <Link to={`/w/${slug}/sets/${a.setId}`}>{a.setName}</Link>
                        </span>
                      ) : null}
                      {a.inquiryId && a.inquiryQuestion ? (
                        <span>
                          Inquiry: <Link to={`/w/${slug}/inquiries/${a.inquiryId}`}>{a.inquiryQuestion}</Link>
                        </span>
                      ) : null}
                    </p>
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm font-semibold">Report-back history ({a.reports.length})</summary>
                      <div className="mt-2">
                        <ReportHistory reports={a.reports} />
                      </div>
                    </details>
                    {a.canUpdate ? (
                      <EditOnDemand
                        key={`report-${a.reports.length}`}
                        label={a.status === "done" ? "Change its status" : "Report back on this action"}
                        open={failedActionId === a.id}
                        className="mt-3 border-t border-slate-200 pt-3"
                      >
                      <Form method="post" action={`?tab=${tab}`} preventScrollReset>
                        <input type="hidden" name="intent" value="report" />
                        <input type="hidden" name="actionId" value={a.id} />
                        <fieldset>
                          <legend className="label">Update: how is it going?</legend>
                          <div className="flex flex-wrap gap-4 text-sm">
                            {REPORT_OUTCOMES.map((o) => (
                              <label key={o} className="flex items-center gap-1">
                                <input type="radio" name="outcome" value={o} required />
                                {REPORT_OUTCOME_LABELS[o]}
                              </label>
                            ))}
                          </div>
                        </fieldset>
                        <label className="label mt-2" htmlFor={`note-${a.id}`}>
                          Report-back note (optional)
                        </label>
                        <textarea id={`note-${a.id}`} name="reflection" className="input" rows={2} maxLength={2000} />
                        <button type="submit" className="btn-primary mt-2">
                          Save report-back
                        </button>
                      </Form>
                      </EditOnDemand>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </main>
  );
}
