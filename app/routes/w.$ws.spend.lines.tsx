import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { ErrorSummary } from "../components/forms";
import { CardOnDemand, EditOnDemand } from "../components/learning/edit-on-demand";
import { Pager } from "../components/pager";
import { SpendFilters, filterQuery } from "../components/spend/spend-filters";
import { SpendLineForm } from "../components/spend/spend-line-form";
import { can } from "../models/access/access.policy";
import { InputError, replyOptions } from "../models/set/input-error";
import { formatFinancialYear } from "../models/spend/spend-dates";
import { SPEND_APPROACH_LABELS, SPEND_CATEGORY_LABELS } from "../models/spend/spend-labels";
import { formatBasisPoints, formatPence, penceToDecimal } from "../models/spend/spend-money";
import { parseSpendFilters, spendLinesActionSchema } from "../models/spend/spend.schema";
import {
  createSpendLine,
  deleteSpendLine,
  getSpendFilterOptions,
  listSpendLines,
  updateSpendLine,
} from "../models/spend/spend.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Spend lines — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const { filters, errors } = parseSpendFilters(new URL(request.url).searchParams);
  const [lines, options] = await Promise.all([
    listSpendLines(workspace.id, filters, filters.page ?? 1),
    getSpendFilterOptions(workspace.id),
  ]);
  return data(
    {
      slug: workspace.slug,
      canManage: can(role, "evidence:manage"),
      filters: {
        year: filters.year,
        agency: filters.agency,
        category: filters.category,
        area: filters.area,
      },
      errors,
      options,
      lines,
    },
    { status: errors.length ? 400 : 200 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: spendLinesActionSchema });
  if (submission.status !== "success") {
    // The errors go back to the form that was sent: a line's own form, or the new-line form.
    const { intent, lineId } = submission.payload;
    const target =
      intent === "update" && typeof lineId === "string"
        ? lineId
        : intent === "create"
          ? "new"
          : "none";
    return data({ target, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  // Back to the list as it was filtered and paged: the forms post to the page's own address.
  const back = `/w/${access.workspace.slug}/spend/lines${new URL(request.url).search}`;
  if (input.intent === "delete") {
    if (!(await deleteSpendLine(actor, access.workspace.id, input.lineId)))
      throw await denyAccess(access, request, 404, {
        reason: "spend-line-not-found",
        lineId: input.lineId,
      });
    return redirectWithFlash(back, { kind: "success", message: "Spend line deleted" });
  }
  const target = input.intent === "update" ? input.lineId : "new";
  try {
    if (input.intent === "update") {
      if (!(await updateSpendLine(actor, access.workspace.id, input.lineId, input)))
        throw await denyAccess(access, request, 404, {
          reason: "spend-line-not-found",
          lineId: input.lineId,
        });
      return redirectWithFlash(`${back}#line-${input.lineId}`, {
        kind: "success",
        message: "Spend line saved",
      });
    }
    await createSpendLine(actor, access.workspace.id, input);
    return redirectWithFlash(back, { kind: "success", message: "Spend line added" });
  } catch (error) {
    if (error instanceof InputError)
      return data({ target, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function SpendLinesPage() {
  const { slug, canManage, filters, errors, options, lines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/w/${slug}/spend/lines`;
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p>
        <Link to={`/w/${slug}/spend${filterQuery(filters)}`}>Back to the place count</Link>
      </p>
      <h1 className="page-title mt-2">Spend lines</h1>
      <ErrorSummary errors={errors.map((message) => ({ message }))} />
      <SpendFilters options={options} values={filters} action={base} />
      {canManage ? (
        <CardOnDemand
          key={lines.total}
          label="Add a spend line"
          open={actionData?.target === "new"}
          className="mt-4 max-w-4xl"
          title="Add a spend line"
          titleId="new-line-title"
        >
          <SpendLineForm
            id="new-line"
            lastResult={actionData?.target === "new" ? actionData.result : undefined}
            agencies={options.agencies}
            areas={options.areas}
            defaults={{
              financialYear: "",
              agencyId: "",
              service: "",
              localityId: "",
              category: "children_and_families",
              amount: "",
              vulnerableShare: "0",
              approach: "reactive",
              source: "",
              notes: "",
            }}
            submitLabel="Add line"
          />
        </CardOnDemand>
      ) : null}
      <p className="mt-4" role="status">
        {lines.total.toLocaleString("en-GB")} {lines.total === 1 ? "line" : "lines"}
      </p>
      {lines.rows.length ? (
        <ul className="mt-4 space-y-3">
          {lines.rows.map((l) => (
            <li key={l.id} id={`line-${l.id}`} className="card">
              <p className="flex flex-wrap items-baseline gap-x-4">
                <strong className="text-lg">{formatPence(l.amountPence)}</strong>
                <span>{formatFinancialYear(l.financialYear)}</span>
                <span>{l.agencyName ?? "No agency"}</span>
                {l.service ? <span>{l.service}</span> : null}
                <span>{SPEND_CATEGORY_LABELS[l.category]}</span>
                <span>{l.areaName ?? "Whole place"}</span>
                <span>Vulnerable families: {formatBasisPoints(l.vulnerableShareBp)}</span>
                <span>{SPEND_APPROACH_LABELS[l.approach]}</span>
              </p>
              <p className="mt-1 text-sm text-slate-700">
                Source: {l.source}
                {l.importId ? (
                  <>
                    {" "}
                    (<Link to={`/w/${slug}/spend/import/${l.importId}`}>imported</Link>)
                  </>
                ) : null}
                {l.notes ? ` · ${l.notes}` : ""}
              </p>
              {canManage ? (
                <div className="mt-2 flex flex-wrap items-start gap-2">
                  <EditOnDemand
                    key={`${l.amountPence}|${l.financialYear}|${l.agencyId}|${l.service}|${l.localityId}|${l.category}|${l.vulnerableShareBp}|${l.approach}|${l.source}|${l.notes}`}
                    label="Change this line"
                    context={`of ${formatPence(l.amountPence)}, ${formatFinancialYear(l.financialYear)}`}
                    open={actionData?.target === l.id}
                    className="min-w-0 flex-1 basis-full"
                  >
                    <SpendLineForm
                      id={`edit-line-${l.id}`}
                      lineId={l.id}
                      lastResult={actionData?.target === l.id ? actionData.result : undefined}
                      agencies={options.agencies}
                      areas={options.areas}
                      defaults={{
                        financialYear: String(l.financialYear),
                        agencyId: l.agencyId ?? "",
                        service: l.service,
                        localityId: l.localityId ?? "",
                        category: l.category,
                        amount: penceToDecimal(l.amountPence),
                        vulnerableShare: formatBasisPoints(l.vulnerableShareBp).replace("%", ""),
                        approach: l.approach,
                        source: l.source,
                        notes: l.notes,
                      }}
                      submitLabel="Save line"
                    />
                  </EditOnDemand>
                  <DeleteOnDemand
                    label="Delete this line"
                    context={`of ${formatPence(l.amountPence)}, ${formatFinancialYear(l.financialYear)}`}
                    confirmLabel="Yes, delete this line"
                    fields={{ intent: "delete", lineId: l.id }}
                  >
                    <p>
                      Delete {formatPence(l.amountPence)} spent by{" "}
                      {l.agencyName ?? "no named agency"} in {formatFinancialYear(l.financialYear)}?
                      The place count, its charts and the aggregates are worked out again without
                      it, and insights linked to the line lose that link. This cannot be undone.
                    </p>
                  </DeleteOnDemand>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Pager
        page={lines.page}
        pageCount={lines.pageCount}
        label="Spend line pages"
        hrefFor={(p) => `${base}${filterQuery(filters, { page: String(p) })}`}
      />
    </main>
  );
}
