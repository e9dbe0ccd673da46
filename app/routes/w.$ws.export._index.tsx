import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { ExportDownloadButtons } from "../components/export/export-download-buttons";
import { ErrorSummary, type SummaryError } from "../components/forms";
import { EXPORT_FILES } from "../models/export/export-files";
import { EXPORT_FORMATS, parseExportQuery } from "../models/export/export.schema";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction = () => [{ title: "Export a learning summary — Praxis" }];

const FIELD_IDS = { inquiry: "export-inquiry", from: "export-from", to: "export-to" } as const;

/**
 * The export form. It submits to itself (GET) so that a bad date is explained on the page with an
 * error summary; a good request is redirected to the file, which downloads without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "export:create");
  const url = new URL(request.url);
  const inquiries = await listInquiryOptions(workspace.id);
  const values = {
    inquiry: url.searchParams.get("inquiry") ?? "",
    from: url.searchParams.get("from") ?? "",
    to: url.searchParams.get("to") ?? "",
  };
  const format = url.searchParams.get("format");
  const errors: SummaryError[] = [];
  if (format !== null) {
    const parsed = parseExportQuery(url);
    const known = (EXPORT_FORMATS as readonly string[]).includes(format);
    if (!known) errors.push({ message: "Choose one of the formats below" });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "") as keyof typeof FIELD_IDS;
        errors.push({ fieldId: FIELD_IDS[key], message: issue.message });
      }
    } else if (parsed.data.inquiry && !inquiries.some((i) => i.id === parsed.data.inquiry)) {
      errors.push({ fieldId: FIELD_IDS.inquiry, message: "Choose an inquiry from the list" });
    }
    if (errors.length === 0 && known && parsed.success) {
      const query = new URLSearchParams();
      for (const key of ["inquiry", "from", "to"] as const)
        if (parsed.data[key]) query.set(key, parsed.data[key] as string);
      const file = EXPORT_FILES[format as (typeof EXPORT_FORMATS)[number]];
      throw redirect(`/w/${workspace.slug}/export/${file.path}${query.size ? `?${query}` : ""}`);
    }
  }
  return { slug: workspace.slug, inquiries, values, errors };
}

function fieldError(errors: SummaryError[], id: string) {
  return errors.find((e) => e.fieldId === id)?.message;
}

export default function ExportPage() {
  const { slug, inquiries, values, errors } = useLoaderData<typeof loader>();
  const fromError = fieldError(errors, FIELD_IDS.from);
  const toError = fieldError(errors, FIELD_IDS.to);
  const inquiryError = fieldError(errors, FIELD_IDS.inquiry);
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="page-title">Export a learning summary</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        A summary of what the board has learned, inquiry by inquiry: the learning so far from logs
        shared with the whole workspace, insights with the evidence behind them, actions and their
        outcomes, board decisions and barriers, with an appendix on how the action learning sets
        worked.
      </p>
      <div className="mt-4 rounded-md border-l-4 border-brand-700 bg-white p-4 text-sm text-slate-800">
        <h2 className="font-semibold">What is left out</h2>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>
            Private logs and logs shared only with a learning set: what is said in a set stays in
            the set.
          </li>
          <li>
            Case detail: families appear only by reference code and in aggregate, without journey
            descriptions.
          </li>
          <li>
            Small numbers: any count of people or families under 5 is shown as “fewer than 5”.
          </li>
        </ul>
        <p className="mt-2">
          Every export is recorded in the workspace’s audit log with what it contained.
        </p>
      </div>

      <div className="mt-6">
        <ErrorSummary errors={errors} />
      </div>
      <Form method="get" className="card mt-2 space-y-5" aria-labelledby="export-form-title">
        <h2 id="export-form-title" className="text-lg font-semibold">
          What to include
        </h2>
        <div>
          <label htmlFor={FIELD_IDS.inquiry} className="label">
            Inquiry
          </label>
          {inquiryError ? (
            <p id={`${FIELD_IDS.inquiry}-error`} className="field-error">
              <span className="sr-only">Error: </span>
              {inquiryError}
            </p>
          ) : null}
          <select
            id={FIELD_IDS.inquiry}
            name="inquiry"
            defaultValue={values.inquiry}
            className="input"
            aria-invalid={inquiryError ? true : undefined}
            aria-describedby={inquiryError ? `${FIELD_IDS.inquiry}-error` : undefined}
          >
            <option value="">All inquiries</option>
            {inquiries.map((i) => (
              <option key={i.id} value={i.id}>
                {i.question}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="label">Period (optional)</legend>
          <p id="export-period-hint" className="hint">
            Logs by their last edit, insights and actions by when they were recorded, decisions by
            when they were made.
          </p>
          <div className="mt-2 flex flex-wrap gap-4">
            {(
              [
                ["from", "From", fromError],
                ["to", "To", toError],
              ] as const
            ).map(([key, label, error]) => (
              <div key={key}>
                <label htmlFor={FIELD_IDS[key]} className="label">
                  {label}
                </label>
                {error ? (
                  <p id={`${FIELD_IDS[key]}-error`} className="field-error">
                    <span className="sr-only">Error: </span>
                    {error}
                  </p>
                ) : null}
                <input
                  id={FIELD_IDS[key]}
                  name={key}
                  type="date"
                  defaultValue={values[key]}
                  className="input"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[`export-period-hint`, error ? `${FIELD_IDS[key]}-error` : null]
                    .filter(Boolean)
                    .join(" ")}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <ExportDownloadButtons slug={slug} />
      </Form>
      <p className="mt-6 text-sm text-slate-700">
        The JSON file follows a published{" "}
        <Link to={`/w/${slug}/export/summary.schema.json`} reloadDocument>
          JSON Schema
        </Link>
        , so an evaluator’s own tools can check and read it.
      </p>
    </main>
  );
}
