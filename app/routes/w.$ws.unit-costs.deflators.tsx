import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { collectErrors, ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { parseDeflatorFile, parseDeflatorText, type DeflatorParse } from "../models/deflator/deflator-parse.server";
import { deflatorSeriesFieldsSchema, deflatorsActionSchema, type DeflatorSeriesForm } from "../models/deflator/deflator.schema";
import { createDeflatorSeries, deleteDeflatorSeries, listDeflatorSeries, updateDeflatorSeries } from "../models/deflator/deflator.server";
import { formatIndexMilli } from "../models/deflator/uprate";
import { DEFAULT_MAX_UPLOAD_BYTES, formatBytes, ImportFileError, readCappedForm, takeUpload } from "../models/import/upload.server";
import { canManageUnitCosts } from "../models/unit-cost/unit-cost.policy";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "GDP deflators — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const series = await listDeflatorSeries(workspace.id);
  return {
    slug: workspace.slug,
    canManage: canManageUnitCosts(role),
    maxSize: formatBytes(DEFAULT_MAX_UPLOAD_BYTES),
    series: series.map((s) => ({ ...s, values: s.values.map((v) => ({ financialYear: v.financialYear, index: formatIndexMilli(v.indexMilli) })) })),
  };
}

function problemsText(parsed: DeflatorParse, unit: "Line" | "Row"): string[] {
  return parsed.problems.map((p) => `${unit} ${p.number}: ${p.message}`);
}

async function importFile(request: Request, access: Awaited<ReturnType<typeof requireWorkspaceAccess>>, formData: FormData) {
  try {
    const upload = await takeUpload(formData);
    const meta = deflatorSeriesFieldsSchema.omit({ values: true }).safeParse(Object.fromEntries([...upload.fields.entries()].filter(([k, v]) => k !== "intent" && typeof v === "string")));
    if (!meta.success) return data({ target: "import", problems: meta.error.issues.map((i) => i.message) }, { status: 400 });
    const parsed = await parseDeflatorFile(upload.bytes);
    if (parsed.problems.length) return data({ target: "import", problems: ["Nothing was imported. Correct these rows and upload the file again:", ...problemsText(parsed, "Row")] }, { status: 400 });
    if (!parsed.values.length) return data({ target: "import", problems: ["The file has no financial years with an index."] }, { status: 400 });
    const { id } = await createDeflatorSeries({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, meta.data, parsed.values);
    return redirectWithFlash(`/w/${access.workspace.slug}/unit-costs/deflators#series-${id}`, { kind: "success", message: `Imported ${parsed.values.length} financial years from ${upload.fileName}` });
  } catch (error) {
    if (error instanceof ImportFileError) return data({ target: "import", problems: [error.message] }, { status: 400 });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  let formData: FormData;
  try {
    formData = await readCappedForm(request);
  } catch (error) {
    if (error instanceof ImportFileError) return data({ target: "import", problems: [error.message] }, { status: 400 });
    throw error;
  }
  if (formData.get("intent") === "import") return importFile(request, access, formData);
  const submission = parseWithZod(formData, { schema: deflatorsActionSchema });
  if (submission.status !== "success") {
    const target = submission.payload.intent === "update" ? String(submission.payload.seriesId ?? "") : "new";
    return data({ target, result: submission.reply() }, { status: 400 });
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const base = `/w/${access.workspace.slug}/unit-costs/deflators`;
  if (input.intent === "delete") {
    if (!(await deleteDeflatorSeries(actor, access.workspace.id, input.seriesId))) throw await denyAccess(access, request, 404, { reason: "deflator-not-found", seriesId: input.seriesId });
    return redirectWithFlash(base, { kind: "success", message: "Deflator series deleted" });
  }
  const target = input.intent === "update" ? input.seriesId : "new";
  const parsed = parseDeflatorText(input.values);
  const problems = parsed.problems.length ? problemsText(parsed, "Line") : parsed.values.length ? [] : ["Enter at least one financial year and its index, such as “2015-16, 87.473”"];
  if (problems.length) return data({ target, result: submission.reply({ fieldErrors: { values: problems } }) }, { status: 400 });
  const meta = { name: input.name, release: input.release, source: input.source };
  if (input.intent === "update") {
    if (!(await updateDeflatorSeries(actor, access.workspace.id, input.seriesId, meta, parsed.values))) throw await denyAccess(access, request, 404, { reason: "deflator-not-found", seriesId: input.seriesId });
    return redirectWithFlash(`${base}#series-${input.seriesId}`, { kind: "success", message: "Deflator series saved" });
  }
  const { id } = await createDeflatorSeries(actor, access.workspace.id, meta, parsed.values);
  return redirectWithFlash(`${base}#series-${id}`, { kind: "success", message: "Deflator series added" });
}

function SeriesForm({ id, seriesId, defaults, lastResult, submitLabel }: { id: string; seriesId?: string; defaults: DeflatorSeriesForm; lastResult?: SubmissionResult<string[]>; submitLabel: string }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(deflatorSeriesFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, [fields.name, fields.release, fields.source, fields.values])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={seriesId ? "update" : "create"} />
        {seriesId ? <input type="hidden" name="seriesId" value={seriesId} /> : null}
        <TextField meta={fields.name} label="Name" {...getInputProps(fields.name, { type: "text" })} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.release} label="Release" hint="Which publication of the series, e.g. the month and the National Accounts release" {...getInputProps(fields.release, { type: "text" })} />
          <TextField meta={fields.source} label="Source" hint="Publisher and where it was published" {...getInputProps(fields.source, { type: "text" })} />
        </div>
        <TextAreaField
          meta={fields.values}
          label="Financial years and indices"
          hint="One financial year per line, then a comma (or tab) and the index, e.g. “2015-16, 87.473”"
          rows={8}
          {...getTextareaProps(fields.values)}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

export default function DeflatorsPage() {
  const { slug, canManage, maxSize, series } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (target: string) => (actionData && "result" in actionData && actionData.target === target ? actionData.result : undefined);
  const importProblems = actionData && "problems" in actionData ? actionData.problems : [];
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p>
        <Link to={`/w/${slug}/unit-costs`}>Back to unit costs</Link>
      </p>
      <h1 className="page-title mt-2">GDP deflators</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Price indices by financial year, used to show unit costs in another year’s prices: cost × index of the chosen year ÷ index of the cost’s
        price year, rounded to the penny. HM Treasury publishes “GDP deflators at market prices” with each Quarterly National Accounts release.
      </p>
      {series.length === 0 ? (
        <p className="mt-6">No deflator series has been added to this workspace yet, so no cost can be uprated.</p>
      ) : (
        series.map((s) => (
          <section key={s.id} id={`series-${s.id}`} className="card mt-6" aria-labelledby={`series-${s.id}-title`}>
            <h2 id={`series-${s.id}-title`} className="text-lg font-semibold">
              {s.name}
            </h2>
            <p className="text-sm text-slate-700">
              Release: {s.release}. Source: {s.source}.
            </p>
            <table className="table mt-3">
              <caption className="sr-only">
                {s.name}: index by financial year
              </caption>
              <thead>
                <tr>
                  <th scope="col">Financial year</th>
                  <th scope="col">Index</th>
                </tr>
              </thead>
              <tbody>
                {s.values.map((v) => (
                  <tr key={v.financialYear}>
                    <td>{v.financialYear}</td>
                    <td className="text-right">{v.index}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canManage ? (
              <>
                <details className="mt-3" open={resultFor(s.id) !== undefined}>
                  <summary className="cursor-pointer text-sm font-semibold">Edit this series</summary>
                  <div className="mt-3">
                    <SeriesForm
                      id={`edit-series-${s.id}`}
                      seriesId={s.id}
                      lastResult={resultFor(s.id)}
                      defaults={{ name: s.name, release: s.release, source: s.source, values: s.values.map((v) => `${v.financialYear}, ${v.index}`).join("\n") }}
                      submitLabel="Save series"
                    />
                  </div>
                </details>
                <DeleteOnDemand label="Delete this series" context={s.name} confirmLabel={`Yes, delete ${s.name}`} fields={{ intent: "delete", seriesId: s.id }} className="mt-3">
                  <p>
                    Deleting removes “{s.name}” and its {s.values.length} index values. The unit-cost library can no longer uprate costs with it. This cannot be undone.
                  </p>
                </DeleteOnDemand>
              </>
            ) : null}
          </section>
        ))
      )}
      {canManage ? (
        <>
          <section className="mt-10" aria-labelledby="import-series-title">
            <h2 id="import-series-title" className="text-xl font-bold">
              Import a series from a file
            </h2>
            <div className="card mt-3">
              <p className="mb-4 text-slate-700">
                HM Treasury’s GDP deflators spreadsheet (.xlsx) or a CSV file with a “Financial year” column and a “GDP deflator” (or “Index”)
                column. Title rows above the header and notes below the table are skipped. Up to {maxSize}. Nothing is saved if any row is
                unreadable.
              </p>
              <ErrorSummary id="import-series-errors" errors={importProblems.map((message) => ({ message }))} />
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="import" />
                <div className="mb-5">
                  <label htmlFor="deflator-file" className="label">
                    File (CSV or .xlsx)
                  </label>
                  <input id="deflator-file" name="file" type="file" required accept=".csv,.xlsx" className="input" />
                </div>
                <div className="mb-5">
                  <label htmlFor="deflator-name" className="label">
                    Name
                  </label>
                  <input id="deflator-name" name="name" type="text" required defaultValue="GDP deflator at market prices" className="input" />
                </div>
                <div className="grid gap-x-4 sm:grid-cols-2">
                  <div className="mb-5">
                    <label htmlFor="deflator-release" className="label">
                      Release
                    </label>
                    <input id="deflator-release" name="release" type="text" required className="input" />
                  </div>
                  <div className="mb-5">
                    <label htmlFor="deflator-source" className="label">
                      Source
                    </label>
                    <input id="deflator-source" name="source" type="text" required defaultValue="HM Treasury, GDP deflators at market prices" className="input" />
                  </div>
                </div>
                <button type="submit" className="btn-primary">
                  Import series
                </button>
              </Form>
            </div>
          </section>
          <section className="mt-10" aria-labelledby="new-series-title">
            <h2 id="new-series-title" className="text-xl font-bold">
              Type in a series
            </h2>
            <div className="card mt-3">
              <SeriesForm id="new-series" lastResult={resultFor("new")} defaults={{ name: "", release: "", source: "", values: "" }} submitLabel="Add series" />
            </div>
          </section>
        </>
      ) : null}
    </main>
  );
}
