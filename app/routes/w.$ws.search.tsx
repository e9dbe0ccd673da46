import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { Pager } from "../components/pager";
import { KIND_LABELS, type InsightKind } from "../models/insight/insight.constants";
import type { LogVisibility } from "../models/log/log.constants";
import { VISIBILITY_SHORT } from "../models/log/log.policy";
import { searchWorkspacePage, type SnippetPart } from "../models/search/search.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime, isoDateTime } from "../utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.q ? `Search: ${d.q} — Praxis` : "Search — Praxis" }];

const querySchema = z.string().trim().max(200).catch("");
/** Anything that is not a sensible page number shows the first page. */
const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "search:use");
  const searchParams = new URL(request.url).searchParams;
  const q = querySchema.parse(searchParams.get("q") ?? "");
  const page = pageSchema.parse(searchParams.get("page") ?? 1);
  const found = q ? await searchWorkspacePage({ workspaceId: workspace.id, userId: user.id, q, page }) : { results: [], total: 0, page: 1, pageCount: 1 };
  return { slug: workspace.slug, q, ...found };
}

function pageHref(slug: string, q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set("page", String(page));
  return `/w/${slug}/search?${params.toString()}`;
}

/** Matched words in <mark>; every piece is text, escaped by React. */
export function Highlighted({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          // Stored text keeps a blank line between blocks; shown inline, a heading would run into its paragraph.
          <span key={i}>{part.text.replace(/\s*\n+\s*/g, " · ")}</span>
        ),
      )}
    </>
  );
}

export default function Search() {
  const { slug, q, results, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="page-title">Search</h1>
      <Form method="get" role="search" className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor="search-q" className="label">
            Search learning logs and meetings
          </label>
          <input id="search-q" name="q" type="search" className="input" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="btn-primary">
          Search
        </button>
      </Form>
      {q ? (
        <section aria-labelledby="results-title" className="mt-8">
          <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
            {total === 0 ? `No results for “${q}”` : `${total} ${total === 1 ? "result" : "results"} for “${q}”`}
          </h2>
          <ol className="mt-3 space-y-3">
            {results.map((r) => (
              <li key={`${r.kind}:${r.id}`} className="card">
                <h3 className="text-base font-semibold">
                  <Link to={r.kind === "log" ? `/w/${slug}/logs/${r.id}` : r.kind === "insight" ? `/w/${slug}/insights/${r.id}` : `/w/${slug}/sets/${r.setId}/meetings/${r.id}`}>
                    <Highlighted parts={r.title} />
                  </Link>
                </h3>
                {r.kind === "log" ? (
                  <p className="mt-1 text-xs text-slate-700">
                    Learning log · {VISIBILITY_SHORT[r.visibility as LogVisibility] ?? r.visibility} · last edited{" "}
                    <time dateTime={isoDateTime(r.updatedAt)}>{formatDateTime(r.updatedAt)}</time>
                  </p>
                ) : r.kind === "insight" ? (
                  <p className="mt-1 text-xs text-slate-700">
                    Insight · {KIND_LABELS[r.insightKind as InsightKind] ?? r.insightKind} · last changed{" "}
                    <time dateTime={isoDateTime(r.updatedAt)}>{formatDateTime(r.updatedAt)}</time>
                  </p>
                ) : (
                  <p className="mt-1 text-xs text-slate-700">
                    Meeting of {r.setName} · <time dateTime={isoDateTime(r.startsAt)}>{formatDateTime(r.startsAt)}</time>
                  </p>
                )}
                {r.snippet.length > 0 ? (
                  <p className="mt-2 text-sm text-slate-800">
                    <Highlighted parts={r.snippet} />
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <Pager page={page} pageCount={pageCount} hrefFor={(n) => pageHref(slug, q, n)} label="Result pages" />
        </section>
      ) : (
        <p className="mt-6 text-slate-700">Search the learning logs you can read, the agendas and notes of the meetings of your sets, and the workspace&apos;s insights.</p>
      )}
    </main>
  );
}
