import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary, TextAreaField } from "../components/forms";
import { formatDay } from "../components/learning/format";
import { KIND_LABELS } from "../models/case/case-labels";
import { getCase } from "../models/case/case.server";
import { commitStagedImport, flaggedRows, getStagedImport, MIN_OVERRIDE_REASON } from "../models/case/journey-import.server";
import { formatPence } from "../models/case/money";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import preview — Praxis" }];

const idParam = z.string().min(1).max(64);

async function findImport(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const caseId = idParam.safeParse(params.id);
  const importId = idParam.safeParse(params.importId);
  const caseRow = caseId.success ? await getCase(access.workspace.id, caseId.data) : null;
  const staged = caseRow && importId.success ? await getStagedImport(access.workspace.id, caseRow.id, importId.data) : null;
  if (!caseRow || !staged) throw await denyAccess(access, request, 404, { reason: "import-not-found", importId: params.importId });
  return { access, caseRow, staged };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, caseRow, staged } = await findImport(request, params);
  return {
    slug: access.workspace.slug,
    caseRow: { id: caseRow.id, reference: caseRow.reference },
    fileName: staged.fileName,
    status: staged.status,
    errors: staged.payload.errors,
    flagged: flaggedRows(staged.payload).map((f) => ({ line: f.line, detected: f.fields.map((x) => `${x.field === "description" ? "Description" : "Service"}: ${x.detected.replace(/^This looks like it contains /, "looks like it contains ")}`) })),
    rows: staged.payload.rows.slice(0, 200).map((r) => ({ line: r.line, occurredOn: r.occurredOn, agencyName: r.agencyName, kind: r.kind, cost: formatPence(r.resolvedPence) })),
    rowCount: staged.payload.rows.length,
    total: formatPence(staged.payload.rows.reduce((s, r) => s + r.resolvedPence, 0)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, caseRow, staged } = await findImport(request, params);
  const form = await request.formData();
  if (form.get("intent") !== "commit") return data({ error: "Use the button on this page to import the events.", field: undefined }, { status: 400 });
  const reason = form.get("overrideReason");
  const overrideReason = typeof reason === "string" ? reason.trim() : "";
  if (overrideReason.length > 500) return data({ error: "The reason must be 500 characters or fewer", field: "overrideReason" as const }, { status: 400 });
  const result = await commitStagedImport({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, caseRow.id, staged.id, overrideReason);
  if (!result.ok) return data({ error: result.message, field: result.field }, { status: 400 });
  return redirectWithFlash(`/w/${access.workspace.slug}/cases/${caseRow.id}#journey-table`, { kind: "success", message: `${result.count} events imported` }, { status: 303 });
}

export default function ImportPreviewPage() {
  const { slug, caseRow, fileName, status, errors, flagged, rows, rowCount, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reasonError = actionData?.field === "overrideReason" ? actionData.error : null;
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/cases/${caseRow.id}/import`}>Upload another file</Link>
      </p>
      <h1 className="page-title">Preview: {fileName}</h1>
      <ErrorSummary id="commit-errors" errors={actionData?.error ? [{ message: actionData.error, fieldId: reasonError ? "overrideReason" : undefined }] : []} />
      <p className="mt-2">
        {rowCount} {rowCount === 1 ? "event" : "events"} ready for case {caseRow.reference}, costing {total} in all; {errors.length} {errors.length === 1 ? "row" : "rows"} cannot be read.
      </p>
      {errors.length ? (
        <section aria-labelledby="bad-rows" className="mt-4 rounded-md border-4 border-red-700 p-4">
          <h2 id="bad-rows" className="text-lg font-bold text-red-800">
            Rows that cannot be imported
          </h2>
          <p>Correct these in the file and upload it again. Nothing will be imported while any row is wrong.</p>
          <ul className="mt-2 list-disc pl-5">
            {errors.map((e) => (
              <li key={e.line}>{e.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {status === "committed" ? <p className="mt-4 font-semibold">These events have been imported.</p> : null}
      {flagged.length ? (
        <section aria-labelledby="flagged-rows" className="mt-4 rounded-md border-4 border-amber-700 p-4">
          <h2 id="flagged-rows" className="text-lg font-bold text-amber-900">
            Rows with text that looks like a personal identifier
          </h2>
          <p>Go back and correct these rows in the file, or, if the text is not in fact a personal identifier, import them with a reason. The reason is recorded in the audit log with this import.</p>
          <ul className="mt-2 list-disc pl-5">
            {flagged.map((f) => (
              <li key={f.line}>
                Line {f.line}: {f.detected.join("; ")}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link to={`/w/${slug}/cases/${caseRow.id}/import`}>Correct the file and upload it again</Link>
          </p>
        </section>
      ) : null}
      {status === "preview" && errors.length === 0 ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="commit" />
          {flagged.length && status === "preview" ? (
            <TextAreaField
              meta={{ id: "overrideReason", name: "overrideReason", errorId: "overrideReason-error", errors: reasonError ? [reasonError] : undefined }}
              label="Reason to keep the flagged text"
              hint={`At least ${MIN_OVERRIDE_REASON} characters, such as “the postcode is the school’s, not the family’s”`}
              rows={2}
            />
          ) : null}
          <button type="submit" className="btn-primary">
            {flagged.length ? "Import with this reason" : "Import"} {rowCount} {rowCount === 1 ? "event" : "events"}
          </button>
        </Form>
      ) : null}
      {rows.length ? (
        <div className="card mt-6 overflow-x-auto p-0">
          <table className="table">
            <caption className="px-3 pt-3 text-left font-semibold">{rowCount > rows.length ? `The first ${rows.length} of ${rowCount} events` : "The events"}</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Agency</th>
                <th scope="col">Kind</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{formatDay(r.occurredOn)}</td>
                  <td>{r.agencyName}</td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{r.cost}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}
