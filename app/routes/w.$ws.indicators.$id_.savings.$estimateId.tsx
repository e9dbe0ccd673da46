import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { displayDecimal, formatBp } from "../models/indicator/decimal";
import { canManageIndicators } from "../models/indicator/indicator.policy";
import { findIndicator } from "../models/indicator/indicator.server";
import { formatPence, ROUNDING_RULE } from "../models/savings/savings";
import { deleteSavingsEstimate, getSavingsEstimate } from "../models/savings/savings.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.estimate.title ?? "Savings estimate"} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const indicator = await findIndicator(access.workspace.id, params.id ?? "");
  const estimate = indicator ? await getSavingsEstimate(access.workspace.id, indicator.id, params.estimateId ?? "") : null;
  if (!indicator || !estimate) throw await denyAccess(access, request, 404, { reason: "estimate-not-found", estimateId: params.estimateId });
  const r = estimate.result;
  return {
    slug: access.workspace.slug,
    canManage: canManageIndicators(access.role),
    indicator: { id: indicator.id, name: indicator.name, unit: indicator.unit, polarity: indicator.polarity },
    estimate: {
      title: estimate.title,
      from: `${displayDecimal(estimate.fromValue)} (${estimate.fromPeriod})`,
      to: `${displayDecimal(estimate.toValue)} (${estimate.toPeriod})`,
      change: displayDecimal(estimate.change),
      unitCost: formatPence(estimate.unitCostPence),
      unitCostDescription: estimate.unitCostDescription,
      unitCostUnit: estimate.unitCostUnit,
      unitCostCode: estimate.unitCostCode,
      source: estimate.unitCostSource,
      priceYear: estimate.priceYear,
      deadweight: formatBp(estimate.deadweightBp),
      keep: formatBp(10_000 - estimate.deadweightBp),
      attribution: formatBp(estimate.attributionBp),
      optimismBias: formatBp(estimate.optimismBiasBp),
      realism: formatBp(10_000 - estimate.optimismBiasBp),
      confidence: estimate.confidence,
      assumptions: estimate.assumptions,
      gross: formatPence(r.grossPence),
      afterDeadweight: formatPence(r.afterDeadweightPence),
      attributable: formatPence(r.attributablePence),
      net: formatPence(r.netPence),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const form = await request.formData();
  if (form.get("intent") !== "delete") return new Response("Unknown request", { status: 400 });
  const deleted = await deleteSavingsEstimate({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, params.id ?? "", params.estimateId ?? "");
  if (!deleted) throw await denyAccess(access, request, 404, { reason: "estimate-not-found", estimateId: params.estimateId });
  return redirectWithFlash(`/w/${access.workspace.slug}/indicators/${params.id}`, { kind: "success", message: "Savings estimate deleted" });
}

const CONFIDENCE = { high: "High", medium: "Medium", low: "Low" } as const;

export default function SavingsEstimatePage() {
  const { slug, canManage, indicator, estimate: e } = useLoaderData<typeof loader>();
  const unit = indicator.unit ? ` ${indicator.unit}` : "";
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/indicators/${indicator.id}`}>Back to {indicator.name}</Link>
      </p>
      <h1 className="page-title mt-2">{e.title}</h1>
      <p className="mt-2 text-slate-700">
        A cost-avoidance estimate, not a cash saving: the HM Treasury Green Book / GMCA cost-benefit method applied to a change in “{indicator.name}”.
      </p>

      <section className="card mt-6" aria-labelledby="calc-title">
        <h2 id="calc-title" className="text-xl font-bold">
          The calculation
        </h2>
        <table className="table mt-3">
          <caption className="sr-only">Each step of the calculation</caption>
          <tbody>
            <tr>
              <th scope="row">Change counted</th>
              <td>
                {e.change}
                {unit}: from {e.from} to {e.to} ({indicator.polarity === "lower_is_better" ? "a fall, where lower is better" : "a rise, where higher is better"})
              </td>
            </tr>
            <tr>
              <th scope="row">Unit cost</th>
              <td>
                {e.unitCost} {e.unitCostUnit}: {e.unitCostDescription}
                {e.unitCostCode ? ` (${e.unitCostCode})` : ""}
              </td>
            </tr>
            <tr>
              <th scope="row">Gross (change × unit cost)</th>
              <td data-testid="gross">{e.gross}</td>
            </tr>
            <tr>
              <th scope="row">Less deadweight of {e.deadweight} (keep {e.keep})</th>
              <td>{e.afterDeadweight}</td>
            </tr>
            <tr>
              <th scope="row">Times attribution of {e.attribution}</th>
              <td>{e.attributable}</td>
            </tr>
            <tr>
              <th scope="row">Less optimism bias of {e.optimismBias} (keep {e.realism})</th>
              <td data-testid="net">
                <strong>{e.net}</strong> estimated cost avoided, at {e.priceYear} prices
              </td>
            </tr>
          </tbody>
        </table>
        <p className="mt-2 text-sm">{ROUNDING_RULE}</p>
      </section>

      <section className="mt-6" aria-labelledby="assumptions-title">
        <h2 id="assumptions-title" className="text-xl font-bold">
          Assumptions, source and confidence
        </h2>
        <dl className="mt-3 space-y-2">
          <div>
            <dt className="font-semibold">Assumptions</dt>
            <dd className="whitespace-pre-line" data-testid="assumptions">
              {e.assumptions}
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Source of the unit cost</dt>
            <dd>{e.source}</dd>
          </div>
          <div>
            <dt className="font-semibold">Price year</dt>
            <dd>{e.priceYear}</dd>
          </div>
          <div>
            <dt className="font-semibold">Confidence</dt>
            <dd>{CONFIDENCE[e.confidence]}</dd>
          </div>
        </dl>
      </section>

      {canManage ? (
        <DeleteOnDemand label="Delete this estimate" confirmLabel="Yes, delete this estimate" fields={{ intent: "delete" }} className="mt-8">
          <p>Deleting removes the estimate from the indicator&apos;s page. This cannot be undone.</p>
        </DeleteOnDemand>
      ) : null}
    </main>
  );
}
