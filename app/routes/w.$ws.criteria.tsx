import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../components/forms";
import { Pager } from "../components/pager";
import { useZodForm } from "../components/use-zod-form";
import { listActiveAgencies } from "../models/agency/agency.server";
import { ensureCaseTotals, listCasePage } from "../models/case/case-list.server";
import { canManageCriteria } from "../models/case/case.policy";
import { agencyCriterionSchema, caseSettingsSchema, commonCriterionSchema, criteriaActionSchema, HIGH_TARIFF_SORTS, type HighTariffSort } from "../models/case/case.schema";
import { createAgencyCriterion, createCommonCriterion, deleteAgencyCriterion, getCaseSettings, listCriteria, updateAgencyCriterion, updateCaseSettings } from "../models/case/case.server";
import { formatPence } from "../models/case/money";
import { InputError, replyOptions } from "../models/set/input-error";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Criteria and high-tariff list — Praxis" }];

const HIGH_TARIFF_PER_PAGE = 50;

const SORT_LABELS: Record<HighTariffSort, string> = { criteria: "Criteria met", agencies: "Agencies", contacts: "Contacts", cost: "Cost to date" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const sortParam = new URL(request.url).searchParams.get("sort") ?? "criteria";
  const sort: HighTariffSort = (HIGH_TARIFF_SORTS as readonly string[]).includes(sortParam) ? (sortParam as HighTariffSort) : "criteria";
  const canManage = canManageCriteria(role);
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const settings = await getCaseSettings(workspace.id);
  await ensureCaseTotals(workspace.id);
  const [criteria, highTariff, agencies] = await Promise.all([
    listCriteria(workspace.id),
    listCasePage(workspace.id, { sort, page: pageParam, perPage: HIGH_TARIFF_PER_PAGE, highTariff: settings, thresholds: settings }),
    canManage ? listActiveAgencies(workspace.id) : Promise.resolve([]),
  ]);
  const commonLabel = new Map(criteria.common.map((c) => [c.id, c.label]));
  const byAgency = new Map<string, { agencyName: string; items: Array<{ id: string; label: string; agencyId: string; commonCriterionId: string | null; common: string | null }> }>();
  for (const c of criteria.own) {
    const group = byAgency.get(c.agencyId) ?? { agencyName: c.agencyName, items: [] };
    group.items.push({ id: c.id, label: c.label, agencyId: c.agencyId, commonCriterionId: c.commonCriterionId, common: c.commonCriterionId ? (commonLabel.get(c.commonCriterionId) ?? null) : null });
    byAgency.set(c.agencyId, group);
  }
  return {
    slug: workspace.slug,
    canManage,
    sort,
    common: criteria.common,
    agencyGroups: [...byAgency.values()],
    settings,
    page: highTariff.page,
    pageCount: highTariff.pageCount,
    highTariffCount: highTariff.total,
    highTariff: highTariff.rows.map((r) => ({ id: r.id, reference: r.reference, criteriaCount: r.criteriaCount, agencyCount: r.agencyCount, contacts: r.contacts, cost: formatPence(r.costPence) })),
    agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "criteria:manage");
  const submission = parseWithZod(await request.formData(), { schema: criteriaActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    const criterionId = submission.payload.criterionId;
    const target = (intent === "update-agency" || intent === "delete-agency") && typeof criterionId === "string" ? `${intent}:${criterionId}` : typeof intent === "string" ? intent : "unknown";
    return data({ target, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const here = `/w/${access.workspace.slug}/criteria`;
  try {
    if (input.intent === "add-common") {
      await createCommonCriterion(actor, access.workspace.id, input);
      return redirectWithFlash(here, { kind: "success", message: "Common criterion added" });
    }
    if (input.intent === "add-agency") {
      await createAgencyCriterion(actor, access.workspace.id, input);
      return redirectWithFlash(here, { kind: "success", message: "Agency criterion added" });
    }
    if (input.intent === "update-agency") {
      if (!(await updateAgencyCriterion(actor, access.workspace.id, input.criterionId, input))) throw await denyAccess(access, request, 404, { reason: "criterion-not-found", criterionId: input.criterionId });
      return redirectWithFlash(here, { kind: "success", message: "Agency criterion saved" });
    }
    if (input.intent === "delete-agency") {
      if (!(await deleteAgencyCriterion(actor, access.workspace.id, input.criterionId))) throw await denyAccess(access, request, 404, { reason: "criterion-not-found", criterionId: input.criterionId });
      return redirectWithFlash(here, { kind: "success", message: "Agency criterion deleted" });
    }
    await updateCaseSettings(actor, access.workspace.id, input);
    return redirectWithFlash(here, { kind: "success", message: "Thresholds saved" });
  } catch (error) {
    if (error instanceof InputError) return data({ target: "criterionId" in input ? `${input.intent}:${input.criterionId}` : input.intent, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function CriteriaPage() {
  const { slug, canManage, sort, page, pageCount, highTariffCount, common, agencyGroups, settings, highTariff, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (target: string) => (actionData?.target === target ? actionData.result : undefined);
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Vulnerability criteria and the high-tariff list</h1>
      <p className="mt-2 max-w-3xl text-slate-700">Each agency records its own criteria and maps them to the workspace&apos;s common set; the high-tariff list follows from the common set.</p>

      <section aria-labelledby="common-heading" className="mt-6">
        <h2 id="common-heading" className="text-xl font-bold">
          Common criteria
        </h2>
        {common.length === 0 ? <p className="mt-2">No common criteria yet.</p> : null}
        <ul className="mt-2 list-disc pl-5">
          {common.map((c) => (
            <li key={c.id}>
              <strong>{c.label}</strong>
              {c.description ? ` — ${c.description}` : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="agency-heading" className="mt-6">
        <h2 id="agency-heading" className="text-xl font-bold">
          Each agency&apos;s own criteria
        </h2>
        {agencyGroups.length === 0 ? <p className="mt-2">No agency has recorded its criteria yet.</p> : null}
        <div className="mt-2 grid gap-4 md:grid-cols-2">
          {agencyGroups.map((g) => (
            <div key={g.agencyName} className="card">
              <h3 className="font-semibold">{g.agencyName}</h3>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {g.items.map((i) => (
                  <li key={i.id}>
                    {i.label} <span className="text-slate-700">→ {i.common ?? "not mapped to the common set"}</span>
                    {canManage ? (
                      <>
                        <details className="mt-1" open={Boolean(resultFor(`update-agency:${i.id}`))}>
                          <summary className="cursor-pointer">
                            Change<span className="sr-only"> “{i.label}”</span>
                          </summary>
                          <AgencyForm
                            id={`edit-agency-${i.id}`}
                            intent="update-agency"
                            criterionId={i.id}
                            title={null}
                            submitLabel="Save criterion"
                            defaults={{ agencyId: i.agencyId, label: i.label, commonCriterionId: i.commonCriterionId ?? "" }}
                            lastResult={resultFor(`update-agency:${i.id}`)}
                            agencies={agencies}
                            common={common.map((c) => ({ value: c.id, label: c.label }))}
                          />
                        </details>
                        <DeleteOnDemand
                          label="Delete"
                          context={`the criterion “${i.label}”`}
                          confirmLabel="Yes, delete this criterion"
                          fields={{ intent: "delete-agency", criterionId: i.id }}
                          error={resultFor(`delete-agency:${i.id}`)?.error?.confirm?.join(". ")}
                          className="mt-3"
                        >
                          <p>
                            Deleting removes {g.agencyName}&apos;s criterion and its mapping to the common set; the common criterion and the cases that meet it stay. The deletion is recorded in the audit log.
                          </p>
                        </DeleteOnDemand>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="tariff-heading" className="mt-8">
        <h2 id="tariff-heading" className="text-xl font-bold">
          High-tariff list
        </h2>
        <p className="mt-1 text-slate-700">
          Cases meeting at least {settings.minCriteria} common criteria or served by at least {settings.minAgencies} agencies: {highTariffCount}.
        </p>
        <nav aria-label="Sort the high-tariff list" className="mt-2 flex flex-wrap gap-3 text-sm">
          <span>Sort by:</span>
          {HIGH_TARIFF_SORTS.map((s) =>
            s === sort ? (
              <span key={s} aria-current="true" className="font-bold">
                {SORT_LABELS[s]}
              </span>
            ) : (
              <Link key={s} to={`?sort=${s}#tariff-heading`}>
                {SORT_LABELS[s]}
              </Link>
            ),
          )}
        </nav>
        {highTariff.length ? (
          <div className="card mt-3 overflow-x-auto p-0">
            <table className="table">
              <caption className="sr-only">
                High-tariff cases, sorted by {SORT_LABELS[sort].toLowerCase()}, highest first, page {page} of {pageCount}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  {HIGH_TARIFF_SORTS.map((s) => (
                    <th key={s} scope="col" aria-sort={s === sort ? "descending" : undefined}>
                      {SORT_LABELS[s]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {highTariff.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/w/${slug}/cases/${r.id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.criteriaCount}</td>
                    <td>{r.agencyCount}</td>
                    <td>{r.contacts}</td>
                    <td className="whitespace-nowrap">{r.cost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager page={page} pageCount={pageCount} hrefFor={(n) => `?sort=${sort}&page=${n}#tariff-heading`} label="Pages of the high-tariff list" />
      </section>

      {canManage ? (
        <section aria-labelledby="manage-heading" className="mt-10 grid gap-6 md:grid-cols-2">
          <h2 id="manage-heading" className="text-xl font-bold md:col-span-2">
            Edit the criteria
          </h2>
          <CommonForm lastResult={resultFor("add-common")} />
          <AgencyForm lastResult={resultFor("add-agency")} agencies={agencies} common={common.map((c) => ({ value: c.id, label: c.label }))} />
          <SettingsForm lastResult={resultFor("settings")} settings={settings} />
        </section>
      ) : null}
    </main>
  );
}

type Result = SubmissionResult<string[]> | undefined;

function CommonForm({ lastResult }: { lastResult: Result }) {
  const [form, fields] = useZodForm(commonCriterionSchema, { id: "add-common", lastResult });
  return (
    <div className="card">
      <h3 className="font-semibold">Add a common criterion</h3>
      <ErrorSummary id="add-common-errors" errors={collectErrors(form.errors, [fields.label, fields.description])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-common" />
        <TextField meta={fields.label} label="Criterion" hint="For example, domestic abuse in the household" {...getInputProps(fields.label, { type: "text" })} />
        <TextAreaField meta={fields.description} label="Description (optional)" rows={2} {...getTextareaProps(fields.description)} />
        <button type="submit" className="btn-primary">
          Add common criterion
        </button>
      </Form>
    </div>
  );
}

function AgencyForm({
  lastResult,
  agencies,
  common,
  id = "add-agency",
  intent = "add-agency",
  criterionId,
  title = "Add an agency's own criterion",
  submitLabel = "Add agency criterion",
  defaults,
}: {
  lastResult: Result;
  agencies: Array<{ value: string; label: string }>;
  common: Array<{ value: string; label: string }>;
  id?: string;
  intent?: string;
  criterionId?: string;
  title?: string | null;
  submitLabel?: string;
  defaults?: { agencyId: string; label: string; commonCriterionId: string };
}) {
  const [form, fields] = useZodForm(agencyCriterionSchema, { id, lastResult, defaultValue: defaults });
  return (
    <div className={title ? "card" : "mt-2"}>
      {title ? <h3 className="font-semibold">{title}</h3> : null}
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, [fields.agencyId, fields.label, fields.commonCriterionId])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {criterionId ? <input type="hidden" name="criterionId" value={criterionId} /> : null}
        <SelectField meta={fields.agencyId} label="Agency" options={[{ value: "", label: "Choose an agency" }, ...agencies]} {...getSelectProps(fields.agencyId)} />
        <TextField meta={fields.label} label="The agency's criterion" hint={title ? "In its own words, such as 3+ domestic incidents in 12 months" : undefined} {...getInputProps(fields.label, { type: "text" })} />
        <SelectField meta={fields.commonCriterionId} label="Maps to common criterion" options={[{ value: "", label: "Not mapped yet" }, ...common]} {...getSelectProps(fields.commonCriterionId)} />
        <button type="submit" className="btn-primary">
          {submitLabel}
        </button>
      </Form>
    </div>
  );
}

function SettingsForm({ lastResult, settings }: { lastResult: Result; settings: { minCriteria: number; minAgencies: number; duplicationDays: number; gapDays: number } }) {
  const [form, fields] = useZodForm(caseSettingsSchema, {
    id: "settings",
    lastResult,
    defaultValue: { minCriteria: String(settings.minCriteria), minAgencies: String(settings.minAgencies), duplicationDays: String(settings.duplicationDays), gapDays: String(settings.gapDays) },
  });
  return (
    <div className="card">
      <h3 className="font-semibold">Thresholds</h3>
      <ErrorSummary id="settings-errors" errors={collectErrors(form.errors, [fields.minCriteria, fields.minAgencies, fields.duplicationDays, fields.gapDays])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="settings" />
        <TextField meta={fields.minCriteria} label="High tariff: at least this many common criteria (N)" inputMode="numeric" {...getInputProps(fields.minCriteria, { type: "text" })} />
        <TextField meta={fields.minAgencies} label="…or served by at least this many agencies (M)" inputMode="numeric" {...getInputProps(fields.minAgencies, { type: "text" })} />
        <TextField meta={fields.duplicationDays} label="Duplication window in days" inputMode="numeric" {...getInputProps(fields.duplicationDays, { type: "text" })} />
        <TextField meta={fields.gapDays} label="Gap after a crisis, in days" inputMode="numeric" {...getInputProps(fields.gapDays, { type: "text" })} />
        <button type="submit" className="btn-primary">
          Save thresholds
        </button>
      </Form>
    </div>
  );
}
