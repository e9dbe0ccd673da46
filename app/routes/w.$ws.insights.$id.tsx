import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { EvidenceStrengthSummary } from "../components/insights/evidence-strength";
import {
  BarrierLevelBadge,
  ConfidenceText,
  InsightKindBadge,
  InsightStatusBadge,
  LEVEL_LABELS,
} from "../components/insights/insight-badges";
import { InsightForm } from "../components/insights/insight-form";
import { LinkPicker } from "../components/insights/link-picker";
import { formatDateTime } from "../components/learning/format";
import { LINK_KIND_LABELS, LINK_KINDS } from "../models/insight/insight.constants";
import { canEditInsights, isStalePriceYear } from "../models/insight/insight.policy";
import { insightPageActionSchema, pickerQuerySchema } from "../models/insight/insight.schema";
import {
  addInsightLink,
  getInsightDetail,
  removeInsightLink,
  searchLinkTargets,
  updateInsight,
} from "../models/insight/insight.server";
import { InputError, replyOptions } from "../models/set/input-error";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.insight.statement ?? "Insight"} — Praxis` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "insight:read");
  const { workspace, user, role } = access;
  const ipAddress = getClientIp(request);
  const insight = await getInsightDetail({
    workspaceId: workspace.id,
    userId: user.id,
    insightId: params.id ?? "",
    ipAddress,
  });
  if (!insight)
    throw await denyAccess(access, request, 404, {
      reason: "insight-not-found",
      insightId: params.id,
    });
  const canEdit = canEditInsights(role);
  const url = new URL(request.url);
  // The picker without JavaScript: `?pick=<kind>&q=<words>` lists what may be linked.
  const picked = url.searchParams.has("pick")
    ? pickerQuerySchema.safeParse(Object.fromEntries(url.searchParams))
    : null;
  const picker =
    canEdit && picked?.success
      ? {
          pick: picked.data.pick,
          q: picked.data.q,
          results: await searchLinkTargets({
            workspaceId: workspace.id,
            userId: user.id,
            kind: picked.data.pick,
            q: picked.data.q,
            ipAddress,
          }),
        }
      : { pick: null, q: "", results: null };
  return {
    slug: workspace.slug,
    canEdit,
    insight,
    picker: {
      ...picker,
      results: picker.results?.map(({ id, label, detail }) => ({ id, label, detail })) ?? null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "insight:edit");
  const insightId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: insightPageActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent === "update" ? "update" : "link";
    return data({ target: intent, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const base = `/w/${access.workspace.slug}/insights/${insightId}`;
  try {
    if (input.intent === "update") {
      if (!(await updateInsight(actor, access.workspace.id, insightId, input)))
        throw await denyAccess(access, request, 404, { reason: "insight-not-found", insightId });
      return redirectWithFlash(base, { kind: "success", message: "Insight saved" });
    }
    if (input.intent === "unlink") {
      if (
        !(await removeInsightLink(actor, access.workspace.id, {
          insightId,
          kind: input.kind,
          targetId: input.targetId,
        }))
      ) {
        throw await denyAccess(access, request, 404, { reason: "insight-not-found", insightId });
      }
      return redirectWithFlash(`${base}#links`, {
        kind: "success",
        message: `${LINK_KIND_LABELS[input.kind].one} unlinked`,
      });
    }
    if (
      !(await addInsightLink(actor, access.workspace.id, {
        insightId,
        kind: input.kind,
        targetId: input.targetId,
      }))
    ) {
      throw await denyAccess(access, request, 404, { reason: "insight-not-found", insightId });
    }
    return redirectWithFlash(`${base}#links`, {
      kind: "success",
      message: `${LINK_KIND_LABELS[input.kind].one} linked`,
    });
  } catch (error) {
    if (error instanceof InputError)
      return data(
        {
          target: input.intent === "update" ? "update" : "link",
          result: submission.reply(replyOptions(error)),
        },
        { status: 400 },
      );
    throw error;
  }
}

export default function InsightPage() {
  const { slug, canEdit, insight, picker } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const linkErrors =
    actionData?.target === "link"
      ? [...(actionData.result.error?.targetId ?? []), ...(actionData.result.error?.kind ?? [])]
      : undefined;
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/insights`}>All insights</Link>
        {insight.kind === "barrier" ? (
          <>
            {" · "}
            <Link to={`/w/${slug}/barriers`}>Barrier register</Link>
          </>
        ) : null}
      </p>
      <h1 className="page-title max-w-4xl">{insight.statement}</h1>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-800">
        <InsightKindBadge kind={insight.kind} />
        <InsightStatusBadge status={insight.status} />
        <ConfidenceText confidence={insight.confidence} />
        {insight.barrierLevel ? <BarrierLevelBadge level={insight.barrierLevel} /> : null}
        <span>
          Recorded by {insight.createdByName ?? "a former member"} · last changed{" "}
          {formatDateTime(insight.updatedAt)}
        </span>
      </div>
      {insight.barrierLevel ? (
        <p className="mt-2 text-sm">
          {LEVEL_LABELS[insight.barrierLevel]}
          {insight.relayedTo
            ? ` · relayed to ${insight.relayedTo}`
            : insight.barrierLevel === "national"
              ? " · not yet relayed"
              : ""}
        </p>
      ) : null}

      <section className="card mt-6" aria-labelledby="strength-title">
        <h2 id="strength-title" className="text-lg font-semibold">
          Strength of evidence
        </h2>
        <div className="mt-2">
          <EvidenceStrengthSummary strength={insight.strength} />
        </div>
      </section>

      <section className="mt-6" aria-labelledby="excerpts-title">
        <h2 id="excerpts-title" className="text-xl font-bold">
          From the logs ({insight.excerpts.length})
        </h2>
        {insight.excerpts.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            No log is quoted yet. Select words in a log and choose “Insight” in its toolbar.
          </p>
        ) : null}
        <ul className="mt-3 space-y-3">
          {insight.excerpts.map((e) =>
            e.readable ? (
              <li key={e.id} className="card">
                <blockquote className="border-l-4 border-amber-700 pl-3 text-slate-900">
                  “{e.text}”
                </blockquote>
                <p className="mt-2 text-sm text-slate-700">
                  From <Link to={`/w/${slug}/logs/${e.logId}`}>{e.logTitle}</Link>
                </p>
                {e.removed ? (
                  <p className="mt-2 rounded border-l-4 border-red-700 bg-red-50 px-2 py-1 text-sm font-semibold text-red-900">
                    These words have been removed from the log; this is the last excerpt quoted.
                  </p>
                ) : !e.confirmed ? (
                  <p className="mt-2 text-sm text-slate-700">
                    The words as selected; they are read from the log itself once it has saved the
                    highlight.
                  </p>
                ) : null}
              </li>
            ) : (
              <li key={e.id} className="card text-sm text-slate-800">
                An excerpt from a log you cannot read
                {e.removed ? " (since removed from that log)" : ""}.
              </li>
            ),
          )}
        </ul>
      </section>

      <section id="links" className="mt-8" aria-labelledby="links-title">
        <h2 id="links-title" className="text-xl font-bold">
          Linked evidence and learning
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          {LINK_KINDS.map((kind) => {
            const { items, hidden } = insight.links[kind];
            return (
              <section key={kind} className="card" aria-labelledby={`links-${kind}`}>
                <h3 id={`links-${kind}`} className="text-base font-semibold">
                  {LINK_KIND_LABELS[kind].many} ({items.length + hidden})
                </h3>
                {items.length === 0 && hidden === 0 ? (
                  <p className="mt-1 text-sm text-slate-700">None linked.</p>
                ) : null}
                <ul className="mt-1 space-y-2">
                  {items.map((t) => (
                    <li key={t.id} className="text-sm">
                      <span className="font-medium">{t.label}</span>
                      {t.detail ? <span className="block text-slate-700">{t.detail}</span> : null}
                      {t.priceYear !== undefined && isStalePriceYear(t.priceYear) ? (
                        <span className="badge mt-1 border border-amber-800 bg-amber-50 text-amber-900">
                          <span aria-hidden="true">⚠&nbsp;</span>Stale price year
                        </span>
                      ) : null}
                      {canEdit ? (
                        <Form method="post" className="mt-1">
                          <input type="hidden" name="intent" value="unlink" />
                          <input type="hidden" name="kind" value={kind} />
                          <input type="hidden" name="targetId" value={t.id} />
                          <button type="submit" className="text-sm text-brand-800 underline">
                            Unlink<span className="sr-only"> {t.label}</span>
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {hidden > 0 ? (
                  <p className="mt-1 text-sm text-slate-700">
                    {hidden === 1 ? "One more is" : `${hidden} more are`} linked that you cannot see
                    (committed in a learning set you are not in).
                  </p>
                ) : null}
              </section>
            );
          })}
        </div>
      </section>

      {canEdit ? (
        <section
          id="link-evidence"
          className="card mt-8 max-w-3xl"
          aria-labelledby="link-evidence-title"
        >
          <h2 id="link-evidence-title" className="text-lg font-semibold">
            Link evidence or learning
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Cases and journey events are offered by reference only; you are offered only what you
            may see.
          </p>
          {/* Keyed on the links so that a successful link leaves a fresh, empty picker. */}
          <LinkPicker
            key={LINK_KINDS.map((k) => insight.links[k].items.length).join("-")}
            targetsUrl={`/w/${slug}/insights/${insight.id}/targets`}
            kinds={LINK_KINDS}
            pick={picker.pick}
            q={picker.q}
            results={picker.results}
            errors={linkErrors}
          />
        </section>
      ) : null}

      {canEdit ? (
        <details className="card mt-8 max-w-3xl" open={actionData?.target === "update"}>
          <summary className="cursor-pointer text-lg font-semibold">Edit this insight</summary>
          <div className="mt-3">
            <InsightForm
              id="edit-insight"
              intent="update"
              lastResult={actionData?.target === "update" ? actionData.result : undefined}
              defaults={{
                statement: insight.statement,
                kind: insight.kind,
                status: insight.status,
                confidence: insight.confidence,
                barrierLevel: insight.barrierLevel ?? "",
                relayedTo: insight.relayedTo,
              }}
              submitLabel="Save insight"
            />
          </div>
        </details>
      ) : null}
    </main>
  );
}
