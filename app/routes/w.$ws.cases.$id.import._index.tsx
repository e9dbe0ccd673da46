import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "../components/forms";
import { getCase } from "../models/case/case.server";
import { createStagedImport, stageJourneyCsv, TEMPLATE_COLUMNS, UnreadableFile } from "../models/case/journey-import.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction = () => [{ title: "Import journey events — Praxis" }];

const caseId = z.string().min(1).max(64);

async function findCase(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const id = caseId.safeParse(params.id);
  const caseRow = id.success ? await getCase(access.workspace.id, id.data) : null;
  if (!caseRow) throw await denyAccess(access, request, 404, { reason: "case-not-found", caseId: params.id });
  return { access, caseRow };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, caseRow } = await findCase(request, params);
  return { slug: access.workspace.slug, caseRow: { id: caseRow.id, reference: caseRow.reference, household: caseRow.household.map((m) => m.label) }, columns: TEMPLATE_COLUMNS };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, caseRow } = await findCase(request, params);
  let file: FormDataEntryValue | null = null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return data({ error: "The upload could not be read. Choose a CSV file and try again." }, { status: 400 });
  }
  if (!file || typeof file === "string" || file.size === 0) return data({ error: file && typeof file !== "string" ? "The file is empty. Choose a CSV file with a header row and at least one event." : "Choose a CSV file to import." }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const payload = await stageJourneyCsv(access.workspace.id, caseRow.id, bytes);
    const importId = await createStagedImport({ userId: access.user.id }, access.workspace.id, file.name || "upload.csv", bytes, payload);
    return redirect(`/w/${access.workspace.slug}/cases/${caseRow.id}/import/${importId}`, 303);
  } catch (error) {
    if (error instanceof UnreadableFile) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function ImportEventsPage() {
  const { slug, caseRow, columns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/cases/${caseRow.id}`}>Back to case {caseRow.reference}</Link>
      </p>
      <h1 className="page-title">Import journey events into case {caseRow.reference}</h1>
      <p className="mt-2 text-slate-700">Two steps: upload a CSV file to see a preview with every row that cannot be read, then import all its events at once. Nothing is written until you confirm, and a file with any bad row imports nothing.</p>
      <ErrorSummary id="import-errors" errors={actionData?.error ? [{ fieldId: "file", message: actionData.error }] : []} />
      <Form method="post" encType="multipart/form-data" className="card mt-4">
        <label htmlFor="file" className="label">
          CSV file
        </label>
        <p id="file-hint" className="hint">
          Comma-separated, UTF-8, up to 1 MB, with the header row of the template.
        </p>
        <input id="file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block" aria-describedby="file-hint" aria-invalid={actionData?.error ? true : undefined} />
        <button type="submit" className="btn-primary mt-4">
          Upload and preview
        </button>
      </Form>
      <section aria-labelledby="template-heading" className="mt-8">
        <h2 id="template-heading" className="text-xl font-bold">
          The template
        </h2>
        <p className="mt-1">
          <a href={`/w/${slug}/cases/import-template.csv`} download>
            Download the journey-event template (CSV)
          </a>
          . This household&apos;s members: {caseRow.household.length ? caseRow.household.join(", ") : "none recorded"}.
        </p>
        <div className="card mt-3 overflow-x-auto p-0">
          <table className="table">
            <caption className="sr-only">Columns of the journey-event template</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Required?</th>
                <th scope="col">What to put in it</th>
              </tr>
            </thead>
            <tbody>
              {columns.map(([name, required, help]) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td>{required === "required" ? "Required" : "Optional"}</td>
                  <td>{help}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
