import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { displayDecimal } from "../models/indicator/decimal";
import { commitIndicatorImport, previewIndicatorImport } from "../models/indicator/indicator-import.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Check the import — Praxis" }];

const SHOWN_ROWS = 200;

function councilParam(value: FormDataEntryValue | string | null): string | null {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const council = councilParam(new URL(request.url).searchParams.get("council"));
  const preview = await previewIndicatorImport(access.workspace.id, params.importId ?? "", council);
  if (!preview) throw await denyAccess(access, request, 404, { reason: "import-not-found", importId: params.importId });
  return {
    slug: access.workspace.slug,
    preview: {
      ...preview,
      total: preview.rows.length,
      rows: preview.rows.slice(0, SHOWN_ROWS).map((r) => ({ ...r, value: displayDecimal(r.value), replaces: r.replaces === null ? null : displayDecimal(r.replaces) })),
      badTotal: preview.bad.length,
      bad: preview.bad.slice(0, SHOWN_ROWS),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const form = await request.formData();
  if (form.get("intent") !== "commit") return data({ message: "Unknown request." }, { status: 400 });
  const result = await commitIndicatorImport({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, params.importId ?? "", councilParam(form.get("council")));
  if (!result) throw await denyAccess(access, request, 404, { reason: "import-not-found", importId: params.importId });
  if (!result.ok) return data({ message: result.message }, { status: 400 });
  return redirectWithFlash(`/w/${access.workspace.slug}/indicators`, {
    kind: "success",
    message: `Imported ${result.written.toLocaleString("en-GB")} ${result.written === 1 ? "value" : "values"}`,
  });
}

export default function ImportPreviewPage() {
  const { slug, preview: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/indicators/import`}>Upload another file</Link>
      </p>
      <h1 className="page-title mt-2">Check the import: {p.fileName}</h1>
      <ErrorSummary id="commit-errors" errors={actionData ? [{ message: actionData.message }] : []} />
      <p className="mt-2">
        {p.layout === "lgbf" ? "Local Government Benchmarking Framework layout" : "Praxis layout"}.{" "}
        {p.status === "committed" ? "This import has been committed." : null}
      </p>
      {p.councils.length > 1 ? (
        <Form method="get" className="card mt-4 max-w-xl">
          <label htmlFor="council" className="label">
            Council
          </label>
          <p id="council-hint" className="hint">
            The file holds values for {p.councils.length} councils; choose the one this workspace’s indicators describe.
          </p>
          <select id="council" name="council" className="input" defaultValue={p.council ?? ""} aria-describedby="council-hint">
            <option value="">Choose…</option>
            {p.councils.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary mt-3">
            Show this council’s values
          </button>
        </Form>
      ) : null}
      {p.needsCouncil ? null : (
        <>
          <p className="mt-4 font-semibold" data-testid="import-summary">
            {p.total.toLocaleString("en-GB")} {p.total === 1 ? "value" : "values"} will be imported
            {p.council ? ` for ${p.council}` : ""}; {p.badTotal.toLocaleString("en-GB")} {p.badTotal === 1 ? "row" : "rows"} cannot be read and will be
            left out.
          </p>
          {p.rows.length ? (
            <table className="table mt-3">
              <caption className="sr-only">Values to import{p.total > p.rows.length ? ` (first ${p.rows.length})` : ""}</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Indicator</th>
                  <th scope="col">Period</th>
                  <th scope="col">Value</th>
                  <th scope="col">Source</th>
                  <th scope="col">Replaces</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{r.indicatorName}</td>
                    <td>{r.period}</td>
                    <td>{r.value}</td>
                    <td>{r.source}</td>
                    <td>{r.replaces ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
      {p.bad.length ? (
        <section className="mt-6" aria-labelledby="bad-title">
          <h2 id="bad-title" className="text-xl font-bold">
            Rows that cannot be read
          </h2>
          <ul className="mt-2 list-disc pl-5" data-testid="bad-rows">
            {p.bad.map((b) => (
              <li key={`${b.line}-${b.reason}`}>
                Line {b.line}: {b.reason}
              </li>
            ))}
          </ul>
          {p.badTotal > p.bad.length ? <p className="mt-1">…and {p.badTotal - p.bad.length} more.</p> : null}
        </section>
      ) : null}
      {p.status === "preview" && !p.needsCouncil && p.total > 0 ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="commit" />
          {p.council ? <input type="hidden" name="council" value={p.council} /> : null}
          <button type="submit" className="btn-primary">
            Import {p.total.toLocaleString("en-GB")} {p.total === 1 ? "value" : "values"}
          </button>
        </Form>
      ) : null}
    </main>
  );
}
