import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "../components/forms";
import { discardStagedImport, findCommittedImportOfFile, getStagedImport, ImportStateError } from "../models/import/staged-import.server";
import { formatPence } from "../models/unit-cost/money";
import type { UnitCostPreview } from "../models/unit-cost/unit-cost-import.server";
import { CONFIDENCE_LABELS } from "../models/unit-cost/unit-cost.schema";
import { commitUnitCostImport, countReplacements, UnreadableRowsError } from "../models/unit-cost/unit-cost.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Unit cost import preview — Praxis" }];

const PREVIEW_ROWS = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const staged = params.importId ? await getStagedImport<UnitCostPreview>(access.workspace.id, "unit_costs", params.importId) : null;
  if (!staged) throw await denyAccess(access, request, 404, { reason: "import-not-found", importId: params.importId });
  const p = staged.payload;
  const [replacing, earlier] = await Promise.all([
    staged.status === "preview" ? countReplacements(access.workspace.id, p) : Promise.resolve(0),
    staged.status === "preview" ? findCommittedImportOfFile(access.workspace.id, "unit_costs", staged.fileSha256) : Promise.resolve(null),
  ]);
  return {
    slug: access.workspace.slug,
    importId: staged.id,
    fileName: staged.fileName,
    status: staged.status,
    createdAt: staged.createdAt,
    committedAt: staged.committedAt,
    summary: staged.summary,
    format: p.format,
    sheet: p.sheet,
    headerRow: p.headerRow,
    rowCount: p.rows.length,
    problems: p.problems,
    replacing,
    earlier: earlier ? { fileName: earlier.fileName, committedAt: earlier.committedAt } : null,
    rows: p.rows.slice(0, PREVIEW_ROWS),
  };
}

const actionSchema = z.object({ intent: z.enum(["commit", "discard"]), importId: z.string().min(1).max(64) });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Choose to import the rows or to discard the file." }, { status: 400 });
  const importId = params.importId ?? "";
  // The form names the import it was rendered for, so a stray post cannot commit another.
  if (parsed.data.importId !== importId) return data({ error: "This form is for another import: reload the page." }, { status: 400 });
  const staged = await getStagedImport<UnitCostPreview>(access.workspace.id, "unit_costs", importId);
  if (!staged) throw await denyAccess(access, request, 404, { reason: "import-not-found", importId });
  const base = `/w/${access.workspace.slug}/unit-costs`;
  if (parsed.data.intent === "discard") {
    if (!(await discardStagedImport(access.workspace.id, "unit_costs", importId))) return data({ error: "Only a preview can be discarded." }, { status: 400 });
    return redirectWithFlash(`${base}/import`, { kind: "info", message: `Discarded ${staged.fileName}: nothing was imported` });
  }
  try {
    const result = await commitUnitCostImport({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, importId);
    const { added, replaced } = result as { added: number; replaced: number };
    return redirectWithFlash(base, { kind: "success", message: `Imported ${added + replaced} unit costs from ${staged.fileName} (${added} added, ${replaced} replaced)` });
  } catch (error) {
    if (error instanceof UnreadableRowsError) return data({ error: error.message }, { status: 400 });
    if (error instanceof ImportStateError) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function UnitCostImportPreviewPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const canCommit = d.status === "preview" && d.problems.length === 0;
  const rowWord = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "row" : "rows"}`;
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p>
        <Link to={`/w/${d.slug}/unit-costs`}>Back to unit costs</Link>
      </p>
      <h1 className="page-title mt-2">Import preview: {d.fileName}</h1>
      <ErrorSummary id="commit-errors" errors={actionData?.error ? [{ message: actionData.error }] : []} />
      <div className="card mt-6">
        <p className="text-lg font-semibold" id="import-count">
          {rowWord(d.rowCount)} of unit costs read
          {d.problems.length ? `; ${rowWord(d.problems.length)} unreadable` : ""}.
        </p>
        <p className="mt-1 text-slate-700">
          {d.format === "xlsx" ? `Sheet “${d.sheet}”, header on row ${d.headerRow}.` : `CSV file, header on line ${d.headerRow}.`} Uploaded{" "}
          {formatDateTime(d.createdAt)}.
        </p>
        {d.status === "committed" ? <p className="mt-2 font-semibold">This file was imported {d.committedAt ? formatDateTime(d.committedAt) : ""}.</p> : null}
        {d.status === "discarded" ? <p className="mt-2 font-semibold">This file was discarded; nothing from it was imported.</p> : null}
        {d.status === "preview" && d.replacing ? <p className="mt-2">{rowWord(d.replacing)} will replace entries with the same cost code.</p> : null}
        {d.earlier ? (
          <p className="mt-2">
            This exact file was already imported{d.earlier.committedAt ? ` on ${formatDateTime(d.earlier.committedAt)}` : ""}; importing it again replaces
            the entries with its cost codes and adds the rest again.
          </p>
        ) : null}
      </div>

      {d.problems.length ? (
        <section className="mt-6" aria-labelledby="problems-title">
          <h2 id="problems-title" className="text-xl font-bold">
            Unreadable rows
          </h2>
          <p className="mt-1">Nothing can be imported while any row is unreadable: correct these rows in the file and upload it again.</p>
          <table className="table mt-3">
            <caption className="sr-only">Unreadable rows and why</caption>
            <thead>
              <tr>
                <th scope="col">{d.format === "xlsx" ? "Row" : "Line"}</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {d.problems.map((p) => (
                <tr key={p.number}>
                  <td>{p.number}</td>
                  <td>{p.messages.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {d.status === "preview" ? (
        <div className="mt-6 flex flex-wrap gap-3">
          {canCommit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="importId" value={d.importId} />
              <button type="submit" className="btn-primary">
                Import {rowWord(d.rowCount)}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <input type="hidden" name="importId" value={d.importId} />
            <button type="submit" className="btn-secondary">
              Discard this file
            </button>
          </Form>
          <Link to={`/w/${d.slug}/unit-costs/import`} className="btn-secondary">
            Upload another file
          </Link>
        </div>
      ) : null}

      {d.rows.length ? (
        <section className="mt-8" aria-labelledby="rows-title">
          <h2 id="rows-title" className="text-xl font-bold">
            Rows read{d.rowCount > d.rows.length ? ` (first ${d.rows.length} of ${d.rowCount.toLocaleString("en-GB")})` : ""}
          </h2>
          <div className="mt-3 overflow-x-auto">
            <table className="table">
              <caption className="sr-only">Unit costs read from the file</caption>
              <thead>
                <tr>
                  <th scope="col">{d.format === "xlsx" ? "Row" : "Line"}</th>
                  <th scope="col">Cost code</th>
                  <th scope="col">Description</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Fiscal cost</th>
                  <th scope="col">Price year</th>
                  <th scope="col">Source</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.number}>
                    <td>{r.number}</td>
                    <td className="font-mono text-sm">{r.fields.costCode || "—"}</td>
                    <td>{r.fields.description}</td>
                    <td>{r.fields.unit}</td>
                    <td className="whitespace-nowrap text-right">{formatPence(r.fields.fiscalCostPence)}</td>
                    <td>{r.fields.priceYear}</td>
                    <td className="text-sm">{r.fields.source}</td>
                    <td>{CONFIDENCE_LABELS[r.fields.confidence]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </main>
  );
}
