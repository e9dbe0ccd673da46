import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { collectErrors, ErrorSummary, SelectField, TextField, TableScroller } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { can } from "../models/access/access.policy";
import {
  AGENCY_KIND_LABELS,
  AGENCY_KIND_VALUES,
  agenciesActionSchema,
  createAgencySchema,
  updateAgencySchema,
} from "../models/agency/agency.schema";
import { createAgency, listAgencies, setAgencyArchived, updateAgency } from "../models/agency/agency.server";
import { notFound, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Partner agencies — Praxis" }];

/** What agencies are used for, said once; extend it as more is recorded against them. */
const AGENCIES_PURPOSE =
  "Each member's agency is recorded on the members page. Case journeys, spend lines and vulnerability criteria name the agency they belong to, and a member sees in full the journey events their own agency recorded.";

const NAME_TAKEN = "An agency with this name already exists in this workspace (it may be archived)";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "agencies:read");
  const { active, archived } = await listAgencies(workspace.id);
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    canManage: can(role, "agencies:manage"),
    active: active.map(({ id, name, kind }) => ({ id, name, kind })),
    archived: archived.map(({ id, name, kind }) => ({ id, name, kind })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "agencies:manage");
  const submission = parseWithZod(await request.formData(), { schema: agenciesActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = { userId: user.id, ipAddress: getClientIp(request) };
  const here = `/w/${workspace.slug}/agencies`;
  const input = submission.value;

  switch (input.intent) {
    case "create": {
      const result = await createAgency(actor, workspace.id, { name: input.name, kind: input.kind });
      if (!result.ok) return data(submission.reply({ fieldErrors: { name: [NAME_TAKEN] } }), { status: 400 });
      return redirectWithFlash(here, { kind: "success", message: `${result.name} added` });
    }
    case "update": {
      const result = await updateAgency(actor, workspace.id, input.agencyId, { name: input.name, kind: input.kind });
      if (!result.ok && result.reason === "name-taken") {
        return data(submission.reply({ fieldErrors: { name: [NAME_TAKEN] } }), { status: 400 });
      }
      if (!result.ok) throw notFound();
      return redirectWithFlash(here, { kind: "success", message: `${result.name} saved` });
    }
    case "archive":
    case "unarchive": {
      const result = await setAgencyArchived(actor, workspace.id, input.agencyId, input.intent === "archive");
      if (!result.ok) throw notFound();
      return redirectWithFlash(here, {
        kind: "success",
        message: input.intent === "archive" ? `${result.name} archived` : `${result.name} restored to the active list`,
      });
    }
  }
}

const KIND_OPTIONS = AGENCY_KIND_VALUES.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }));

function resultFor(result: SubmissionResult<string[]> | undefined, intent: string) {
  return result?.initialValue?.intent === intent ? result : undefined;
}

export default function AgenciesPage() {
  const { workspace, canManage, active, archived } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const editing = canManage ? [...active, ...archived].find((a) => a.id === searchParams.get("edit")) : undefined;
  const otherErrors =
    lastResult && !resultFor(lastResult, "create") && !resultFor(lastResult, "update")
      ? Object.values(lastResult.error ?? {})
          .flat()
          .filter((m): m is string => typeof m === "string")
          .map((message) => ({ message }))
      : [];

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Partner agencies</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        The organisations working together in {workspace.name}. {AGENCIES_PURPOSE}
      </p>
      <ErrorSummary id="agency-errors" errors={otherErrors} />

      {editing ? (
        <EditAgency key={editing.id} agency={editing} slug={workspace.slug} lastResult={resultFor(lastResult, "update")} />
      ) : null}

      <section aria-labelledby="active-heading" className="mt-8">
        <h2 id="active-heading" className="text-xl font-semibold">
          Active agencies ({active.length})
        </h2>
        {active.length === 0 ? (
          <p className="mt-2 text-slate-700">No partner agencies have been added yet.</p>
        ) : (
          <AgencyTable agencies={active} canManage={canManage} archived={false} caption="Active partner agencies" />
        )}
      </section>

      {/* A new location (after a successful change) remounts the form, so it starts empty again. */}
      {canManage ? <AddAgency key={location.key} lastResult={resultFor(lastResult, "create")} /> : null}

      {archived.length > 0 ? (
        <section aria-labelledby="archived-heading" className="mt-10">
          <h2 id="archived-heading" className="text-xl font-semibold">
            Archived agencies ({archived.length})
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            No longer offered as a choice; kept on the members and records that already name them.
          </p>
          <AgencyTable agencies={archived} canManage={canManage} archived caption="Archived partner agencies" />
        </section>
      ) : null}
    </main>
  );
}

type AgencyRow = { id: string; name: string; kind: keyof typeof AGENCY_KIND_LABELS };

function AgencyTable({
  agencies,
  canManage,
  archived,
  caption,
}: {
  agencies: AgencyRow[];
  canManage: boolean;
  archived: boolean;
  caption: string;
}) {
  const navigation = useNavigation();
  return (
    <TableScroller label="Partner agencies table (scrolls sideways on a narrow screen)">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            {canManage ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.id}>
              <td className="font-semibold">{a.name}</td>
              <td>{AGENCY_KIND_LABELS[a.kind]}</td>
              {canManage ? (
                <td>
                  <div className="flex flex-wrap justify-end gap-2">
                    <Link to={`?edit=${a.id}`} className="btn-secondary py-1" aria-label={`Edit ${a.name}`}>
                      Edit
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
                      <input type="hidden" name="agencyId" value={a.id} />
                      <button
                        type="submit"
                        className="btn-secondary py-1"
                        disabled={navigation.state === "submitting"}
                        aria-label={`${archived ? "Restore" : "Archive"} ${a.name}`}
                      >
                        {archived ? "Restore" : "Archive"}
                      </button>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

function AddAgency({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(createAgencySchema, { id: "create-agency", lastResult });
  return (
    <section aria-labelledby="add-heading" className="mt-10">
      <h2 id="add-heading" className="text-xl font-semibold">
        Add an agency
      </h2>
      <div className="card mt-3 max-w-2xl">
        <ErrorSummary id="create-agency-errors" errors={collectErrors(form.errors, [fields.name, fields.kind])} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <TextField
            meta={fields.name}
            label="Name"
            hint="For example, NHS Lothian or East Lothian Council — Housing"
            {...getInputProps(fields.name, { type: "text" })}
          />
          <SelectField
            meta={fields.kind}
            label="Kind of organisation"
            options={[{ value: "", label: "Choose…" }, ...KIND_OPTIONS]}
            {...getSelectProps(fields.kind)}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Add agency
          </button>
        </Form>
      </div>
    </section>
  );
}

function EditAgency({
  agency,
  slug,
  lastResult,
}: {
  agency: AgencyRow;
  slug: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  // Opening the editor moves focus to it, so keyboard and screen-reader users land where they work.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const [form, fields] = useZodForm(updateAgencySchema, { id: `update-agency-${agency.id}`, lastResult, defaultValue: { name: agency.name, kind: agency.kind } });
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="edit-heading" className="mt-8">
      <h2 id="edit-heading" className="text-xl font-semibold">
        Edit {agency.name}
      </h2>
      <div className="card mt-3 max-w-2xl">
        <ErrorSummary id="update-agency-errors" errors={collectErrors(form.errors, [fields.name, fields.kind])} />
        <Form method="post" action={`/w/${slug}/agencies?edit=${agency.id}`} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="agencyId" value={agency.id} />
          <TextField meta={fields.name} label="Name" {...getInputProps(fields.name, { type: "text" })} />
          <SelectField meta={fields.kind} label="Kind of organisation" options={KIND_OPTIONS} {...getSelectProps(fields.kind)} />
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Save changes
            </button>
            <Link to={`/w/${slug}/agencies`} className="btn-secondary">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </section>
  );
}
