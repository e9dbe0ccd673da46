import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { MAX_FILE_BYTES } from "../models/indicator/indicator-import.constants";
import { stageIndicatorImport } from "../models/indicator/indicator-import.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import indicator values — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  return { slug: workspace.slug };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  let file: FormDataEntryValue | null = null;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
    file = form.get("file");
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ message: "The file is larger than 5 MB. Split it, or remove councils and indicators you do not need." }, { status: 413 });
    return data({ message: "Choose a CSV file to upload." }, { status: 400 });
  }
  if (!file || typeof file === "string" || file.size === 0) return data({ message: file && typeof file !== "string" ? "The file is empty." : "Choose a CSV file to upload." }, { status: 400 });
  const staged = await stageIndicatorImport({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, {
    name: file.name || "values.csv",
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!staged.ok) return data({ message: staged.message }, { status: 400 });
  return redirect(`/w/${access.workspace.slug}/indicators/import/${staged.importId}`, 303);
}

export default function ImportIndicatorValuesPage() {
  const { slug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/indicators`}>All indicators</Link>
      </p>
      <h1 className="page-title mt-2">Import indicator values</h1>
      <ErrorSummary id="import-errors" errors={actionData ? [{ fieldId: "file", message: actionData.message }] : []} />
      <p className="mt-2">Two layouts of CSV file (UTF-8, with or without a byte-order mark, up to 5 MB) are read:</p>
      <ul className="mt-2 list-disc pl-5">
        <li>
          the Praxis layout, with the columns <code>Indicator</code> (an indicator’s name or code), <code>Period</code>, <code>Value</code>,{" "}
          <code>Note</code> and <code>Source</code>;
        </li>
        <li>
          a Local Government Benchmarking Framework data file, with the columns <code>Indicator code</code>, <code>Council</code>,{" "}
          <code>Year</code> (such as 2021-22) and <code>Value</code>, matched to indicators by their published code. When the file holds
          several councils you choose one on the next page.
        </li>
      </ul>
      <p className="mt-2">Nothing is saved until you have checked the preview and confirmed it.</p>
      <Form method="post" encType="multipart/form-data" className="card mt-6">
        <div className="mb-5">
          <label htmlFor="file" className="label">
            CSV file
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required className="input" aria-invalid={actionData ? true : undefined} />
        </div>
        <button type="submit" className="btn-primary">
          Upload and preview
        </button>
      </Form>
    </main>
  );
}
