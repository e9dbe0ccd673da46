import { Link } from "@remix-run/react";

import {
  EVIDENCE_KINDS,
  LINK_KIND_LABELS,
  type LinkKind,
} from "../../models/insight/insight.constants";
import type { EvidenceStrength } from "../../models/insight/insight.policy";
import { EvidenceStrengthSummary } from "./evidence-strength";
import { InsightKindBadge, InsightStatusBadge } from "./insight-badges";

type Target = { id: string; label: string; detail: string };
type TrailInsight = {
  id: string;
  statement: string;
  kind: "finding" | "barrier" | "opportunity" | "question";
  status: "emerging" | "tested" | "adopted" | "dropped";
  strength: EvidenceStrength;
  excerpts: Array<{ id: string; readable: boolean }>;
  links: Record<LinkKind, { items: Target[]; hidden: number }>;
};

/** Each evidence item once, however many of the inquiry's insights cite it. */
function distinct(insights: TrailInsight[], kind: LinkKind): Target[] {
  const seen = new Map<string, Target>();
  for (const i of insights) for (const t of i.links[kind].items) seen.set(t.id, t);
  return [...seen.values()];
}

/** The insights part of an inquiry's learning trail: insights → evidence → (actions, decisions) → indicators. */
export function InquiryTrailInsights({
  slug,
  inquiryId,
  insights,
  part,
  trends,
}: {
  slug: string;
  inquiryId: string;
  insights: TrailInsight[];
  part: "insights" | "evidence" | "indicators";
  /** Each linked indicator's verdict and server-drawn trend chart (SVG from the indicator domain). */
  trends?: Record<string, { verdict: string; svg: string | null }>;
}) {
  if (part === "insights") {
    return (
      <section className="card" aria-labelledby="trail-insights">
        <h3 id="trail-insights" className="text-lg font-semibold">
          Insights ({insights.length})
        </h3>
        <p className="mt-1 text-sm">
          <Link to={`/w/${slug}/insights?inquiry=${inquiryId}`}>
            Insight board for this question
          </Link>
        </p>
        {insights.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            No insight has been drawn for this question yet.
          </p>
        ) : null}
        <ul className="mt-2 space-y-3">
          {insights.map((i) => {
            const informs = [
              ...i.links.action.items.map((a) => `action: ${a.label}`),
              ...i.links.decision.items.map((d) => `decision: ${d.label}`),
            ];
            return (
              <li key={i.id}>
                <Link to={`/w/${slug}/insights/${i.id}`} className="font-medium">
                  {i.statement}
                </Link>
                <span className="mt-1 flex flex-wrap items-center gap-2 text-xs">
                  <InsightKindBadge kind={i.kind} />
                  <InsightStatusBadge status={i.status} />
                  <span>
                    {i.excerpts.length} {i.excerpts.length === 1 ? "excerpt" : "excerpts"}
                  </span>
                </span>
                <div className="mt-1">
                  <EvidenceStrengthSummary strength={i.strength} compact />
                </div>
                {informs.length ? (
                  <p className="text-xs text-slate-700">Led to {informs.join("; ")}</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    );
  }
  if (part === "evidence") {
    const groups = EVIDENCE_KINDS.filter((k) => k !== "indicator").map((kind) => ({
      kind,
      items: distinct(insights, kind),
    }));
    const total = groups.reduce((n, g) => n + g.items.length, 0);
    return (
      <section className="card" aria-labelledby="trail-evidence">
        <h3 id="trail-evidence" className="text-lg font-semibold">
          Evidence behind the insights ({total})
        </h3>
        <p className="mt-1 text-sm text-slate-700">Cases by reference only.</p>
        {total === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            No case, spend or unit cost evidence is linked to these insights yet.
          </p>
        ) : null}
        {groups
          .filter((g) => g.items.length > 0)
          .map((g) => (
            <div key={g.kind} className="mt-2">
              <h4 className="text-sm font-semibold">{LINK_KIND_LABELS[g.kind].many}</h4>
              <ul className="list-disc pl-5 text-sm">
                {g.items.map((t) => (
                  <li key={t.id}>
                    {t.label}
                    {t.detail ? <span className="text-slate-700"> · {t.detail}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </section>
    );
  }
  const indicators = distinct(insights, "indicator");
  return (
    <section className="card" aria-labelledby="trail-indicators">
      <h3 id="trail-indicators" className="text-lg font-semibold">
        Outcome indicators ({indicators.length})
      </h3>
      {indicators.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">
          No outcome indicator is linked to these insights yet.
        </p>
      ) : null}
      <ul className="mt-2 list-disc pl-5 text-sm">
        {indicators.map((t) => (
          <li key={t.id}>
            <a href={`/w/${slug}/indicators/${t.id}`} className="font-medium">
              {t.label}
            </a>
            {t.detail ? <span className="text-slate-700"> · {t.detail}</span> : null}
            {trends?.[t.id] ? <p className="text-slate-800">{trends[t.id].verdict}</p> : null}
            {trends?.[t.id]?.svg ? (
              // Drawn by the indicator domain's renderTrendChart, which escapes every text it writes.
               
              <div className="mt-2 max-w-2xl" dangerouslySetInnerHTML={{ __html: trends[t.id].svg ?? "" }} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
