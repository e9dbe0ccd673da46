import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { createStagedImport } from "../models/import/staged-import.server";
import { DEFAULT_MAX_UPLOAD_BYTES, formatBytes, ImportFileError, readUpload } from "../models/import/upload.server";
import { parseUnitCostFile, UNIT_COST_COLUMN_LABELS } from "../models/unit-cost/unit-cost-import.server";
import { requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction = () => [{ title: "Import unit costs — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  return { slug: workspace.slug, maxSize: formatBytes(DEFAULT_MAX_UPLOAD_BYTES), columns: Object.values(UNIT_COST_COLUMN_LABELS) };
}

/**
 * Step one of two: the file is parsed into a preview kept in `imports`; nothing reaches the
 * library until the preview is committed.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  try {
    const upload = await readUpload(request);
    const source = String(upload.fields.get("source") ?? "")
      .trim()
      .slice(0, 1000);
    const preview = await parseUnitCostFile(upload.bytes, source);
    const { id } = await createStagedImport({
      workspaceId: access.workspace.id,
      kind: "unit_costs",
      fileName: upload.fileName,
      fileSha256: upload.sha256,
      source,
      payload: preview,
      summary: { rows: preview.rows.length, unreadable: preview.problems.length, sheet: preview.sheet },
      createdBy: access.user.id,
    });
    return redirect(`/w/${access.workspace.slug}/unit-costs/import/${id}`, 303);
  } catch (error) {
    if (error instanceof ImportFileError) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function ImportUnitCostsPage() {
  const { slug, maxSize, columns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <p>
        <Link to={`/w/${slug}/unit-costs`}>Back to unit costs</Link>
      </p>
      <h1 className="page-title mt-2">Import unit costs</h1>
      <p className="mt-2 text-slate-700">
        Upload a CSV file or the GMCA Unit Cost Database’s own .xlsx workbook (title rows above the header and several sheets are fine: the first
        sheet with a header row is read). You will see a preview with the number of rows and every unreadable row before anything is saved.
      </p>
      <p className="mt-2 text-slate-700">
        Columns read: {columns.join(", ")}. Description, Unit, Fiscal cost and Price year are required; a row without a confidence grade is graded
        low. A row with the cost code of an entry already in the library replaces that entry.
      </p>
      <div className="card mt-6">
        <ErrorSummary id="import-errors" errors={actionData?.error ? [{ fieldId: "file", message: actionData.error }] : []} />
        <Form method="post" encType="multipart/form-data">
          <div className="mb-5">
            <label htmlFor="file" className="label">
              File (CSV or .xlsx)
            </label>
            <p id="file-hint" className="hint">
              Up to {maxSize}
            </p>
            {actionData?.error ? (
              <p id="file-error" className="field-error">
                <span className="sr-only">Error: </span>
                {actionData.error}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="input"
              aria-describedby={actionData?.error ? "file-hint file-error" : "file-hint"}
              aria-invalid={actionData?.error ? true : undefined}
            />
          </div>
          <div className="mb-5">
            <label htmlFor="source" className="label">
              Source for rows that name none (optional)
            </label>
            <p id="source-hint" className="hint">
              e.g. “GMCA Unit Cost Database v2.0 (2019)”
            </p>
            <input id="source" name="source" type="text" maxLength={1000} className="input" aria-describedby="source-hint" />
          </div>
          <button type="submit" className="btn-primary">
            Upload and preview
          </button>
        </Form>
      </div>
    </main>
  );
}
