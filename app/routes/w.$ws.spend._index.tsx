import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { MoneyTable, type MoneyRow } from "../components/spend/money-table";
import { SpendFilters, filterQuery } from "../components/spend/spend-filters";
import { can } from "../models/access/access.policy";
import { stackedBarsSvg, yearTrendSvg } from "../models/spend/spend-charts";
import { formatFinancialYear } from "../models/spend/spend-dates";
import {
  SPEND_APPROACH_LABELS,
  SPEND_CATEGORY_LABELS,
  type SpendApproach,
  type SpendCategory,
} from "../models/spend/spend-labels";
import { formatBasisPoints, formatPence } from "../models/spend/spend-money";
import { parseSpendFilters } from "../models/spend/spend.schema";
import { getPlaceCount, getSpendFilterOptions } from "../models/spend/spend.server";
import { requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction = () => [{ title: "The place count — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const { filters, errors } = parseSpendFilters(new URL(request.url).searchParams);
  const [count, options] = await Promise.all([
    getPlaceCount(workspace.id, filters),
    getSpendFilterOptions(workspace.id),
  ]);
  const body = {
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
    count,
    charts: {
      agencies: stackedBarsSvg(count.agencyCategory, {
        id: "chart-agency",
        title: "Spend by agency, stacked by category",
      }),
      years: yearTrendSvg(
        count.byYear.map((y) => ({
          year: Number(y.key),
          pence: y.pence,
          vulnerablePence: y.vulnerablePence,
        })),
        {
          id: "chart-years",
          title: "Spend by financial year, with the share spent on vulnerable families",
        },
      ),
    },
  };
  return data(body, { status: errors.length ? 400 : 200 });
}

export default function PlaceCountPage() {
  const { slug, canManage, filters, errors, options, count, charts } =
    useLoaderData<typeof loader>();
  const base = `/w/${slug}/spend`;
  const drill = (extra: Record<string, string>) =>
    `${base}/lines${filterQuery({ ...filters, ...extra })}`;
  const withLinks = (rows: MoneyRow[], key: "agency" | "category" | "area" | "year") =>
    rows.map((r) => ({ ...r, href: drill({ [key]: r.key }) }));
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">The place count</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Total public spend in the place across the partners, and the share of it spent on vulnerable
        children and families — Total Place&apos;s first question.
      </p>
      <ErrorSummary errors={errors.map((message) => ({ message }))} />
      <p className="mt-4 flex flex-wrap gap-4">
        <Link to={`${base}/lines${filterQuery(filters)}`}>See the lines</Link>
        <a href={`${base}/aggregates.csv${filterQuery(filters)}`} download>
          Download these totals (CSV)
        </a>
        {canManage ? <Link to={`${base}/import`}>Import a spend file</Link> : null}
      </p>
      <SpendFilters options={options} values={filters} />

      {count.total.lines === 0 ? (
        <p className="mt-6">
          No spend lines
          {filters.year || filters.agency || filters.category || filters.area
            ? " match these filters"
            : " yet"}
          .
        </p>
      ) : (
        <>
          <section aria-labelledby="headline" className="mt-6 grid gap-4 sm:grid-cols-3">
            <h2 id="headline" className="sr-only">
              Headline figures
            </h2>
            <div className="card">
              <p className="text-sm text-slate-700">Total public spend</p>
              <p className="text-2xl font-bold" data-testid="total-spend">
                {formatPence(count.total.pence)}
              </p>
              <p className="text-sm text-slate-700">
                {count.total.lines.toLocaleString("en-GB")} lines
              </p>
            </div>
            <div className="card">
              <p className="text-sm text-slate-700">Spent on vulnerable children and families</p>
              <p className="text-2xl font-bold" data-testid="vulnerable-spend">
                {formatPence(count.total.vulnerablePence)}
              </p>
              <p className="text-sm text-slate-700" data-testid="vulnerable-share">
                {formatBasisPoints(count.total.vulnerableBp)} of the total
              </p>
            </div>
            <div className="card">
              <p className="text-sm text-slate-700">Reactive and preventative</p>
              <ul className="mt-1 text-sm">
                {count.byApproach.map((a) => (
                  <li key={a.key}>
                    {SPEND_APPROACH_LABELS[a.key as SpendApproach]}:{" "}
                    <strong>{formatPence(a.pence)}</strong> (
                    {formatBasisPoints(
                      Math.round((a.pence * 10000) / Math.max(1, count.total.pence)),
                    )}
                    )
                  </li>
                ))}
              </ul>
            </div>
          </section>

          <section aria-labelledby="by-agency" className="mt-10">
            <h2 id="by-agency" className="text-xl font-bold">
              By agency and category
            </h2>
            <figure className="card mt-3" data-chart="agencies">
              <div dangerouslySetInnerHTML={{ __html: charts.agencies }} />
              <figcaption className="mt-2 text-sm text-slate-700">
                Each bar is an agency&apos;s spend; its parts are categories, told apart by pattern
                as well as colour (see the key). The tables below give every figure.
              </figcaption>
            </figure>
            <h3 className="mt-6 text-lg font-semibold">By agency</h3>
            <MoneyTable
              id="table-agency"
              caption="Spend by agency"
              groupLabel="Agency"
              rows={withLinks(count.byAgency, "agency")}
            />
            <h3 className="mt-6 text-lg font-semibold">By category</h3>
            <MoneyTable
              id="table-category"
              caption="Spend by category"
              groupLabel="Category"
              rows={withLinks(
                count.byCategory.map((c) => ({
                  ...c,
                  label: SPEND_CATEGORY_LABELS[c.key as SpendCategory],
                })),
                "category",
              )}
            />
          </section>

          <section aria-labelledby="by-year" className="mt-10">
            <h2 id="by-year" className="text-xl font-bold">
              By financial year
            </h2>
            <figure className="card mt-3" data-chart="years">
              <div dangerouslySetInnerHTML={{ __html: charts.years }} />
              <figcaption className="mt-2 text-sm text-slate-700">
                Each bar is a year&apos;s spend, labelled with its total; the hatched part is the
                share spent on vulnerable families.
              </figcaption>
            </figure>
            <MoneyTable
              id="table-year"
              caption="Spend by financial year"
              groupLabel="Financial year"
              rows={withLinks(
                count.byYear.map((y) => ({ ...y, label: formatFinancialYear(Number(y.key)) })),
                "year",
              )}
            />
          </section>

          <section aria-labelledby="by-area" className="mt-10">
            <h2 id="by-area" className="text-xl font-bold">
              By area
            </h2>
            <MoneyTable
              id="table-area"
              caption="Spend by area"
              groupLabel="Area"
              rows={withLinks(count.byArea, "area")}
            />
          </section>
        </>
      )}
    </main>
  );
}
