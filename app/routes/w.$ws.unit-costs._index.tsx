import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { collectErrors, ErrorSummary, TextField } from "../components/forms";
import { CardOnDemand } from "../components/learning/edit-on-demand";
import { ScrollRegion } from "../components/scroll-region";
import { UnitCostFlags } from "../components/unit-costs/flags";
import { EMPTY_UNIT_COST, UnitCostForm } from "../components/unit-costs/unit-cost-form";
import { useZodForm } from "../components/use-zod-form";
import { listDeflatorSeries } from "../models/deflator/deflator.server";
import { formatIndexMilli } from "../models/deflator/uprate";
import { currentFinancialYear } from "../models/unit-cost/financial-year";
import { buildLibraryView } from "../models/unit-cost/library-view";
import { formatPence } from "../models/unit-cost/money";
import { canManageUnitCosts } from "../models/unit-cost/unit-cost.policy";
import { CONFIDENCE_LABELS, libraryQuerySchema, settingsSchema, unitCostsActionSchema } from "../models/unit-cost/unit-cost.schema";
import { createUnitCost, deleteUnitCost, fieldsFromForm, getUnitCostSettings, listUnitCosts, saveUnitCostSettings, updateUnitCost } from "../models/unit-cost/unit-cost.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Unit costs — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const url = new URL(request.url);
  const query = libraryQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const { year: targetYear, series: seriesId } = query.success ? query.data : { year: null, series: undefined };
  const [entries, settings, allSeries] = await Promise.all([listUnitCosts(workspace.id), getUnitCostSettings(workspace.id), listDeflatorSeries(workspace.id)]);
  const series = allSeries.find((s) => s.id === seriesId) ?? allSeries[0] ?? null;
  const currentYear = currentFinancialYear();
  const rows = buildLibraryView(entries, { settings, currentYear, targetYear: series ? targetYear : null, series });
  return {
    slug: workspace.slug,
    canManage: canManageUnitCosts(role),
    currentYear,
    settings,
    targetYear: series ? targetYear : null,
    series: series ? { id: series.id, name: series.name, release: series.release, source: series.source, years: series.values.map((v) => v.financialYear) } : null,
    seriesOptions: allSeries.map((s) => ({ id: s.id, label: `${s.name} (${s.release})` })),
    rows: rows.map((r) => ({
      ...r,
      uprating:
        r.uprating.kind === "uprated"
          ? { ...r.uprating, fromIndex: formatIndexMilli(r.uprating.fromIndexMilli), toIndex: formatIndexMilli(r.uprating.toIndexMilli) }
          : r.uprating,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: unitCostsActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    const target = intent === "settings" ? "settings" : intent === "update" ? String(submission.payload.unitCostId ?? "") : "new";
    return data({ target, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const base = `/w/${access.workspace.slug}/unit-costs`;
  switch (input.intent) {
    case "create": {
      const { id } = await createUnitCost(actor, access.workspace.id, fieldsFromForm(input));
      return redirectWithFlash(`${base}#unit-cost-${id}`, { kind: "success", message: "Unit cost added" });
    }
    case "update": {
      const ok = await updateUnitCost(actor, access.workspace.id, input.unitCostId, fieldsFromForm(input));
      if (!ok) throw await denyAccess(access, request, 404, { reason: "unit-cost-not-found", unitCostId: input.unitCostId });
      return redirectWithFlash(`${base}#unit-cost-${input.unitCostId}`, { kind: "success", message: "Unit cost saved" });
    }
    case "delete": {
      const ok = await deleteUnitCost(actor, access.workspace.id, input.unitCostId);
      if (!ok) throw await denyAccess(access, request, 404, { reason: "unit-cost-not-found", unitCostId: input.unitCostId });
      return redirectWithFlash(base, { kind: "success", message: "Unit cost deleted" });
    }
    case "settings": {
      await saveUnitCostSettings(actor, access.workspace.id, { staleAfterYears: input.staleAfterYears, implausibleFactor: input.implausibleFactor });
      return redirectWithFlash(base, { kind: "success", message: "Flag settings saved" });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function UpratedCell({ row, targetYear }: { row: LoaderData["rows"][number]; targetYear: string | null }) {
  const u = row.uprating;
  if (u.kind === "none") return <span className="text-slate-700">Choose a year above</span>;
  if (u.kind === "same-year") return <span>{formatPence(u.pence)} (already {targetYear} prices)</span>;
  if (u.kind === "no-deflator")
    return (
      <span>
        Cannot uprate: the deflator series has no index for {u.missing.join(" or ")}.
      </span>
    );
  return (
    <span>
      <strong>{formatPence(u.pence)}</strong>
      <span className="block text-xs text-slate-700">
        × {"toIndex" in u ? u.toIndex : ""} ÷ {"fromIndex" in u ? u.fromIndex : ""}
      </span>
    </span>
  );
}

function SettingsForm({ settings, lastResult }: { settings: LoaderData["settings"]; lastResult: Parameters<typeof useZodForm>[1]["lastResult"] }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(settingsSchema, {
    id: "unit-cost-settings",
    lastResult,
    defaultValue: { staleAfterYears: String(settings.staleAfterYears), implausibleFactor: String(settings.implausibleFactor) },
  });
  return (
    <>
      <ErrorSummary id="unit-cost-settings-errors" errors={collectErrors(form.errors, [fields.staleAfterYears, fields.implausibleFactor])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="settings" />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField
            meta={fields.staleAfterYears}
            label="Stale after (years)"
            hint="A cost whose price year is more than this many financial years old is flagged stale"
            inputMode="numeric"
            {...getInputProps(fields.staleAfterYears, { type: "text" })}
          />
          <TextField
            meta={fields.implausibleFactor}
            label="Implausible at (times the median)"
            hint="A cost this many times above or below the median of the others with the same unit and outcome detail is flagged"
            inputMode="numeric"
            {...getInputProps(fields.implausibleFactor, { type: "text" })}
          />
        </div>
        <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
          Save flag settings
        </button>
      </Form>
    </>
  );
}

export default function UnitCostsPage() {
  const { slug, canManage, currentYear, settings, targetYear, series, seriesOptions, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="page-title">Unit costs</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        What services cost per unit, with the fields of the GMCA Unit Cost Database, each with its source, price year and confidence grade. Costs
        are flagged stale when their prices are more than {settings.staleAfterYears} years older than {currentYear}, and implausible when they are{" "}
        {settings.implausibleFactor} or more times above or below the others of the same unit and outcome detail.
      </p>
      {canManage ? (
        <p className="mt-4 flex flex-wrap gap-3">
          <Link className="btn-primary" to={`/w/${slug}/unit-costs/import`}>
            Import unit costs (CSV or .xlsx)
          </Link>
          <Link className="btn-secondary" to={`/w/${slug}/unit-costs/deflators`}>
            GDP deflators
          </Link>
        </p>
      ) : (
        <p className="mt-4">
          <Link to={`/w/${slug}/unit-costs/deflators`}>GDP deflators used for uprating</Link>
        </p>
      )}

      <section className="card mt-6" aria-labelledby="uprate-title">
        <h2 id="uprate-title" className="text-lg font-semibold">
          Show costs in another year’s prices
        </h2>
        {series ? (
          <Form method="get" className="mt-3 flex flex-wrap items-end gap-4">
            <div>
              <label htmlFor="uprate-series" className="label">
                Deflator series
              </label>
              <select id="uprate-series" name="series" className="input" defaultValue={series.id}>
                {seriesOptions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="uprate-year" className="label">
                Prices of financial year
              </label>
              <select id="uprate-year" name="year" className="input" defaultValue={targetYear ?? ""}>
                <option value="">As recorded (no uprating)</option>
                {series.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary mb-5">
              Show
            </button>
            <p className="w-full text-sm text-slate-700">
              Uprating uses {series.name}, release {series.release}; source: {series.source}.
            </p>
          </Form>
        ) : (
          <p className="mt-2">
            No GDP deflator exists in this workspace, so no cost can be uprated: every cost is shown in the prices of its own year.{" "}
            {canManage ? (
              <>
                To uprate, <Link to={`/w/${slug}/unit-costs/deflators`}>import HM Treasury’s “GDP deflators at market prices”</Link> (its financial year
                and index columns, as .xlsx or CSV) or type the series in.
              </>
            ) : (
              "An analyst or owner can import HM Treasury’s “GDP deflators at market prices” series."
            )}
          </p>
        )}
      </section>

      {rows.length === 0 ? (
        <p className="mt-6">The library has no unit costs yet.</p>
      ) : (
        <ScrollRegion label="Unit costs" className="mt-6">
          <table className="table">
            <caption className="sr-only">Unit costs{targetYear ? `, with costs in ${targetYear} prices` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Cost code</th>
                <th scope="col">Outcome</th>
                <th scope="col">Description</th>
                <th scope="col">Unit</th>
                <th scope="col">Fiscal cost</th>
                <th scope="col">Price year</th>
                {targetYear ? <th scope="col">In {targetYear} prices</th> : null}
                <th scope="col">Agency</th>
                <th scope="col">Source</th>
                <th scope="col">Confidence</th>
                <th scope="col">Flags</th>
                {canManage ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} id={`unit-cost-${r.id}`}>
                  <td className="whitespace-nowrap font-mono text-sm">{r.costCode || "—"}</td>
                  <td>
                    {r.outcomeCategory || "—"}
                    {r.outcomeDetail ? <span className="block text-sm text-slate-700">{r.outcomeDetail}</span> : null}
                  </td>
                  <td>{r.description}</td>
                  <td>{r.unit}</td>
                  <td className="whitespace-nowrap text-right">{formatPence(r.fiscalCostPence)}</td>
                  <td className="whitespace-nowrap">{r.priceYear}</td>
                  {targetYear ? (
                    <td>
                      <UpratedCell row={r} targetYear={targetYear} />
                    </td>
                  ) : null}
                  <td>
                    {r.agency || "—"}
                    {r.agencyDetail ? <span className="block text-sm text-slate-700">{r.agencyDetail}</span> : null}
                  </td>
                  <td className="text-sm">{r.source}</td>
                  <td>{CONFIDENCE_LABELS[r.confidence]}</td>
                  <td>
                    <UnitCostFlags flags={r.flags} />
                  </td>
                  {canManage ? (
                    <td>
                      <Link to={`/w/${slug}/unit-costs/${r.id}`} aria-label={`Edit or delete ${r.costCode || r.description}`}>
                        Edit
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      {canManage ? (
        <>
          <CardOnDemand label="Add a unit cost" open={actionData?.target === "new"} className="mt-10 max-w-4xl" title="Add a unit cost" titleId="new-unit-cost-title">
            <UnitCostForm id="new-unit-cost" lastResult={actionData?.target === "new" ? actionData.result : undefined} defaults={EMPTY_UNIT_COST} submitLabel="Add unit cost" />
          </CardOnDemand>
          <CardOnDemand label="Change the flag settings" open={actionData?.target === "settings"} className="mt-6 max-w-4xl" title="Flag settings" titleId="settings-title">
            <SettingsForm settings={settings} lastResult={actionData?.target === "settings" ? actionData.result : undefined} />
          </CardOnDemand>
        </>
      ) : null}
    </main>
  );
}
