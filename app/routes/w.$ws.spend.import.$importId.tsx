import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "../components/forms";
import { formatDateTime } from "../components/learning/format";
import { InputError } from "../models/set/input-error";
import { COLUMN_ROLE_LABELS, COLUMN_ROLES, type ColumnRole } from "../models/spend/spend-columns";
import { formatFinancialYear } from "../models/spend/spend-dates";
import {
  commitSpendImport,
  discardSpendImport,
  getSpendImport,
  getSpendImportPreview,
  listAgencyOptions,
  listLocalityOptions,
  loadSavedRules,
  RULES_SHOWN,
  updateSpendImport,
} from "../models/spend/spend-import.server";
import {
  SPEND_APPROACH_KEYS,
  SPEND_APPROACH_LABELS,
  SPEND_CATEGORY_KEYS,
  SPEND_CATEGORY_LABELS,
  type SpendApproach,
  type SpendCategory,
} from "../models/spend/spend-labels";
import { formatBasisPoints, formatPence, parseSharePercent } from "../models/spend/spend-money";
import { previewActionSchema } from "../models/spend/spend.schema";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Spend import preview — Praxis" }];

const FIRST_ROWS = 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const staged = await getSpendImportPreview(access.workspace.id, params.importId ?? "");
  if (!staged)
    throw await denyAccess(access, request, 404, {
      reason: "import-not-found",
      importId: params.importId,
    });
  const base = {
    slug: access.workspace.slug,
    id: staged.id,
    status: staged.status,
    fileName: staged.fileName,
    source: staged.source,
    createdAt: staged.createdAt,
    committedAt: staged.committedAt,
  };
  if (!staged.open) {
    const [saved, agencyList] = await Promise.all([
      loadSavedRules(access.workspace.id, staged.source),
      listAgencyOptions(access.workspace.id),
    ]);
    const names = new Map(agencyList.map((a) => [a.id, a.name]));
    return {
      ...base,
      open: false as const,
      savedRules: Object.entries(saved).map(([key, r]) => ({
        key,
        ...r,
        agencyName: r.agencyId ? (names.get(r.agencyId) ?? "") : "",
      })),
      lines: Number(staged.summary?.lines ?? 0),
      totalPence: Number(staged.summary?.totalPence ?? 0),
      credits: Number(staged.summary?.credits ?? 0),
    };
  }
  const { payload, preview } = staged;
  const [agencies, areas] = await Promise.all([
    listAgencyOptions(access.workspace.id),
    listLocalityOptions(access.workspace.id),
  ]);
  const roleOf = (column: number): ColumnRole | "" =>
    COLUMN_ROLES.find((r) => payload.mapping[r] === column) ?? "";
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  return {
    ...base,
    open: true as const,
    encoding: payload.encoding,
    bom: payload.bom,
    rowCount: payload.rows.length,
    columns: payload.headers.map((header, i) => ({
      header,
      role: roleOf(i),
      detected: COLUMN_ROLES.find((r) => payload.detected[r] === i) ?? "",
      samples: payload.rows
        .slice(0, 3)
        .map((r) => r.cells[i] ?? "")
        .filter(Boolean),
    })),
    defaults: payload.defaults,
    rules: preview.serviceValues
      .slice(0, RULES_SHOWN)
      .map((v) => ({ ...v, rule: payload.rules[v.key] ?? null })),
    moreValues: Math.max(0, preview.serviceValues.length - RULES_SHOWN),
    agencies,
    areas,
    mappingErrors: preview.mappingErrors,
    lines: preview.drafts.length,
    totalPence: preview.totalPence,
    credits: preview.credits,
    creditPence: preview.creditPence,
    problems: preview.problems,
    first: preview.drafts
      .slice(0, FIRST_ROWS)
      .map((d) => ({ ...d, agencyName: d.agencyId ? (agencyName.get(d.agencyId) ?? "") : "" })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: previewActionSchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.error ?? {})
      .flat()
      .filter((m): m is string => typeof m === "string");
    return data(
      { errors: messages.length ? [...new Set(messages)] : ["Check the form"] },
      { status: 400 },
    );
  }
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const importId = params.importId ?? "";
  const here = `/w/${access.workspace.slug}/spend/import/${importId}`;
  const input = submission.value;
  const notFound = async () =>
    denyAccess(access, request, 404, { reason: "import-not-found", importId });
  if (input.intent === "discard") {
    if (input.importId !== importId)
      return data(
        { errors: ["This form belongs to another import. Open that import to discard it."] },
        { status: 400 },
      );
    if (!(await discardSpendImport(actor, access.workspace.id, importId))) {
      if (!(await getSpendImport(access.workspace.id, importId))) throw await notFound();
      return data({ errors: ["This import is no longer awaiting confirmation."] }, { status: 400 });
    }
    return redirectWithFlash(`/w/${access.workspace.slug}/spend/import`, {
      kind: "info",
      message: "Import discarded: nothing was imported",
    });
  }
  if (input.intent === "commit") {
    const result = await commitSpendImport(actor, access.workspace.id, importId, {
      lines: input.expectedLines,
      totalPence: input.expectedTotalPence,
    });
    if (result === "not-found") throw await notFound();
    if (!result.ok) return data({ errors: [result.message] }, { status: 400 });
    return redirectWithFlash(
      `/w/${access.workspace.slug}/spend`,
      {
        kind: "success",
        message: `Imported ${result.lines.toLocaleString("en-GB")} lines, ${formatPence(result.totalPence)}`,
      },
      { status: 303 },
    );
  }
  const share = (text: string) => parseSharePercent(text || "0") ?? 0;
  try {
    const outcome = await updateSpendImport(actor, access.workspace.id, importId, {
      roles: input.role.map((r) => (r ? r : undefined)),
      defaults: {
        agencyId: input.defaults.agencyId || null,
        localityId: input.defaults.localityId || null,
        category: input.defaults.category as SpendCategory,
        vulnerableShareBp: share(input.defaults.vulnerableShare),
        approach: input.defaults.approach as SpendApproach,
      },
      rules: input.rule.map((r) => ({
        key: r.key,
        value: r.value,
        agencyId: r.agencyId || null,
        service: r.service,
        category: r.category as SpendCategory,
        vulnerableShareBp: share(r.vulnerableShare),
        approach: r.approach as SpendApproach,
      })),
    });
    if (outcome === "not-found") throw await notFound();
    if (outcome === "not-open")
      return data({ errors: ["This import is no longer awaiting confirmation."] }, { status: 400 });
  } catch (error) {
    if (error instanceof InputError)
      return data({ errors: Object.values(error.fieldErrors).flat() }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(here, { kind: "success", message: "Preview updated" }, { status: 303 });
}

const ENCODING: Record<string, string> = { "utf-8": "UTF-8", "windows-1252": "Windows-1252" };
const BOM: Record<string, string> = {
  none: "no byte-order mark",
  "utf-8": "a byte-order mark",
  double: "a doubly encoded byte-order mark (removed)",
};

function Select({
  id,
  name,
  label,
  value,
  options,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  hint?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {hint ? <p className="hint">{hint}</p> : null}
      <select id={id} name={name} className="input" defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const categoryOptions = SPEND_CATEGORY_KEYS.map((c) => ({
  value: c,
  label: SPEND_CATEGORY_LABELS[c],
}));
const approachOptions = SPEND_APPROACH_KEYS.map((a) => ({
  value: a,
  label: SPEND_APPROACH_LABELS[a],
}));
const roleOptions = [
  { value: "", label: "Not imported" },
  ...COLUMN_ROLES.map((r) => ({ value: r, label: COLUMN_ROLE_LABELS[r] })),
];

function bpToPercentText(bp: number): string {
  return formatBasisPoints(bp).replace("%", "").replace(/\.0$/, "");
}

export default function SpendImportPreviewPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.errors ?? []).map((message) => ({ message }));
  const back = `/w/${page.slug}/spend/import`;
  if (!page.open) {
    return (
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <p>
          <Link to={back}>Back to imports</Link>
        </p>
        <h1 className="page-title mt-2">{page.fileName}</h1>
        {page.status === "committed" ? (
          <p className="mt-4">
            Imported {page.committedAt ? formatDateTime(page.committedAt) : ""} from {page.source}:{" "}
            {page.lines.toLocaleString("en-GB")} lines, {formatPence(page.totalPence)},{" "}
            {page.credits.toLocaleString("en-GB")} credits.{" "}
            <Link to={`/w/${page.slug}/spend`}>See the place count</Link>.
          </p>
        ) : (
          <p className="mt-4">This import was discarded; nothing from it was imported.</p>
        )}
        {page.savedRules.length ? (
          <section aria-labelledby="saved-rules" className="mt-8">
            <h2 id="saved-rules" className="text-xl font-bold">
              Mapping rules saved for {page.source}
            </h2>
            <p className="mt-1 text-slate-700">Applied to the next file from {page.source}.</p>
            <table className="table mt-3">
              <thead>
                <tr>
                  <th scope="col">Value in the file</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Service</th>
                  <th scope="col">Category</th>
                  <th scope="col">Vulnerable-family share</th>
                  <th scope="col">Approach</th>
                </tr>
              </thead>
              <tbody>
                {page.savedRules.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" className="font-normal">
                      {r.value}
                    </th>
                    <td>{r.agencyName || "No agency"}</td>
                    <td>{r.service}</td>
                    <td>{SPEND_CATEGORY_LABELS[r.category]}</td>
                    <td>{formatBasisPoints(r.vulnerableShareBp)}</td>
                    <td>{SPEND_APPROACH_LABELS[r.approach]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </main>
    );
  }
  const agencyOptions = [
    { value: "", label: "No agency" },
    ...page.agencies.map((a) => ({ value: a.id, label: a.name })),
  ];
  const areaOptions = [
    { value: "", label: "Whole place (no area)" },
    ...page.areas.map((a) => ({ value: a.id, label: a.name })),
  ];
  const canCommit = page.mappingErrors.length === 0 && page.lines > 0;
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p>
        <Link to={back}>Back to imports</Link>
      </p>
      <h1 className="page-title mt-2">Check the import: {page.fileName}</h1>
      <ErrorSummary errors={errors} />
      <p className="mt-2 text-slate-700">
        Published by {page.source}. {ENCODING[page.encoding] ?? page.encoding} text with{" "}
        {BOM[page.bom] ?? page.bom}; {page.rowCount.toLocaleString("en-GB")} rows under the header.
        Nothing is imported until you confirm.
      </p>

      <section aria-labelledby="summary" className="card mt-6">
        <h2 id="summary" className="text-xl font-bold">
          What will be imported
        </h2>
        {page.mappingErrors.length ? (
          <ul className="mt-2 list-disc pl-5 font-semibold text-red-800">
            {page.mappingErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-lg" data-testid="import-summary">
            {page.lines.toLocaleString("en-GB")} lines, {formatPence(page.totalPence)},{" "}
            {page.credits.toLocaleString("en-GB")} credits
            {page.credits ? ` (${formatPence(page.creditPence)})` : ""}
          </p>
        )}
        {page.problems.length ? (
          <p className="mt-1">
            <a href="#unreadable">
              {page.problems.length.toLocaleString("en-GB")}{" "}
              {page.problems.length === 1 ? "row cannot" : "rows cannot"} be read and will not be
              imported
            </a>
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-3">
          {canCommit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="expectedLines" value={page.lines} />
              <input type="hidden" name="expectedTotalPence" value={page.totalPence} />
              <button type="submit" className="btn-primary">
                Import {page.lines.toLocaleString("en-GB")} lines
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <input type="hidden" name="importId" value={page.id} />
            <button type="submit" className="btn-secondary">
              Discard this import
            </button>
          </Form>
        </div>
      </section>

      {page.first.length ? (
        <section aria-labelledby="first-rows" className="mt-8">
          <h2 id="first-rows" className="text-xl font-bold">
            The first lines
          </h2>
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Year</th>
                <th scope="col">Service</th>
                <th scope="col">Agency</th>
                <th scope="col">Category</th>
                <th scope="col" className="text-right">
                  Amount
                </th>
                <th scope="col" className="text-right">
                  Vulnerable share
                </th>
              </tr>
            </thead>
            <tbody>
              {page.first.map((d) => (
                <tr key={d.line}>
                  <td>{d.line}</td>
                  <td>{formatFinancialYear(d.financialYear)}</td>
                  <td>{d.service}</td>
                  <td>{d.agencyName || "No agency"}</td>
                  <td>{SPEND_CATEGORY_LABELS[d.category]}</td>
                  <td className="text-right">{formatPence(d.amountPence)}</td>
                  <td className="text-right">{formatBasisPoints(d.vulnerableShareBp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <Form method="post" className="mt-8" aria-labelledby="mapping-title">
        <input type="hidden" name="intent" value="update" />
        <h2 id="mapping-title" className="text-xl font-bold">
          Columns
        </h2>
        <p className="mt-1 text-slate-700">
          Praxis chose what each column holds from its header. Change any that are wrong, then
          update the preview.
        </p>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">First values</th>
              <th scope="col">Holds</th>
            </tr>
          </thead>
          <tbody>
            {page.columns.map((c, i) => (
              <tr key={`${i}-${c.header}`}>
                <th scope="row" className="font-normal">
                  {c.header || `(column ${i + 1}, no header)`}
                </th>
                <td className="text-sm">{c.samples.join(" · ")}</td>
                <td>
                  <label htmlFor={`role-${i}`} className="sr-only">
                    What “{c.header || `column ${i + 1}`}” holds
                  </label>
                  <select
                    id={`role-${i}`}
                    name={`role[${i}]`}
                    className="input"
                    defaultValue={c.role}
                  >
                    {roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                        {o.value && o.value === c.detected ? " (detected)" : ""}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 className="mt-8 text-xl font-bold">For lines without a rule</h2>
        <div className="card mt-3 grid gap-4 sm:grid-cols-5">
          <Select
            id="defaults-agency"
            name="defaults.agencyId"
            label="Agency"
            value={page.defaults.agencyId ?? ""}
            options={agencyOptions}
          />
          <Select
            id="defaults-area"
            name="defaults.localityId"
            label="Area"
            value={page.defaults.localityId ?? ""}
            options={areaOptions}
          />
          <Select
            id="defaults-category"
            name="defaults.category"
            label="Category"
            value={page.defaults.category}
            options={categoryOptions}
          />
          <div>
            <label htmlFor="defaults-share" className="label">
              Vulnerable-family share (%)
            </label>
            <input
              id="defaults-share"
              name="defaults.vulnerableShare"
              className="input"
              inputMode="decimal"
              defaultValue={bpToPercentText(page.defaults.vulnerableShareBp)}
            />
          </div>
          <Select
            id="defaults-approach"
            name="defaults.approach"
            label="Approach"
            value={page.defaults.approach}
            options={approachOptions}
          />
        </div>

        {page.rules.length ? (
          <>
            <h2 className="mt-8 text-xl font-bold">Mapping rules for {page.source}</h2>
            <p className="mt-1 text-slate-700">
              Each service or expense-area value in the file becomes spend of an agency, service and
              category with a share for vulnerable families. Rules are saved for {page.source} when
              you import, and applied to its next file.
              {page.moreValues
                ? ` The ${page.moreValues.toLocaleString("en-GB")} smallest values are not listed and take the settings above.`
                : ""}
            </p>
            <table className="table mt-3">
              <thead>
                <tr>
                  <th scope="col">Value in the file</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Service</th>
                  <th scope="col">Category</th>
                  <th scope="col">Share (%)</th>
                  <th scope="col">Approach</th>
                </tr>
              </thead>
              <tbody>
                {page.rules.map((r, i) => {
                  const rule = r.rule;
                  return (
                    <tr key={r.key}>
                      <th scope="row" className="font-normal">
                        <input type="hidden" name={`rule[${i}].key`} value={r.key} />
                        <input type="hidden" name={`rule[${i}].value`} value={r.value} />
                        {r.value}
                        <span className="block text-sm text-slate-700">
                          {r.lines.toLocaleString("en-GB")} lines, {formatPence(r.totalPence)}
                          {rule ? " · saved rule" : ""}
                        </span>
                      </th>
                      <td>
                        <label htmlFor={`rule-${i}-agency`} className="sr-only">
                          Agency for “{r.value}”
                        </label>
                        <select
                          id={`rule-${i}-agency`}
                          name={`rule[${i}].agencyId`}
                          className="input"
                          defaultValue={rule?.agencyId ?? page.defaults.agencyId ?? ""}
                        >
                          {agencyOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <label htmlFor={`rule-${i}-service`} className="sr-only">
                          Service for “{r.value}”
                        </label>
                        <input
                          id={`rule-${i}-service`}
                          name={`rule[${i}].service`}
                          className="input"
                          defaultValue={rule?.service || r.value}
                        />
                      </td>
                      <td>
                        <label htmlFor={`rule-${i}-category`} className="sr-only">
                          Category for “{r.value}”
                        </label>
                        <select
                          id={`rule-${i}-category`}
                          name={`rule[${i}].category`}
                          className="input"
                          defaultValue={rule?.category ?? page.defaults.category}
                        >
                          {categoryOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <label htmlFor={`rule-${i}-share`} className="sr-only">
                          Vulnerable-family share (%) for “{r.value}”
                        </label>
                        <input
                          id={`rule-${i}-share`}
                          name={`rule[${i}].vulnerableShare`}
                          className="input w-20"
                          inputMode="decimal"
                          defaultValue={bpToPercentText(
                            rule?.vulnerableShareBp ?? page.defaults.vulnerableShareBp,
                          )}
                        />
                      </td>
                      <td>
                        <label htmlFor={`rule-${i}-approach`} className="sr-only">
                          Approach for “{r.value}”
                        </label>
                        <select
                          id={`rule-${i}-approach`}
                          name={`rule[${i}].approach`}
                          className="input"
                          defaultValue={rule?.approach ?? page.defaults.approach}
                        >
                          {approachOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        ) : null}
        <button type="submit" className="btn-primary mt-6">
          Update the preview
        </button>
      </Form>

      {page.problems.length ? (
        <section aria-labelledby="unreadable" className="mt-10">
          <h2 id="unreadable" className="text-xl font-bold">
            Rows that cannot be read
          </h2>
          <ul className="mt-2 list-disc pl-5" data-testid="problems">
            {page.problems.map((p) => (
              <li key={p.line}>
                Line {p.line}: {p.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
