import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { InquiryStatusBadge } from "../components/learning/badges";
import { CardOnDemand } from "../components/learning/edit-on-demand";
import { formatActionCounts } from "../components/learning/format";
import { InquiryForm } from "../components/learning/inquiry-form";
import { countReadableLogsByInquiry } from "../models/inquiry/inquiry-trail.server";
import { canManageInquiries } from "../models/inquiry/inquiry.policy";
import { inquiriesActionSchema } from "../models/inquiry/inquiry.schema";
import { createInquiry, listInquiries, moveInquiry } from "../models/inquiry/inquiry.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { listWorkspacePeople } from "../models/set/set.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Inquiry questions — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "inquiry:read");
  const { workspace, user, role } = access;
  const [inquiries, logCounts, people] = await Promise.all([
    listInquiries({ workspaceId: workspace.id, userId: user.id }),
    countReadableLogsByInquiry({ workspaceId: workspace.id, userId: user.id }),
    canManageInquiries(role) ? listWorkspacePeople(workspace.id) : Promise.resolve([]),
  ]);
  return {
    slug: workspace.slug,
    canManage: canManageInquiries(role),
    inquiries: inquiries.map((i) => ({ ...i, logCount: logCounts.get(i.id) ?? 0 })),
    people: people.map(({ id, displayName }) => ({ id, displayName })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "inquiry:manage");
  const submission = parseWithZod(await request.formData(), { schema: inquiriesActionSchema });
  if (submission.status !== "success") {
    // A refused reorder must not unfold the "Start an inquiry" form.
    const intent = submission.payload.intent === "move" ? "move" : "create";
    return data({ intent, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const base = `/w/${access.workspace.slug}/inquiries`;
  const input = submission.value;
  if (input.intent === "move") {
    const moved = await moveInquiry(actor, access.workspace.id, input.inquiryId, input.direction);
    if (!moved) throw await denyAccess(access, request, 404, { reason: "inquiry-not-in-workspace", inquiryId: input.inquiryId });
    return redirectWithFlash(`${base}#inquiry-${input.inquiryId}`, { kind: "success", message: `Inquiry moved ${input.direction}` });
  }
  try {
    const { id } = await createInquiry(actor, access.workspace.id, input);
    return redirectWithFlash(`${base}#inquiry-${id}`, { kind: "success", message: "Inquiry question added" });
  } catch (error) {
    if (error instanceof InputError) return data({ intent: "create", result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function InquiriesPage() {
  const { slug, canManage, inquiries, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const groups = new Map<string, typeof inquiries>();
  for (const inquiry of inquiries) {
    const key = inquiry.phase || "No phase or cycle";
    groups.set(key, [...(groups.get(key) ?? []), inquiry]);
  }
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Inquiry questions</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        The board&apos;s action inquiry questions, in the board&apos;s order. Each question&apos;s page is its learning trail: the logs, sets,
        actions and decisions that bear on it.
      </p>
      {canManage ? (
        // Keyed by the count so the form folds away again once an inquiry has been added.
        <CardOnDemand key={inquiries.length} label="Start an inquiry" open={actionData?.intent === "create"} className="mt-6 max-w-3xl" title="Add an inquiry question" titleId="new-inquiry-title">
          <InquiryForm
            id="new-inquiry"
            intent="create"
            lastResult={actionData?.intent === "create" ? actionData.result : undefined}
            people={people}
            defaults={{ question: "", rationale: "", phase: inquiries.at(-1)?.phase ?? "", status: "open", ownerId: "" }}
            submitLabel="Add inquiry question"
          />
        </CardOnDemand>
      ) : null}
      {inquiries.length === 0 ? <p className="mt-6">No inquiry questions yet.</p> : null}
      {[...groups.entries()].map(([phase, items]) => (
        <section key={phase} className="mt-8" aria-labelledby={`phase-${items[0].id}`}>
          <h2 id={`phase-${items[0].id}`} className="text-xl font-bold">
            {phase}
          </h2>
          <ol className="mt-3 space-y-3">
            {items.map((inquiry) => {
              const index = inquiries.findIndex((i) => i.id === inquiry.id);
              return (
                <li key={inquiry.id} id={`inquiry-${inquiry.id}`} className="card">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 flex-1">
                      <h3 className="text-lg font-semibold">
                        <Link to={`/w/${slug}/inquiries/${inquiry.id}`}>{inquiry.question}</Link>
                      </h3>
                      <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-700">
                        <InquiryStatusBadge status={inquiry.status} />
                        <span>Owner: {inquiry.ownerName ?? "none"}</span>
                        <span>
                          {inquiry.logCount} {inquiry.logCount === 1 ? "log" : "logs"}
                        </span>
                        <span>{formatActionCounts(inquiry)}</span>
                      </p>
                      {inquiry.rationale ? <p className="mt-2 text-sm text-slate-700">{inquiry.rationale}</p> : null}
                    </div>
                    {canManage ? (
                      <div className="flex gap-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="inquiryId" value={inquiry.id} />
                          <input type="hidden" name="direction" value="up" />
                          <button type="submit" className="btn-secondary" disabled={index === 0} aria-label={`Move up: ${inquiry.question}`}>
                            <span aria-hidden="true">↑</span> Up
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="inquiryId" value={inquiry.id} />
                          <input type="hidden" name="direction" value="down" />
                          <button
                            type="submit"
                            className="btn-secondary"
                            disabled={index === inquiries.length - 1}
                            aria-label={`Move down: ${inquiry.question}`}
                          >
                            <span aria-hidden="true">↓</span> Down
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </main>
  );
}
