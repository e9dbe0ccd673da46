import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { Pager } from "../components/pager";
import { can } from "../models/access/access.policy";
import { LOG_VISIBILITIES } from "../models/log/log.constants";
import { VISIBILITY_SHORT } from "../models/log/log.policy";
import { parseLogListQuery, type LogListQuery } from "../models/log/log.schema";
import { listLogFilterOptions, listLogs } from "../models/log/log.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime, isoDateTime } from "../utils/dates";

export const meta: MetaFunction = () => [{ title: "Learning logs — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(request, params.ws, "log:read");
  const query = parseLogListQuery(new URL(request.url));
  const [result, options] = await Promise.all([
    listLogs({ workspaceId: workspace.id, userId: user.id, query }),
    listLogFilterOptions(workspace.id, user.id),
  ]);
  return {
    slug: workspace.slug,
    query,
    ...result,
    options,
    canCreate: can(role, "log:create"),
    canOpenBin: can(role, "log:edit"),
  };
}

function pageHref(slug: string, query: LogListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.author) params.set("author", query.author);
  if (query.tag) params.set("tag", query.tag);
  if (query.visibility) params.set("visibility", query.visibility);
  if (query.inquiry) params.set("inquiry", query.inquiry);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/w/${slug}/logs${search ? `?${search}` : ""}`;
}

export default function LogsIndex() {
  const { slug, query, items, total, page, pageCount, options, canCreate, canOpenBin } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.author || query.tag || query.visibility || query.inquiry);
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="page-title">Learning logs</h1>
        <div className="flex flex-wrap gap-2">
          {canOpenBin ? (
            <Link to={`/w/${slug}/logs/bin`} className="btn-secondary">
              Bin
            </Link>
          ) : null}
          {canCreate ? (
            <Link to={`/w/${slug}/logs/new`} className="btn-primary">
              Write a new log
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mt-2 max-w-3xl text-slate-700">
        Reflective logs you can read: your private logs, the logs of the learning sets you take part in, and logs shared with
        the whole workspace.
      </p>

      <Form method="get" className="card mt-6" aria-labelledby="filter-title">
        <h2 id="filter-title" className="mb-3 text-lg font-semibold">
          Filter logs
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="filter-author" className="label">
              Author
            </label>
            <select id="filter-author" name="author" className="input" defaultValue={query.author ?? ""}>
              <option value="">Anyone</option>
              {options.authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-tag" className="label">
              Tag
            </label>
            <select id="filter-tag" name="tag" className="input" defaultValue={query.tag ?? ""}>
              <option value="">Any tag</option>
              {options.tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-visibility" className="label">
              Who can read
            </label>
            <select id="filter-visibility" name="visibility" className="input" defaultValue={query.visibility ?? ""}>
              <option value="">Any</option>
              {LOG_VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {VISIBILITY_SHORT[v]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-inquiry" className="label">
              Inquiry question
            </label>
            <select id="filter-inquiry" name="inquiry" className="input" defaultValue={query.inquiry ?? ""}>
              <option value="">Any</option>
              {options.inquiries.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.question}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <button type="submit" className="btn-primary">
            Apply filters
          </button>
          {filtered ? (
            <Link to={`/w/${slug}/logs`} className="btn-secondary">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>

      <h2 className="mt-8 text-lg font-semibold">
        {total === 0 ? "No logs" : `${total} ${total === 1 ? "log" : "logs"}`}
        {filtered ? " match these filters" : ""}
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-slate-700">
          {filtered ? "Try fewer filters." : canCreate ? "Nobody has shared a log with you yet. Write the first one." : "Nobody has shared a log with you yet."}
        </p>
      ) : (
        <ul className="mt-3 space-y-3">
          {items.map((log) => (
            <li key={log.id} className="card">
              <h3 className="text-base font-semibold">
                <Link to={`/w/${slug}/logs/${log.id}`}>{log.title}</Link>
              </h3>
              <p className="mt-1 text-sm text-slate-700">
                <span className="badge mr-2">{VISIBILITY_SHORT[log.visibility]}{log.setName ? `: ${log.setName}` : ""}</span>
                By {log.authors.map((a) => a.displayName).join(", ") || "unknown"} · last edited{" "}
                <time dateTime={isoDateTime(log.updatedAt)}>{formatDateTime(log.updatedAt)}</time>
              </p>
              {log.inquiryQuestion ? <p className="mt-1 text-sm text-slate-700">Inquiry: {log.inquiryQuestion}</p> : null}
              {log.tags.length > 0 ? (
                <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
                  {log.tags.map((t) => (
                    <li key={t}>
                      <Link to={`/w/${slug}/logs?tag=${encodeURIComponent(t)}`} className="badge no-underline">
                        {t}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} hrefFor={(n) => pageHref(slug, query, n)} label="Pages" />
    </main>
  );
}
