import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CaseForm } from "../components/cases/case-form";
import { CardOnDemand } from "../components/learning/edit-on-demand";
import { Pager } from "../components/pager";
import { listActiveAgencies } from "../models/agency/agency.server";
import { showCount } from "../models/case/case-evidence";
import { STATUS_LABELS } from "../models/case/case-labels";
import { ensureCaseTotals, listCasePage, listCriteriaProfiles, summariseCases, type ListSort } from "../models/case/case-list.server";
import { canManageCases, mayRevealSmallCounts } from "../models/case/case.policy";
import { caseFieldsSchema, HIGH_TARIFF_SORTS } from "../models/case/case.schema";
import { createCase, getCaseSettings, listCriteria, listLocalityOptions } from "../models/case/case.server";
import { renderBarChart } from "../models/case/journey-chart";
import { formatPence } from "../models/case/money";
import { InputError, replyOptions } from "../models/set/input-error";
import { requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Cases — Praxis" }];

const CASES_PER_PAGE = 50;

const LIST_SORTS: readonly ListSort[] = ["reference", ...HIGH_TARIFF_SORTS];
const SORT_LABELS: Record<ListSort, string> = { reference: "Reference", criteria: "Criteria met", agencies: "Agencies", contacts: "Contacts", cost: "Cost to date" };

function listHref(sort: ListSort, page: number): string {
  const q = new URLSearchParams();
  if (sort !== "reference") q.set("sort", sort);
  if (page > 1) q.set("page", String(page));
  const text = q.toString();
  return text ? `?${text}#list-heading` : "?#list-heading";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const search = new URL(request.url).searchParams;
  const sortParam = search.get("sort") ?? "reference";
  const sort: ListSort = (LIST_SORTS as readonly string[]).includes(sortParam) ? (sortParam as ListSort) : "reference";
  const pageParam = Number(search.get("page") ?? "1");
  const canManage = canManageCases(role);
  const reveal = mayRevealSmallCounts(role);
  const settings = await getCaseSettings(workspace.id);
  await ensureCaseTotals(workspace.id);
  const [list, across, profileRows, localities, agencies, criteria] = await Promise.all([
    listCasePage(workspace.id, { sort, page: pageParam, perPage: CASES_PER_PAGE, thresholds: settings }),
    summariseCases(workspace.id, settings),
    listCriteriaProfiles(workspace.id),
    listLocalityOptions(workspace.id),
    canManage ? listActiveAgencies(workspace.id) : Promise.resolve([]),
    canManage ? listCriteria(workspace.id) : Promise.resolve({ common: [], own: [] }),
  ]);
  const { cost, agencySpread } = across;
  const placeRows = across.places
    .map((p) => ({ ...p, name: p.name ?? "Area not recorded" }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
    .map((p) => {
      const shown = showCount(p.highTariff, reveal);
      // The cost of a handful of families could point to them: it is withheld with the count.
      return { name: p.name, highTariff: shown, cases: showCount(p.cases, reveal), cost: shown.value === null ? "withheld (fewer than 5 cases)" : formatPence(p.costPence) };
    });
  const placeChart = renderBarChart({
    title: "High-tariff cases by area",
    bars: placeRows.map((p) => ({ label: p.name, value: p.highTariff.value ?? 0, suppressed: p.highTariff.value === null, valueText: p.highTariff.text })),
  });
  const profiles = profileRows.map((p) => ({ criteria: p.criteria, cases: showCount(p.cases, reveal) }));

  return {
    slug: workspace.slug,
    canManage,
    reveal,
    settings,
    // The area of each case would undo the small-count rule on the place clusters, so only those who may see small counts see it.
    sort,
    page: list.page,
    pageCount: list.pageCount,
    cases: list.rows.map((c) => ({ ...c, localityId: reveal ? c.localityId : null, localityName: reveal ? c.localityName : null, statusLabel: STATUS_LABELS[c.status], cost: formatPence(c.costPence) })),
    summary: {
      families: across.families,
      contacts: across.contacts,
      totalCost: formatPence(cost.total),
      meanCost: formatPence(cost.mean),
      medianCost: formatPence(cost.median),
      quartiles: `${formatPence(cost.lowerQuartile)} to ${formatPence(cost.upperQuartile)}`,
      range: `${formatPence(cost.min)} to ${formatPence(cost.max)}`,
      meanAgencies: across.families ? (across.agencyTotal / across.families).toLocaleString("en-GB", { maximumFractionDigits: 1 }) : "0",
      medianAgencies: agencySpread.median,
      agencyRange: `${agencySpread.min} to ${agencySpread.max}`,
    },
    placeRows,
    placeChart,
    profiles,
    localities: localities.map((l) => ({ value: l.id, label: l.name })),
    agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
    criteria: criteria.common.map((c) => ({ value: c.id, label: c.label })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: caseFieldsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const id = await createCase({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, submission.value);
    return redirectWithFlash(`/w/${access.workspace.slug}/cases/${id}`, { kind: "success", message: `Case ${submission.value.reference} created` });
  } catch (error) {
    if (error instanceof InputError) return data({ result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function CasesPage() {
  const { slug, canManage, reveal, settings, sort, page, pageCount, cases, summary, placeRows, placeChart, profiles, localities, agencies, criteria } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Cases</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Pseudonymised family journeys across agencies, known by reference code only. High-tariff cases meet at least {settings.minCriteria} common criteria or are served by at least {settings.minAgencies}{" "}
        agencies (<Link to={`/w/${slug}/criteria`}>criteria and the high-tariff list</Link>).
      </p>
      {canManage ? (
        // Open by itself when the server refused a submission, so its error summary shows.
        <CardOnDemand label="Create a case" open={Boolean(actionData?.result)} className="mt-4 max-w-3xl" title="Create a case" titleId="new-case-heading">
          <CaseForm lastResult={actionData?.result} localities={localities} agencies={agencies} criteria={criteria} />
        </CardOnDemand>
      ) : null}

      <section aria-labelledby="summary-heading" className="mt-6">
        <h2 id="summary-heading" className="text-xl font-bold">
          Across cases
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3">
          <Stat label="Families" value={String(summary.families)} />
          <Stat label="Contacts recorded" value={String(summary.contacts)} />
          <Stat label="Total cost" value={summary.totalCost} />
          <Stat label="Average cost per family" value={summary.meanCost} />
          <Stat label="Median cost per family" value={summary.medianCost} />
          <Stat label="Middle half of costs per family" value={summary.quartiles} />
          <Stat label="Lowest to highest cost" value={summary.range} />
          <Stat label="Agencies per family (average, median)" value={`${summary.meanAgencies}, ${summary.medianAgencies}`} />
          <Stat label="Agencies per family (fewest to most)" value={summary.agencyRange} />
        </dl>
      </section>

      <section aria-labelledby="clusters-heading" className="mt-8">
        <h2 id="clusters-heading" className="text-xl font-bold">
          Clusters of vulnerability
        </h2>
        {reveal ? null : <p className="hint">Counts under 5 are shown as “fewer than 5” so that a small area cannot identify a family.</p>}
        <h3 className="mt-4 font-semibold">By place</h3>
        <div className="card mt-2 overflow-x-auto p-0">
          <table className="table">
            <caption className="sr-only">High-tariff cases and cost by area</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Cases</th>
                <th scope="col">High-tariff cases</th>
                <th scope="col">Cost to date</th>
              </tr>
            </thead>
            <tbody>
              {placeRows.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{p.cases.text}</td>
                  <td>{p.highTariff.text}</td>
                  <td>{p.cost}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {placeRows.length ? <figure className="card mt-3" dangerouslySetInnerHTML={{ __html: placeChart }} /> : null}
        <h3 className="mt-6 font-semibold">By profile: criteria that occur together most often</h3>
        {profiles.length === 0 ? <p className="text-sm">No case meets two or more common criteria yet.</p> : null}
        {profiles.length ? (
          <div className="card mt-2 overflow-x-auto p-0">
            <table className="table">
              <caption className="sr-only">Pairs of common criteria met by the same case</caption>
              <thead>
                <tr>
                  <th scope="col">Criteria together</th>
                  <th scope="col">Cases</th>
                </tr>
              </thead>
              <tbody>
                {profiles.map((p) => (
                  <tr key={p.criteria.join("+")}>
                    <td>
                      {p.criteria[0]} + {p.criteria[1]}
                    </td>
                    <td>{p.cases.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-xl font-bold">
          All cases
        </h2>
        {cases.length === 0 ? <p className="mt-2">No cases yet.</p> : null}
        {cases.length ? (
          <p className="mt-1 text-sm text-slate-700">
            {summary.families} {summary.families === 1 ? "case" : "cases"}, {pageCount > 1 ? `${CASES_PER_PAGE} a page, ` : ""}sorted by {SORT_LABELS[sort].toLowerCase()}
            {sort === "reference" ? "" : ", highest first"}. Choose a column heading to sort by it.
          </p>
        ) : null}
        {cases.length ? (
          <div className="card mt-3 overflow-x-auto p-0">
            <table className="table">
              <caption className="sr-only">
                Cases sorted by {SORT_LABELS[sort].toLowerCase()}, page {page} of {pageCount}
              </caption>
              <thead>
                <tr>
                  <SortHeader sort={sort} by="reference" />
                  {reveal ? <th scope="col">Area</th> : null}
                  <th scope="col">Owning agency</th>
                  <th scope="col">Status</th>
                  <SortHeader sort={sort} by="criteria" />
                  <SortHeader sort={sort} by="agencies" />
                  <SortHeader sort={sort} by="contacts" />
                  <SortHeader sort={sort} by="cost" />
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/w/${slug}/cases/${c.id}`}>{c.reference}</Link>
                      {c.highTariff ? <span className="badge ml-2 border border-red-800 bg-red-50 text-red-900">High tariff</span> : null}
                    </td>
                    {reveal ? <td>{c.localityName ?? "Not recorded"}</td> : null}
                    <td>{c.owningAgencyName ?? "None yet"}</td>
                    <td>{c.statusLabel}</td>
                    <td>{c.criteriaCount}</td>
                    <td>{c.agencyCount}</td>
                    <td>{c.contacts}</td>
                    <td className="whitespace-nowrap">{c.cost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager page={page} pageCount={pageCount} hrefFor={(n) => listHref(sort, n)} label="Pages of the case list" />
      </section>

    </main>
  );
}

function SortHeader({ sort, by }: { sort: ListSort; by: ListSort }) {
  const current = sort === by;
  return (
    <th scope="col" aria-sort={current ? (by === "reference" ? "ascending" : "descending") : undefined}>
      {current ? SORT_LABELS[by] : <Link to={listHref(by, 1)}>{SORT_LABELS[by]}</Link>}
    </th>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="card">
      <dt className="text-sm font-semibold text-slate-700">{label}</dt>
      <dd className="text-lg font-bold">{value}</dd>
    </div>
  );
}
