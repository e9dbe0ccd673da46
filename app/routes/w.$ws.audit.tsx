import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { ErrorSummary, TableScroller } from "../components/forms";
import { auditKindLabel, describeAuditEvent } from "../models/audit/audit.describe";
import { countAuditEvents, listAuditEvents, listAuditKinds } from "../models/audit/audit.server";
import { PURPOSE_LABELS, PURPOSE_VALUES } from "../models/case/case-labels";
import { listReadableLogTitles } from "../models/log/log.server";
import { listMembers } from "../models/membership/membership.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime, isoDateTime, parseUkDate, startOfLondonDay, toUkDay } from "../utils/dates";

export const meta: MetaFunction = () => [{ title: "Audit log — Praxis" }];

const AUDIT_PAGE_SIZE = 50;

type FilterErrors = { from?: string; to?: string; page?: string };

function parseFilters(search: URLSearchParams) {
  const errors: FilterErrors = {};
  const person = (search.get("person") ?? "").slice(0, 64);
  const kind = (search.get("kind") ?? "").slice(0, 100);
  const purposeText = (search.get("purpose") ?? "").slice(0, 40);
  const purpose = (PURPOSE_VALUES as readonly string[]).includes(purposeText) ? purposeText : "";
  const fromText = (search.get("from") ?? "").trim().slice(0, 20);
  const toText = (search.get("to") ?? "").trim().slice(0, 20);
  const pageText = (search.get("page") ?? "1").trim();

  const fromDay = fromText ? parseUkDate(fromText) : null;
  const toDay = toText ? parseUkDate(toText) : null;
  if (fromText && !fromDay) errors.from = "Enter the ‘from’ date as a real date, like 23/11/2026";
  if (toText && !toDay) errors.to = "Enter the ‘to’ date as a real date, like 23/11/2026";
  const from = fromDay ? startOfLondonDay(fromDay.year, fromDay.month, fromDay.day) : undefined;
  // "To" includes the whole of that day in London.
  const to = toDay ? startOfLondonDay(toDay.year, toDay.month, toDay.day + 1) - 1 : undefined;
  if (from !== undefined && to !== undefined && from > to) errors.to = "The ‘to’ date must be the same as or after the ‘from’ date";
  const page = /^\d{1,6}$/.test(pageText) ? Math.max(1, Number(pageText)) : NaN;
  if (Number.isNaN(page)) errors.page = "Page must be a whole number";

  return {
    errors,
    values: {
      person,
      kind,
      purpose,
      from: fromDay ? toUkDay(fromDay) : fromText,
      to: toDay ? toUkDay(toDay) : toText,
    },
    filter: { actorUserId: person || undefined, kind: kind || undefined, purpose: purpose || undefined, from, to },
    page: Number.isNaN(page) ? 1 : page,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "audit:read");
  const url = new URL(request.url);
  const { errors, values, filter, page } = parseFilters(url.searchParams);
  const [members, kinds] = await Promise.all([listMembers(workspace.id), listAuditKinds(workspace.id)]);
  const base = {
    workspace: { slug: workspace.slug, name: workspace.name },
    people: members.map((m) => ({ id: m.userId, name: m.displayName, email: m.email })),
    kinds: kinds.map((k) => ({ value: k, label: auditKindLabel(k) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
    values,
    errors,
  };
  if (Object.keys(errors).length > 0) {
    return data({ ...base, events: [], total: 0, page: 1, pageCount: 1 }, { status: 400 });
  }
  const scope = { workspaceId: workspace.id, ...filter };
  const total = await countAuditEvents(scope);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await listAuditEvents({ ...scope, limit: AUDIT_PAGE_SIZE, offset: (current - 1) * AUDIT_PAGE_SIZE });
  const logTitles = await listReadableLogTitles(workspace.id, user.id, [...new Set(rows.flatMap((r) => (r.targetType === "log" && r.targetId ? [r.targetId] : [])))]);
  const events = rows.map((r) => {
    const detailEmail = typeof r.detail?.email === "string" ? r.detail.email : null;
    return {
      id: r.id,
      createdAt: r.createdAt,
      who: r.actorName ?? detailEmail ?? "Nobody signed in",
      whoDetail: r.actorName ? r.actorEmail : null,
      kind: auditKindLabel(r.kind),
      description: describeAuditEvent({ ...r, targetName: r.targetType === "log" && r.targetId ? (logTitles.get(r.targetId) ?? null) : null }),
      purpose: r.purpose && r.purpose in PURPOSE_LABELS ? PURPOSE_LABELS[r.purpose as keyof typeof PURPOSE_LABELS] : r.purpose,
      accountLevel: r.workspaceId === null,
      ipAddress: r.ipAddress,
    };
  });
  return data({ ...base, events, total, page: current, pageCount });
}

function pageLink(values: { person: string; kind: string; purpose: string; from: string; to: string }, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "?";
}

export default function AuditPage() {
  const { workspace, people, kinds, values, errors, events, total, page, pageCount } = useLoaderData<typeof loader>();
  const summary = [
    errors.from ? { fieldId: "audit-from", message: errors.from } : null,
    errors.to ? { fieldId: "audit-to", message: errors.to } : null,
    errors.page ? { message: errors.page } : null,
  ].filter((e): e is { fieldId?: string; message: string } => e !== null);
  const first = total === 0 ? 0 : (page - 1) * AUDIT_PAGE_SIZE + 1;
  const last = Math.min(total, page * AUDIT_PAGE_SIZE);
  const filtered = Boolean(values.person || values.kind || values.purpose || values.from || values.to);

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Audit log</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Everything recorded about {workspace.name}, newest first: changes to members and agencies, invitations, access
        refused, and how its members sign in to their accounts. Entries cannot be changed or deleted. Times are UK time.
      </p>
      <ErrorSummary id="audit-errors" errors={summary} />

      <section aria-labelledby="filter-heading" className="card mt-6">
        <h2 id="filter-heading" className="text-lg font-semibold">
          Filter
        </h2>
        <Form method="get" className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="audit-person" className="label">
              Person
            </label>
            <select id="audit-person" name="person" defaultValue={values.person} className="input">
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-kind" className="label">
              What happened
            </label>
            <select id="audit-kind" name="kind" defaultValue={values.kind} className="input">
              <option value="">Any event</option>
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-purpose" className="label">
              Purpose of a case read
            </label>
            <select id="audit-purpose" name="purpose" defaultValue={values.purpose} className="input">
              <option value="">Any purpose</option>
              {PURPOSE_VALUES.map((p) => (
                <option key={p} value={p}>
                  {PURPOSE_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <DateFilter id="audit-from" name="from" label="From" value={values.from} error={errors.from} />
          <DateFilter id="audit-to" name="to" label="To" value={values.to} error={errors.to} />
          <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
            <button type="submit" className="btn-primary">
              Show events
            </button>
            {filtered ? (
              <Link to={`/w/${workspace.slug}/audit`} className="btn-secondary">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="events-heading" className="mt-8">
        <h2 id="events-heading" className="text-xl font-semibold">
          Events
        </h2>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite">
          {total === 0 ? "No events match." : `Showing ${first} to ${last} of ${total} ${total === 1 ? "event" : "events"}.`}
        </p>
        {events.length > 0 ? (
          <TableScroller label="Audit entries table (scrolls sideways on a narrow screen)">
            <table className="table">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What happened</th>
                  <th scope="col">Address</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap">
                      <time dateTime={isoDateTime(e.createdAt)}>{formatDateTime(e.createdAt)}</time>
                    </td>
                    <td>
                      {e.who}
                      {e.whoDetail ? <span className="block text-slate-600">{e.whoDetail}</span> : null}
                    </td>
                    <td>
                      <span className="badge">{e.kind}</span>
                      {e.accountLevel ? <span className="badge ml-1 bg-sky-100 text-sky-900">Account</span> : null}
                      <span className="mt-1 block">{e.description}</span>
                      {e.purpose ? <span className="block text-slate-700">Purpose: {e.purpose}</span> : null}
                    </td>
                    <td className="whitespace-nowrap">{e.ipAddress ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        ) : null}
        {pageCount > 1 ? (
          <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap items-center gap-4">
            {page > 1 ? (
              <Link to={pageLink(values, page - 1)} rel="prev">
                Newer events
              </Link>
            ) : null}
            <span className="text-sm text-slate-700">
              Page {page} of {pageCount}
            </span>
            {page < pageCount ? (
              <Link to={pageLink(values, page + 1)} rel="next">
                Older events
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </main>
  );
}

function DateFilter({ id, name, label, value, error }: { id: string; name: string; label: string; value: string; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <p id={`${id}-hint`} className="hint">
        For example, 23/11/2026
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="text"
        autoComplete="off"
        spellCheck={false}
        defaultValue={value}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
    </div>
  );
}
