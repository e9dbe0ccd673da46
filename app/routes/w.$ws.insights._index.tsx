import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { BarrierLevelBadge, InsightKindBadge } from "../components/insights/insight-badges";
import { InsightForm } from "../components/insights/insight-form";
import { CardOnDemand } from "../components/learning/edit-on-demand";
import { Pager } from "../components/pager";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { INSIGHT_KINDS, INSIGHT_STATUSES, KIND_LABELS, STATUS_LABELS, type InsightKind, type InsightStatus } from "../models/insight/insight.constants";
import { canEditInsights } from "../models/insight/insight.policy";
import { excerptRequestSchema, insightCreateSchema, insightFilterSchema } from "../models/insight/insight.schema";
import { createInsight, excerptPermission, linkExcerpt, listInsightBoardPage } from "../models/insight/insight.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Insights — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "insight:read");
  const filter = insightFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const inquiries = await listInquiryOptions(workspace.id);
  const inquiry = filter.inquiry ? (inquiries.find((i) => i.id === filter.inquiry) ?? null) : null;
  const board = await listInsightBoardPage({ workspaceId: workspace.id, kind: filter.kind, status: filter.status, inquiryId: inquiry?.id, page: filter.page });
  return { slug: workspace.slug, canEdit: canEditInsights(role), inquiries, inquiry, kind: filter.kind ?? null, status: filter.status ?? null, ...board };
}

/**
 * Three forms post here: the page's "Record an insight", and the log editor's "Create insight"
 * and "Link to insight" dialogs (which answer with the insight's id so the editor can set the mark).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "insight:edit");
  const formData = await request.formData();
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  if (formData.get("intent") === "create-from-excerpt" || formData.get("intent") === "link-excerpt") {
    const submission = parseWithZod(formData, { schema: excerptRequestSchema });
    if (submission.status !== "success") return data({ target: "excerpt" as const, result: submission.reply(), insightId: null }, { status: 400 });
    const input = submission.value;
    const permission = await excerptPermission({ workspaceId: access.workspace.id, userId: access.user.id, role: access.role, logId: input.logId });
    if (!permission) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId: input.logId });
    if (permission !== "edit") throw await denyAccess(access, request, 403, { reason: "log-not-editable", logId: input.logId });
    if (input.intent === "link-excerpt") {
      const linked = await linkExcerpt(actor, access.workspace.id, { insightId: input.insightId, logId: input.logId, quote: input.quote });
      if (!linked) return data({ target: "excerpt" as const, result: submission.reply({ fieldErrors: { insightId: ["Choose an insight of this workspace"] } }), insightId: null }, { status: 400 });
      return data({ target: "excerpt" as const, result: submission.reply({ resetForm: true }), insightId: input.insightId });
    }
    const { id } = await createInsight(actor, access.workspace.id, input, { excerpt: { logId: input.logId, quote: input.quote } });
    return data({ target: "excerpt" as const, result: submission.reply({ resetForm: true }), insightId: id });
  }
  const submission = parseWithZod(formData, { schema: insightCreateSchema });
  if (submission.status !== "success") return data({ target: "create" as const, result: submission.reply(), insightId: null }, { status: 400 });
  try {
    const { id } = await createInsight(actor, access.workspace.id, submission.value, { inquiryId: submission.value.inquiryId });
    return redirectWithFlash(`/w/${access.workspace.slug}/insights/${id}`, { kind: "success", message: "Insight recorded" });
  } catch (error) {
    if (error instanceof InputError) return data({ target: "create" as const, result: submission.reply(replyOptions(error)), insightId: null }, { status: 400 });
    throw error;
  }
}

type BoardQuery = { inquiry: string | null; kind: string | null; status: string | null; page?: number };

/** The board's address for a filter and page (page 1 and empty filters are left out). */
function boardHref(slug: string, query: BoardQuery): string {
  const params = new URLSearchParams();
  if (query.inquiry) params.set("inquiry", query.inquiry);
  if (query.kind) params.set("kind", query.kind);
  if (query.status) params.set("status", query.status);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/w/${slug}/insights${search ? `?${search}` : ""}`;
}

function describeTotal(total: number, kind: InsightKind | null, status: InsightStatus | null): string {
  if (total === 0) return "No insights match.";
  const what = [kind ? `of the kind ${KIND_LABELS[kind].toLowerCase()}` : null, status ? `with the status ${STATUS_LABELS[status].toLowerCase()}` : null].filter(Boolean).join(" ");
  return `${total.toLocaleString("en-GB")} ${total === 1 ? "insight" : "insights"}${what ? ` ${what}` : ""}.`;
}

function FilterSelect({ name, label, all, value, options }: { name: string; label: string; all: string; value: string | null; options: Array<{ value: string; label: string }> }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} className="input" defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function InsightsPage() {
  const { slug, canEdit, inquiries, inquiry, kind, status, insights, byStatus, total, page, pageCount, pageSize } = useLoaderData<typeof loader>();
  const query: BoardQuery = { inquiry: inquiry?.id ?? null, kind, status };
  const columns = status ? [status] : INSIGHT_STATUSES;
  const first = (page - 1) * pageSize + 1;
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">{inquiry ? "Insight board" : "Insights"}</h1>
      {inquiry ? (
        <p className="mt-2 max-w-3xl text-slate-700">
          For the inquiry <Link to={`/w/${slug}/inquiries/${inquiry.id}`}>{inquiry.question}</Link>
        </p>
      ) : (
        <p className="mt-2 max-w-3xl text-slate-700">What the board has learned from its logs, with the evidence behind each insight. Choose an inquiry to see its board.</p>
      )}
      <p className="mt-2 text-sm">
        <Link to={`/w/${slug}/barriers`}>Barrier register</Link>
      </p>
      {canEdit ? (
        // Open by itself when the server refused a submission, so its error summary shows.
        <CardOnDemand label="Record an insight" open={actionData?.target === "create"} className="mt-4 max-w-3xl" title="Record an insight" titleId="new-insight-title" intro="To quote a log, select the words in the log and choose “Insight” in its toolbar.">
          <InsightForm
            id="new-insight"
            intent="create"
            lastResult={actionData?.target === "create" ? actionData.result : undefined}
            inquiries={inquiries}
            defaults={{ statement: "", kind: kind ?? "finding", status: "emerging", confidence: "low", barrierLevel: "", relayedTo: "", inquiryId: inquiry?.id ?? "" }}
            submitLabel="Record insight"
          />
        </CardOnDemand>
      ) : null}

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-4" aria-label="Filter insights">
        <FilterSelect name="inquiry" label="Inquiry" all="All inquiries" value={inquiry?.id ?? null} options={inquiries.map((i) => ({ value: i.id, label: i.question }))} />
        <FilterSelect name="kind" label="Kind" all="All kinds" value={kind} options={INSIGHT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
        <FilterSelect name="status" label="Status" all="All statuses" value={status} options={INSIGHT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </Form>

      <p className="mt-4 text-sm text-slate-700" aria-live="polite">
        {describeTotal(total, kind, status)}
        {pageCount > 1 ? ` Showing ${first.toLocaleString("en-GB")}–${(first + insights.length - 1).toLocaleString("en-GB")}, most recently changed first.` : null}
      </p>
      <div className={`mt-3 grid gap-4 ${columns.length > 1 ? "md:grid-cols-2 xl:grid-cols-4" : ""}`}>
        {columns.map((s) => {
          const column = insights.filter((i) => i.status === s);
          return (
            <section key={s} aria-labelledby={`column-${s}`} className="rounded-md bg-slate-100 p-3">
              <h2 id={`column-${s}`} className="text-base font-bold">
                {STATUS_LABELS[s]} ({byStatus[s].toLocaleString("en-GB")})
              </h2>
              {pageCount > 1 && !status && byStatus[s] > 0 ? (
                <p className="mt-1 text-sm text-slate-700">
                  {column.length.toLocaleString("en-GB")} on this page ·{" "}
                  <Link to={boardHref(slug, { ...query, status: s })}>Only {STATUS_LABELS[s].toLowerCase()}</Link>
                </p>
              ) : null}
              {column.length === 0 ? <p className="mt-2 text-sm text-slate-700">None{byStatus[s] > 0 ? " on this page" : ""}.</p> : null}
              <ul className="mt-2 space-y-2">
                {column.map((i) => (
                  <li key={i.id} className="card p-3">
                    <Link to={`/w/${slug}/insights/${i.id}`} className="font-medium">
                      {i.statement}
                    </Link>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
                      <InsightKindBadge kind={i.kind} />
                      {i.barrierLevel ? <BarrierLevelBadge level={i.barrierLevel} /> : null}
                      <span>
                        {i.excerpts} {i.excerpts === 1 ? "excerpt" : "excerpts"} · {i.evidence} {i.evidence === 1 ? "piece" : "pieces"} of evidence
                      </span>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <Pager page={page} pageCount={pageCount} hrefFor={(n) => boardHref(slug, { ...query, page: n })} label="Insight pages" />

    </main>
  );
}
