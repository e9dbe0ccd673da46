import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { EMPTY_INDICATOR, IndicatorForm } from "../components/indicators/indicator-form";
import { VerdictBadge } from "../components/indicators/verdict-badge";
import { ScrollRegion } from "../components/scroll-region";
import { listActiveAgencies } from "../models/agency/agency.server";
import { displayDecimal } from "../models/indicator/decimal";
import { canManageIndicators } from "../models/indicator/indicator.policy";
import { indicatorFieldsSchema } from "../models/indicator/indicator.schema";
import { createIndicator, listIndicators, listLinkOptions } from "../models/indicator/indicator.server";
import { judgeTrend } from "../models/indicator/trend";
import { InputError, replyOptions } from "../models/set/input-error";
import { requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Outcome indicators — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const canManage = canManageIndicators(role);
  const [indicators, agencies, links] = await Promise.all([
    listIndicators(workspace.id),
    canManage ? listActiveAgencies(workspace.id) : Promise.resolve([]),
    canManage ? listLinkOptions(workspace.id, user.id) : Promise.resolve({ actions: [], decisions: [] }),
  ]);
  return {
    slug: workspace.slug,
    canManage,
    indicators: indicators.map((i) => {
      const latest = i.points.at(-1) ?? null;
      return {
        id: i.id,
        name: i.name,
        unit: i.unit,
        polarity: i.polarity,
        count: i.points.length,
        latest: latest ? { period: latest.period, value: displayDecimal(latest.value) } : null,
        verdict: judgeTrend(i.points, i.polarity, i.unit),
      };
    }),
    agencies: agencies.map((a) => ({ id: a.id, label: a.name })),
    actions: links.actions.map((a) => ({ id: a.id, label: a.description })),
    decisions: links.decisions.map((d) => ({ id: d.id, label: d.decision })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: indicatorFieldsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const { id } = await createIndicator({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, submission.value);
    return redirectWithFlash(`/w/${access.workspace.slug}/indicators/${id}`, { kind: "success", message: "Indicator created" });
  } catch (error) {
    if (error instanceof InputError) return data({ result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function IndicatorsPage() {
  const { slug, canManage, indicators, agencies, actions, decisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Outcome indicators</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        The outcomes the board is trying to turn, each with its values over time, its baseline and target, the story behind the curve and a
        plain-words verdict on which way it is going.
      </p>
      {canManage ? (
        <p className="mt-4">
          <Link to={`/w/${slug}/indicators/import`}>Import values from a CSV file</Link>
        </p>
      ) : null}
      {indicators.length === 0 ? (
        <p className="mt-6">No indicators yet.</p>
      ) : (
        <ScrollRegion label="Indicators"><table className="table mt-6">
          <caption className="sr-only">Indicators</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Latest value</th>
              <th scope="col">Values</th>
              <th scope="col">Which way is better</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/w/${slug}/indicators/${i.id}`}>{i.name}</Link>
                </td>
                <td>{i.latest ? `${i.latest.value}${i.unit ? ` ${i.unit}` : ""} (${i.latest.period})` : "None yet"}</td>
                <td>{i.count}</td>
                <td>{i.polarity === "lower_is_better" ? "Lower" : "Higher"}</td>
                <td>
                  <VerdictBadge verdict={i.verdict} />
                </td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      )}
      {canManage ? (
        <section className="mt-10 max-w-3xl" aria-labelledby="new-indicator-title">
          <h2 id="new-indicator-title" className="text-xl font-bold">
            Add an indicator
          </h2>
          <div className="card mt-3">
            <IndicatorForm
              id="new-indicator"
              intent="create"
              lastResult={actionData?.result}
              defaults={EMPTY_INDICATOR}
              agencies={agencies}
              actions={actions}
              decisions={decisions}
              submitLabel="Add indicator"
            />
          </div>
        </section>
      ) : null}
    </main>
  );
}
