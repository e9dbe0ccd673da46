import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { EstimateForm } from "../components/indicators/estimate-form";
import { IndicatorForm } from "../components/indicators/indicator-form";
import { ValueForm } from "../components/indicators/value-form";
import { VerdictBadge } from "../components/indicators/verdict-badge";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDay } from "../components/learning/format";
import { ScrollRegion } from "../components/scroll-region";
import { listActiveAgencies } from "../models/agency/agency.server";
import { displayDecimal } from "../models/indicator/decimal";
import { canManageIndicators } from "../models/indicator/indicator.policy";
import { indicatorFieldsSchema, valueFieldsSchema } from "../models/indicator/indicator.schema";
import {
  addIndicatorValue,
  deleteIndicator,
  deleteIndicatorValue,
  getIndicator,
  getIndicatorDeletionImpact,
  listLinkOptions,
  updateIndicator,
  updateIndicatorValue,
} from "../models/indicator/indicator.server";
import { parsePeriod } from "../models/indicator/period";
import { describeForecast, FORECAST_METHOD, forecastTrend, judgeTrend } from "../models/indicator/trend";
import { renderTrendChart } from "../models/indicator/trend-chart";
import { formatPence } from "../models/savings/savings";
import { estimateFieldsSchema } from "../models/savings/savings.schema";
import { createSavingsEstimate } from "../models/savings/savings.server";
import { listUnitCostOptions } from "../models/savings/unit-cost-options.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.indicator.name ?? "Indicator"} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const found = await getIndicator({ workspaceId: access.workspace.id, indicatorId: params.id ?? "", userId: access.user.id });
  if (!found) throw await denyAccess(access, request, 404, { reason: "indicator-not-found", indicatorId: params.id });
  const canManage = canManageIndicators(access.role);
  const { indicator } = found;
  const points = found.values.map((v) => ({ period: v.period, start: v.periodStart, value: v.value, micros: v.valueMicros }));
  const baseline =
    indicator.baselinePeriod && indicator.baselineValue !== null && indicator.baselineMicros !== null
      ? { period: indicator.baselinePeriod, value: indicator.baselineValue, micros: indicator.baselineMicros }
      : null;
  const target =
    indicator.targetPeriod && indicator.targetValue !== null && indicator.targetMicros !== null
      ? { period: indicator.targetPeriod, value: indicator.targetValue, micros: indicator.targetMicros }
      : null;
  const targetStart = target ? (parsePeriod(target.period)?.start ?? null) : null;
  const forecast = forecastTrend(points, targetStart);
  const lastStart = points.at(-1)?.start ?? 0;
  const horizonLabel = forecast ? (targetStart && targetStart > lastStart ? target?.period : String(new Date(forecast.to.start).getUTCFullYear())) : null;
  const [agencies, links, unitCosts, deletion] = await Promise.all([
    canManage ? listActiveAgencies(access.workspace.id) : Promise.resolve([]),
    canManage ? listLinkOptions(access.workspace.id, access.user.id) : Promise.resolve({ actions: [], decisions: [] }),
    canManage ? listUnitCostOptions(access.workspace.id) : Promise.resolve([]),
    canManage ? getIndicatorDeletionImpact({ workspaceId: access.workspace.id, indicatorId: indicator.id, userId: access.user.id }) : Promise.resolve(null),
  ]);
  return {
    slug: access.workspace.slug,
    canManage,
    indicator: {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      polarity: indicator.polarity,
      code: indicator.code,
      story: indicator.story,
      baseline: baseline ? { period: baseline.period, value: displayDecimal(baseline.value), raw: baseline.value } : null,
      target: target ? { period: target.period, value: displayDecimal(target.value), raw: target.value } : null,
    },
    chart: renderTrendChart({ title: `${indicator.name}: values over time`, unit: indicator.unit, points, baseline, target, forecast }),
    verdict: judgeTrend(points, indicator.polarity, indicator.unit),
    forecast: forecast && horizonLabel ? describeForecast(forecast, indicator.unit, horizonLabel) : null,
    forecastMethod: FORECAST_METHOD,
    values: found.values.map((v) => ({ id: v.id, period: v.period, value: displayDecimal(v.value), raw: v.value, note: v.note, source: v.source })),
    deletion,
    partners: found.partners,
    actions: found.actions.map((a) => ({ ...a, due: a.dueOn ? formatDay(a.dueOn) : null })),
    decisions: found.decisions.map((d) => ({ ...d, decided: formatDay(d.decidedOn) })),
    estimates: found.estimates,
    options: {
      agencies: agencies.map((a) => ({ id: a.id, label: a.name })),
      actions: links.actions.map((a) => ({ id: a.id, label: a.description })),
      decisions: links.decisions.map((d) => ({ id: d.id, label: d.decision })),
      unitCosts: unitCosts.map((u) => ({ value: u.id, label: `${u.description} — ${formatPence(u.fiscalCostPence)} ${u.unit} (${u.priceYear} prices)` })),
    },
  };
}

const intentSchema = z.object({ intent: z.enum(["update", "delete", "add-value", "update-value", "delete-value", "add-estimate"]) });
const deleteValueSchema = z.object({ valueId: z.string().min(1).max(64) });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const form = await request.formData();
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const workspaceId = access.workspace.id;
  const indicatorId = params.id ?? "";
  const base = `/w/${access.workspace.slug}/indicators/${indicatorId}`;
  const notFound = () => denyAccess(access, request, 404, { reason: "indicator-not-found", indicatorId });
  const intent = intentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) return data({ target: "none", result: null }, { status: 400 });
  try {
    switch (intent.data.intent) {
      case "update": {
        const submission = parseWithZod(form, { schema: indicatorFieldsSchema });
        if (submission.status !== "success") return data({ target: "update", result: submission.reply() }, { status: 400 });
        try {
          if (!(await updateIndicator(actor, workspaceId, indicatorId, submission.value))) throw await notFound();
        } catch (error) {
          if (error instanceof InputError) return data({ target: "update", result: submission.reply(replyOptions(error)) }, { status: 400 });
          throw error;
        }
        return redirectWithFlash(base, { kind: "success", message: "Indicator saved" });
      }
      case "add-value": {
        const submission = parseWithZod(form, { schema: valueFieldsSchema });
        if (submission.status !== "success") return data({ target: "add-value", result: submission.reply() }, { status: 400 });
        try {
          if (!(await addIndicatorValue(actor, workspaceId, indicatorId, submission.value))) throw await notFound();
        } catch (error) {
          if (error instanceof InputError) return data({ target: "add-value", result: submission.reply(replyOptions(error)) }, { status: 400 });
          throw error;
        }
        return redirectWithFlash(`${base}#values`, { kind: "success", message: "Value added" });
      }
      case "delete": {
        const deleted = await deleteIndicator(actor, workspaceId, indicatorId);
        if (!deleted) throw await notFound();
        return redirectWithFlash(`/w/${access.workspace.slug}/indicators`, { kind: "success", message: `Indicator “${deleted.name}” deleted` });
      }
      case "update-value": {
        const valueId = deleteValueSchema.safeParse({ valueId: form.get("valueId") });
        if (!valueId.success) throw await notFound();
        const target = `value-${valueId.data.valueId}`;
        const submission = parseWithZod(form, { schema: valueFieldsSchema });
        if (submission.status !== "success") return data({ target, result: submission.reply() }, { status: 400 });
        try {
          if (!(await updateIndicatorValue(actor, workspaceId, indicatorId, valueId.data.valueId, submission.value))) throw await notFound();
        } catch (error) {
          if (error instanceof InputError) return data({ target, result: submission.reply(replyOptions(error)) }, { status: 400 });
          throw error;
        }
        return redirectWithFlash(`${base}#values`, { kind: "success", message: "Value saved" });
      }
      case "delete-value": {
        const parsed = deleteValueSchema.safeParse({ valueId: form.get("valueId") });
        if (!parsed.success || !(await deleteIndicatorValue(actor, workspaceId, indicatorId, parsed.data.valueId))) throw await notFound();
        return redirectWithFlash(`${base}#values`, { kind: "success", message: "Value deleted" });
      }
      case "add-estimate": {
        const submission = parseWithZod(form, { schema: estimateFieldsSchema });
        if (submission.status !== "success") return data({ target: "add-estimate", result: submission.reply() }, { status: 400 });
        try {
          const created = await createSavingsEstimate(actor, workspaceId, indicatorId, submission.value);
          if (!created) throw await notFound();
          return redirectWithFlash(`${base}/savings/${created.id}`, { kind: "success", message: "Savings estimate saved" });
        } catch (error) {
          if (error instanceof InputError) return data({ target: "add-estimate", result: submission.reply(replyOptions(error)) }, { status: 400 });
          throw error;
        }
      }
    }
  } catch (error) {
    if (error instanceof InputError) return data({ target: "none", result: null }, { status: 400 });
    throw error;
  }
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

type DeletionImpact = NonNullable<Awaited<ReturnType<typeof getIndicatorDeletionImpact>>>;

/** What goes and what is only unlinked, said before the person confirms. */
function DeleteIndicator({ name, impact }: { name: string; impact: DeletionImpact }) {
  const unlinked = [
    impact.actions ? plural(impact.actions, "action", "actions") + (impact.hiddenActions ? ` (${impact.hiddenActions} in learning sets you are not in)` : "") : null,
    impact.decisions ? plural(impact.decisions, "decision", "decisions") : null,
  ].filter((x): x is string => x !== null);
  return (
    <section className="mt-8 max-w-3xl" aria-labelledby="delete-indicator-title">
      <h2 id="delete-indicator-title" className="text-xl font-bold">
        Delete this indicator
      </h2>
      <DeleteOnDemand label="Delete this indicator" confirmLabel="Yes, delete the indicator" fields={{ intent: "delete" }} className="mt-3">
        <p className="font-semibold">Deleting “{name}” cannot be undone.</p>
        <ul className="mt-2 list-disc pl-5" data-testid="deletion-impact">
          <li>{impact.values ? `Its ${plural(impact.values, "value", "values")} will be deleted.` : "It has no values."}</li>
          {impact.estimates.length ? (
            <li>
              {impact.estimates.length === 1 ? "Its savings estimate will be deleted" : `Its ${impact.estimates.length} savings estimates will be deleted`}:{" "}
              {impact.estimates.map((e) => `“${e.title}”`).join(", ")}.
            </li>
          ) : null}
          {impact.insights.length ? (
            <li>
              {impact.insights.length === 1 ? "This insight stays but loses its link to the indicator" : "These insights stay but lose their link to the indicator"}:{" "}
              {impact.insights.map((i) => `“${i.statement}”`).join(", ")}.
            </li>
          ) : null}
          {unlinked.length ? <li>Linked {unlinked.join(", ")} stay, unlinked from it.</li> : null}
          {impact.partners ? <li>The partner agencies stay; only the list of partners for this indicator goes.</li> : null}
        </ul>
      </DeleteOnDemand>
    </section>
  );
}

const CONFIDENCE_LABEL = { high: "High", medium: "Medium", low: "Low" } as const;

export default function IndicatorPage() {
  const { slug, canManage, indicator, chart, verdict, forecast, forecastMethod, values, deletion, partners, actions, decisions, estimates, options } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = (target: string) => (actionData?.target === target && actionData.result ? actionData.result : undefined);
  const unit = indicator.unit ? ` ${indicator.unit}` : "";
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/indicators`}>All indicators</Link>
      </p>
      <h1 className="page-title mt-2">{indicator.name}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
        {indicator.unit ? <span>Unit: {indicator.unit}</span> : null}
        <span>{indicator.polarity === "lower_is_better" ? "Lower is better" : "Higher is better"}</span>
        {indicator.code ? <span>Code: {indicator.code}</span> : null}
        <span>Baseline: {indicator.baseline ? `${indicator.baseline.value}${unit} (${indicator.baseline.period})` : "not set"}</span>
        <span>Target: {indicator.target ? `${indicator.target.value}${unit} (${indicator.target.period})` : "not set"}</span>
      </p>

      <section className="mt-6" aria-labelledby="verdict-title">
        <h2 id="verdict-title" className="text-xl font-bold">
          Is the curve turning?
        </h2>
        <p className="mt-2" data-testid="verdict">
          <VerdictBadge verdict={verdict} />
        </p>
        <p className="mt-1 text-sm">{verdict.detail}</p>
      </section>

      <section className="mt-6" aria-labelledby="trend-title-heading">
        <h2 id="trend-title-heading" className="text-xl font-bold">
          Trend
        </h2>
        {/* The SVG is built on the server from escaped text (app/models/indicator/trend-chart.ts). */}
        <div className="card mt-3 max-w-3xl" data-testid="trend-chart" dangerouslySetInnerHTML={{ __html: chart }} />
        <p className="mt-2 text-sm">
          Key: solid line and dots, the values; dotted line, the baseline; long dashes, the target; dash-dot line, the forecast.
        </p>
        {forecast ? <p className="mt-2 text-sm">{forecast}</p> : null}
        <p className="mt-1 text-sm text-slate-700">Forecast method: {forecastMethod}</p>
      </section>

      <section id="values" className="mt-8" aria-labelledby="values-title">
        <h2 id="values-title" className="text-xl font-bold">
          Values
        </h2>
        {values.length === 0 ? (
          <p className="mt-2">No values yet.</p>
        ) : (
          <ScrollRegion label="Values" className="mt-3"><table className="table">
            <caption className="sr-only">Values of {indicator.name}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Value</th>
                <th scope="col">Source</th>
                <th scope="col">Note</th>
                {canManage ? <th scope="col">Change or delete</th> : null}
              </tr>
            </thead>
            <tbody>
              {values.map((v) => (
                <tr key={v.id}>
                  <td>{v.period}</td>
                  <td>{v.value}</td>
                  <td>{v.source}</td>
                  <td>{v.note}</td>
                  {canManage ? (
                    <td className="min-w-[10rem]">
                      <div className="flex flex-col items-start gap-2">
                        <EditOnDemand
                          key={`${v.period}|${v.raw}|${v.note}|${v.source}`}
                          label="Change"
                          context={`the ${v.period} value`}
                          open={actionData?.target === `value-${v.id}`}
                        >
                          <div className="min-w-[18rem]">
                            <ValueForm
                              id={`edit-value-${v.id}`}
                              valueId={v.id}
                              defaults={{ period: v.period, value: v.raw, note: v.note, source: v.source }}
                              submitLabel="Save value"
                              lastResult={result(`value-${v.id}`)}
                            />
                          </div>
                        </EditOnDemand>
                        <DeleteOnDemand label="Delete" context={`the ${v.period} value`} confirmLabel={`Yes, delete the ${v.period} value`} fields={{ intent: "delete-value", valueId: v.id }}>
                          <p>
                            Delete {v.value}
                            {unit} for {v.period}? The trend, forecast and verdict are drawn again without it. This cannot be undone.
                          </p>
                        </DeleteOnDemand>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
        {canManage ? (
          <details key={values.length} className="card mt-4 max-w-3xl" open={actionData?.target === "add-value"}>
            <summary className="cursor-pointer font-semibold">Add a value</summary>
            <div className="mt-3">
              <ValueForm lastResult={result("add-value")} />
            </div>
          </details>
        ) : null}
      </section>

      <section className="mt-8 max-w-3xl" aria-labelledby="story-title">
        <h2 id="story-title" className="text-xl font-bold">
          The story behind the curve
        </h2>
        <p className="mt-2 whitespace-pre-line">{indicator.story || "Not written yet."}</p>
      </section>

      <div className="mt-8 grid gap-6 md:grid-cols-3">
        <section aria-labelledby="partners-title">
          <h2 id="partners-title" className="text-lg font-bold">
            Partners
          </h2>
          {partners.length ? (
            <ul className="mt-2 list-disc pl-5">
              {partners.map((p) => (
                <li key={p.id}>{p.name}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">None named.</p>
          )}
        </section>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title" className="text-lg font-bold">
            Linked actions
          </h2>
          {actions.length ? (
            <ul className="mt-2 list-disc pl-5">
              {actions.map((a) => (
                <li key={a.id}>
                  {a.description} ({a.status === "done" ? "done" : a.status === "partly" ? "partly done" : "open"}
                  {a.due ? `, due ${a.due}` : ""})
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">None linked.</p>
          )}
          <p className="mt-1 text-sm">
            <Link to={`/w/${slug}/actions`}>All actions</Link>
          </p>
        </section>
        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title" className="text-lg font-bold">
            Linked decisions
          </h2>
          {decisions.length ? (
            <ul className="mt-2 list-disc pl-5">
              {decisions.map((d) => (
                <li key={d.id}>
                  <Link to={`/w/${slug}/decisions#decision-${d.id}`}>{d.decision}</Link> ({d.decided})
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">None linked.</p>
          )}
        </section>
      </div>

      <section className="mt-8 max-w-3xl" aria-labelledby="estimates-title">
        <h2 id="estimates-title" className="text-xl font-bold">
          Savings estimates
        </h2>
        {estimates.length ? (
          <ul className="mt-2 list-disc pl-5">
            {estimates.map((e) => (
              <li key={e.id}>
                <Link to={`/w/${slug}/indicators/${indicator.id}/savings/${e.id}`}>{e.title}</Link> ({e.priceYear} prices, {CONFIDENCE_LABEL[e.confidence].toLowerCase()}{" "}
                confidence)
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">No savings estimates yet.</p>
        )}
        {canManage && values.length >= 2 ? (
          <details className="card mt-4" open={actionData?.target === "add-estimate"}>
            <summary className="cursor-pointer font-semibold">Estimate the cost avoided</summary>
            <p className="mt-2 text-sm">
              HM Treasury Green Book / GMCA method: gross = change × unit cost; less deadweight; times attribution; less optimism bias.
            </p>
            <div className="mt-3">
              {options.unitCosts.length ? (
                <EstimateForm
                  lastResult={result("add-estimate")}
                  values={values.map((v) => ({ value: v.id, label: `${v.period}: ${v.value}${unit}` }))}
                  unitCosts={options.unitCosts}
                />
              ) : (
                <p>The workspace has no unit costs yet; add one to the unit-cost library first.</p>
              )}
            </div>
          </details>
        ) : null}
      </section>

      {canManage ? (
        <details className="card mt-8 max-w-3xl" open={actionData?.target === "update"}>
          <summary className="cursor-pointer font-semibold">Edit this indicator</summary>
          <div className="mt-3">
            <IndicatorForm
              id="edit-indicator"
              intent="update"
              lastResult={result("update")}
              defaults={{
                name: indicator.name,
                unit: indicator.unit,
                polarity: indicator.polarity,
                code: indicator.code,
                story: indicator.story,
                baselinePeriod: indicator.baseline?.period ?? "",
                baselineValue: indicator.baseline?.raw ?? "",
                targetPeriod: indicator.target?.period ?? "",
                targetValue: indicator.target?.raw ?? "",
                agencyIds: partners.map((p) => p.id),
                actionIds: actions.map((a) => a.id),
                decisionIds: decisions.map((d) => d.id),
              }}
              agencies={options.agencies}
              actions={options.actions}
              decisions={options.decisions}
              submitLabel="Save indicator"
            />
          </div>
        </details>
      ) : null}
      {canManage && deletion ? <DeleteIndicator name={indicator.name} impact={deletion} /> : null}
    </main>
  );
}
