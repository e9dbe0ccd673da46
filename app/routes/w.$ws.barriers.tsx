import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { BarrierLevelBadge, InsightStatusBadge } from "../components/insights/insight-badges";
import { formatDateTime } from "../components/learning/format";
import { ScrollRegion } from "../components/scroll-region";
import { barrierFilterSchema } from "../models/insight/insight.schema";
import { listInsights } from "../models/insight/insight.server";
import { requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction = () => [{ title: "Barrier register — Praxis" }];

const VIEWS = [
  { level: null, label: "All barriers" },
  { level: "local", label: "Local — ours to fix" },
  { level: "national", label: "National — to relay to government" },
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "insight:read");
  const { level } = barrierFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const barriers = await listInsights({ workspaceId: workspace.id, kind: "barrier", barrierLevel: level });
  return { slug: workspace.slug, level: level ?? null, barriers };
}

export default function BarriersPage() {
  const { slug, level, barriers } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Barrier register</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        What stands in the way: local barriers the partnership can fix itself, and national ones — legislation, government rules — that it relays to government as learning.
      </p>
      <nav aria-label="Barrier views" className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {VIEWS.map((v) => (
            <li key={v.label}>
              <Link
                to={v.level ? `/w/${slug}/barriers?level=${v.level}` : `/w/${slug}/barriers`}
                aria-current={level === v.level ? "page" : undefined}
                className={`inline-block rounded-md border px-3 py-1 text-sm font-semibold no-underline ${level === v.level ? "border-brand-700 bg-brand-100 text-brand-900" : "border-slate-400 text-slate-800"}`}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {barriers.length === 0 ? (
        <p className="mt-6">No barriers recorded{level ? " at this level" : ""} yet.</p>
      ) : (
        <ScrollRegion label="Barriers"><table className="mt-6 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Barriers{level ? ` (${level})` : ""}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-3">
                Barrier
              </th>
              <th scope="col" className="py-2 pr-3">
                Level
              </th>
              <th scope="col" className="py-2 pr-3">
                Relayed to
              </th>
              <th scope="col" className="py-2 pr-3">
                Status
              </th>
              <th scope="col" className="py-2 pr-3">
                Backed by
              </th>
              <th scope="col" className="py-2">
                Last changed
              </th>
            </tr>
          </thead>
          <tbody>
            {barriers.map((b) => (
              <tr key={b.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-3">
                  <Link to={`/w/${slug}/insights/${b.id}`}>{b.statement}</Link>
                </td>
                <td className="py-2 pr-3">{b.barrierLevel ? <BarrierLevelBadge level={b.barrierLevel} /> : "Not set"}</td>
                <td className="py-2 pr-3">{b.relayedTo || (b.barrierLevel === "national" ? "Not yet relayed" : "—")}</td>
                <td className="py-2 pr-3">
                  <InsightStatusBadge status={b.status} />
                </td>
                <td className="py-2 pr-3">
                  {b.excerpts} {b.excerpts === 1 ? "excerpt" : "excerpts"}, {b.evidence} {b.evidence === 1 ? "piece" : "pieces"} of evidence
                </td>
                <td className="py-2">{formatDateTime(b.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      )}
    </main>
  );
}
