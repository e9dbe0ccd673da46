import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { DecisionForm } from "../components/learning/decision-form";
import { formatDay } from "../components/learning/format";
import { ClockIcon } from "../components/learning/icons";
import { canManageDecisions, isDueForReview } from "../models/decision/decision.policy";
import { decisionsActionSchema } from "../models/decision/decision.schema";
import { createDecision, listDecisions, updateDecision } from "../models/decision/decision.server";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { utcDayToInput } from "../models/meeting/london-time";
import { InputError, replyOptions } from "../models/set/input-error";
import { listWorkspacePeople } from "../models/set/set.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Board decisions — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "decision:read");
  const canManage = canManageDecisions(role);
  const [decisions, people, inquiries] = await Promise.all([
    listDecisions(workspace.id),
    canManage ? listWorkspacePeople(workspace.id) : Promise.resolve([]),
    canManage ? listInquiryOptions(workspace.id) : Promise.resolve([]),
  ]);
  const now = Date.now();
  return {
    slug: workspace.slug,
    canManage,
    today: utcDayToInput(now),
    decisions: decisions.map((d) => ({ ...d, dueForReview: isDueForReview(d.reviewOn, now) })),
    people: people.map(({ id, displayName }) => ({ id, displayName })),
    inquiries,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "decision:manage");
  const submission = parseWithZod(await request.formData(), { schema: decisionsActionSchema });
  if (submission.status !== "success") return data({ target: "new", result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const target = input.intent === "update" ? input.decisionId : "new";
  try {
    if (input.intent === "update") {
      const updated = await updateDecision(actor, access.workspace.id, input.decisionId, input);
      if (!updated) throw await denyAccess(access, request, 404, { reason: "decision-not-found", decisionId: input.decisionId });
      return redirectWithFlash(`/w/${access.workspace.slug}/decisions#decision-${input.decisionId}`, { kind: "success", message: "Decision saved" });
    }
    const { id } = await createDecision(actor, access.workspace.id, input);
    return redirectWithFlash(`/w/${access.workspace.slug}/decisions#decision-${id}`, { kind: "success", message: "Decision recorded" });
  } catch (error) {
    if (error instanceof InputError) return data({ target, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function DecisionsPage() {
  const { slug, canManage, today, decisions, people, inquiries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Board decisions</h1>
      <p className="mt-2 max-w-3xl text-slate-700">What the board decided, why, who owns it, and when it will look at it again.</p>
      {decisions.length === 0 ? <p className="mt-6">No decisions recorded yet.</p> : null}
      <ul className="mt-6 space-y-4">
        {decisions.map((d) => (
          <li key={d.id} id={`decision-${d.id}`} className="card">
            <h2 className="text-lg font-semibold">{d.decision}</h2>
            <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-700">
              <span>Decided {formatDay(d.decidedOn)}</span>
              <span>Owner: {d.ownerName ?? "none"}</span>
              <span>Review: {d.reviewOn ? formatDay(d.reviewOn) : "not set"}</span>
              {d.dueForReview ? (
                <span className="badge gap-1 border border-amber-800 bg-amber-50 text-amber-900">
                  <ClockIcon />
                  Due for review
                </span>
              ) : null}
            </p>
            {d.rationale ? <p className="mt-2 whitespace-pre-line text-sm">{d.rationale}</p> : null}
            {d.inquiries.length ? (
              <div className="mt-2 text-sm">
                <span className="font-semibold">Linked inquiries:</span>
                <ul className="list-disc pl-5">
                  {d.inquiries.map((i) => (
                    <li key={i.id}>
                      <Link to={`/w/${slug}/inquiries/${i.id}`}>{i.question}</Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {canManage ? (
              <details className="mt-3" open={actionData?.target === d.id}>
                <summary className="cursor-pointer text-sm font-semibold">Edit this decision</summary>
                <div className="mt-3">
                  <DecisionForm
                    id={`edit-decision-${d.id}`}
                    decisionId={d.id}
                    lastResult={actionData?.target === d.id ? actionData.result : undefined}
                    people={people}
                    inquiries={inquiries}
                    defaults={{
                      decision: d.decision,
                      rationale: d.rationale,
                      ownerId: d.ownerId ?? "",
                      decidedOn: utcDayToInput(d.decidedOn),
                      reviewOn: d.reviewOn ? utcDayToInput(d.reviewOn) : "",
                      inquiryIds: d.inquiries.map((i) => i.id),
                    }}
                    submitLabel="Save decision"
                  />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <section className="mt-10 max-w-3xl" aria-labelledby="new-decision-title">
          <h2 id="new-decision-title" className="text-xl font-bold">
            Record a decision
          </h2>
          <div className="card mt-3">
            <DecisionForm
              id="new-decision"
              lastResult={actionData?.target === "new" ? actionData.result : undefined}
              people={people}
              inquiries={inquiries}
              defaults={{ decision: "", rationale: "", ownerId: "", decidedOn: today, reviewOn: "", inquiryIds: [] }}
              submitLabel="Record decision"
            />
          </div>
        </section>
      ) : null}
    </main>
  );
}
