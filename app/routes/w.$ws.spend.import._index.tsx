import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { formatDateTime } from "../components/learning/format";
import { SpendUploadForm } from "../components/spend/upload-form";
import {
  ImportFileError,
  readCappedForm,
  UploadTooLargeError,
} from "../models/import/upload.server";
import { describeSize, MAX_SPEND_FILE_BYTES } from "../models/spend/spend-file.server";
import { createSpendImport, listSpendImports } from "../models/spend/spend-import.server";
import { formatPence } from "../models/spend/spend-money";
import { spendUploadSchema } from "../models/spend/spend.schema";
import { requireWorkspaceAccess } from "../utils/access.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import spend — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const imports = await listSpendImports(workspace.id);
  return {
    slug: workspace.slug,
    imports: imports.map((i) => ({
      id: i.id,
      status: i.status,
      fileName: i.fileName,
      source: i.source,
      createdAt: i.createdAt,
      lines: Number(i.summary?.lines ?? 0),
      totalPence: Number(i.summary?.totalPence ?? 0),
    })),
  };
}

type Problem = { fieldId?: string; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const fail = (errors: Problem[], source = "") => data({ errors, source }, { status: 400 });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_SPEND_FILE_BYTES + 1024 * 1024) {
    return fail([
      {
        fieldId: "spend-file",
        message: `The file is ${describeSize(length)}; the largest file Praxis imports is ${describeSize(MAX_SPEND_FILE_BYTES)}. Split it (by quarter, say) and import each part.`,
      },
    ]);
  }
  let form: FormData;
  try {
    // The platform's own multipart reader: Remix's took a tenth of a second of the event loop
    // on a 2 MB file (ADR 013).
    form = await readCappedForm(request, MAX_SPEND_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    if (error instanceof UploadTooLargeError) {
      return fail([
        {
          fieldId: "spend-file",
          message: `The file is larger than ${describeSize(MAX_SPEND_FILE_BYTES)}, the largest file Praxis imports. Split it (by quarter, say) and import each part.`,
        },
      ]);
    }
    return fail([{ fieldId: "spend-file", message: "Choose a CSV file to upload." }]);
  }
  const parsed = spendUploadSchema.safeParse({ source: form.get("source") ?? "" });
  const source = parsed.success ? parsed.data.source : "";
  if (!parsed.success)
    return fail([
      {
        fieldId: "spend-source",
        message: parsed.error.issues[0]?.message ?? "Check the publisher",
      },
    ]);
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) {
    return fail(
      [
        {
          fieldId: "spend-file",
          message: file instanceof Blob ? "The file is empty." : "Choose a CSV file to upload.",
        },
      ],
      source,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await createSpendImport(
    { userId: access.user.id, ipAddress: getClientIp(request) },
    access.workspace.id,
    {
      fileName: "name" in file && typeof file.name === "string" ? file.name : "upload.csv",
      bytes,
      source,
    },
  );
  if (!result.ok)
    return fail(
      [
        {
          fieldId: result.field === "source" ? "spend-source" : "spend-file",
          message: result.message,
        },
      ],
      source,
    );
  return redirect(`/w/${access.workspace.slug}/spend/import/${result.id}`, 303);
}

const STATUS: Record<string, string> = {
  preview: "Awaiting confirmation",
  committed: "Imported",
  discarded: "Discarded",
};

export default function SpendImportPage() {
  const { slug, imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : [];
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p>
        <Link to={`/w/${slug}/spend`}>Back to the place count</Link>
      </p>
      <h1 className="page-title mt-2">Import a spend file</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Upload a CSV file. Praxis reads its columns, shows you what it found and what it will
        import, and writes nothing until you confirm. You can also start from the{" "}
        <a href={`/w/${slug}/spend/import/template.csv`} download>
          Praxis spend template (CSV)
        </a>
        .
      </p>
      <div className="mt-6 max-w-3xl">
        <SpendUploadForm
          action={`/w/${slug}/spend/import`}
          errors={errors}
          defaultSource={actionData && "source" in actionData ? actionData.source : ""}
        />
      </div>
      <section aria-labelledby="earlier" className="mt-10">
        <h2 id="earlier" className="text-xl font-bold">
          Imports
        </h2>
        {imports.length === 0 ? (
          <p className="mt-2">No files imported yet.</p>
        ) : (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Published by</th>
                <th scope="col">Uploaded</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">
                  Lines
                </th>
                <th scope="col" className="text-right">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/w/${slug}/spend/import/${i.id}`}>{i.fileName}</Link>
                  </td>
                  <td>{i.source}</td>
                  <td>{formatDateTime(i.createdAt)}</td>
                  <td>{STATUS[i.status]}</td>
                  <td className="text-right">{i.lines.toLocaleString("en-GB")}</td>
                  <td className="text-right">{formatPence(i.totalPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
