import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";

import { collectErrors, ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { can } from "../models/access/access.policy";
import {
  RETENTION_CEILING_MONTHS,
  RETENTION_FLOOR_MONTHS,
} from "../models/retention/retention.constants";
import { retentionFormSchema } from "../models/retention/retention.schema";
import { previewRetention, setRetention } from "../models/retention/retention.server";
import { deleteWorkspace } from "../models/workspace/workspace-deletion.server";
import {
  addLocalitySchema,
  archiveLocalitySchema,
  deleteWorkspaceSchema,
  detailsFormSchema,
  moveLocalitySchema,
  renameLocalitySchema,
} from "../models/workspace/workspace-settings.schema";
import {
  addLocality,
  listLocalities,
  listPreviousSlugs,
  moveLocality,
  renameLocality,
  setLocalityArchived,
  updateWorkspaceDetails,
} from "../models/workspace/workspace-settings.server";
import { forbidden, notFound, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Workspace settings — Praxis" }];

const settingsActionSchema = z.discriminatedUnion(
  "intent",
  [
    detailsFormSchema,
    addLocalitySchema,
    renameLocalitySchema,
    moveLocalitySchema,
    archiveLocalitySchema,
    retentionFormSchema,
    deleteWorkspaceSchema,
  ],
  { error: "This form was not recognised. Reload the page and try again." },
);

const SLUG_TAKEN =
  "This web address is in use, or was used before, by another workspace; choose another";
const LOCALITY_TAKEN =
  "A locality with this name already exists in this workspace (it may be archived)";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspaceAccess(request, params.ws, "workspace:settings");
  const [{ active, archived }, previousSlugs, preview] = await Promise.all([
    listLocalities(workspace.id),
    listPreviousSlugs(workspace.id),
    previewRetention(workspace.id),
  ]);
  return {
    workspace: { slug: workspace.slug, name: workspace.name, description: workspace.description },
    previousSlugs,
    active: active.map(({ id, name }) => ({ id, name })),
    archived: archived.map(({ id, name }) => ({ id, name })),
    preview,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(
    request,
    params.ws,
    "workspace:settings",
  );
  const submission = parseWithZod(await request.formData(), { schema: settingsActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = { userId: user.id, ipAddress: getClientIp(request) };
  const here = `/w/${workspace.slug}/settings`;
  const input = submission.value;

  switch (input.intent) {
    case "details": {
      const result = await updateWorkspaceDetails(actor, workspace.id, {
        name: input.name,
        slug: input.slug,
        description: input.description,
      });
      if (!result.ok && result.reason === "slug-taken")
        return data(submission.reply({ fieldErrors: { slug: [SLUG_TAKEN] } }), { status: 400 });
      if (!result.ok) throw notFound();
      return redirectWithFlash(`/w/${result.slug}/settings`, {
        kind: "success",
        message: "Workspace details saved",
      });
    }
    case "locality-add": {
      const result = await addLocality(actor, workspace.id, input.name);
      if (!result.ok)
        return data(submission.reply({ fieldErrors: { name: [LOCALITY_TAKEN] } }), { status: 400 });
      return redirectWithFlash(`${here}#localities-heading`, {
        kind: "success",
        message: `${result.name} added`,
      });
    }
    case "locality-rename": {
      const result = await renameLocality(actor, workspace.id, input.localityId, input.name);
      if (!result.ok && result.reason === "name-taken")
        return data(submission.reply({ fieldErrors: { name: [LOCALITY_TAKEN] } }), { status: 400 });
      if (!result.ok) throw notFound();
      return redirectWithFlash(`${here}#localities-heading`, {
        kind: "success",
        message: `${result.name} saved`,
      });
    }
    case "locality-move": {
      const result = await moveLocality(actor, workspace.id, input.localityId, input.direction);
      if (!result.ok) throw notFound();
      return redirectWithFlash(`${here}#localities-heading`, {
        kind: "success",
        message: `${result.name} moved ${input.direction}`,
      });
    }
    case "locality-archive":
    case "locality-restore": {
      const archive = input.intent === "locality-archive";
      const result = await setLocalityArchived(actor, workspace.id, input.localityId, archive);
      if (!result.ok) throw notFound();
      return redirectWithFlash(`${here}#localities-heading`, {
        kind: "success",
        message: archive ? `${result.name} archived` : `${result.name} restored to the list`,
      });
    }
    case "retention": {
      await setRetention(actor, workspace.id, {
        learningMonths: input.learningMonths,
        evidenceMonths: input.evidenceMonths,
      });
      return redirectWithFlash(`${here}#retention-heading`, {
        kind: "success",
        message: "Retention periods saved",
      });
    }
    case "delete": {
      if (!can(role, "workspace:delete")) throw forbidden();
      if (input.confirmation !== workspace.name) {
        return data(
          submission.reply({
            fieldErrors: {
              confirmation: [
                `Type the workspace’s name exactly as shown — ${workspace.name} — to delete it`,
              ],
            },
          }),
          {
            status: 400,
          },
        );
      }
      const result = await deleteWorkspace(actor, workspace.id);
      if (!result.ok) throw notFound();
      return redirectWithFlash("/w", {
        kind: "success",
        message: `${result.name} and everything in it has been deleted`,
      });
    }
  }
}

function resultFor(result: SubmissionResult<string[]> | undefined, ...intents: string[]) {
  const intent = result?.initialValue?.intent;
  return typeof intent === "string" && intents.includes(intent) ? result : undefined;
}

const DAY = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const LIST = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

function formatDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

export default function SettingsPage() {
  const { workspace, previousSlugs, active, archived, preview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const editing = [...active, ...archived].find((l) => l.id === searchParams.get("locality"));
  const known = ["details", "locality-add", "locality-rename", "retention", "delete"];
  const otherErrors =
    lastResult && !resultFor(lastResult, ...known)
      ? Object.values(lastResult.error ?? {})
          .flat()
          .filter((m): m is string => typeof m === "string")
          .map((message) => ({ message }))
      : [];

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Workspace settings</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Only owners see this page. Every change here is recorded in the audit log.
      </p>
      <ErrorSummary id="settings-errors" errors={otherErrors} />

      <Details
        key={`details-${location.key}`}
        workspace={workspace}
        previousSlugs={previousSlugs}
        lastResult={resultFor(lastResult, "details")}
      />

      <section aria-labelledby="localities-heading" className="mt-10">
        <h2 id="localities-heading" className="text-xl font-semibold">
          Localities
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          The areas of the place this partnership serves, in the order they are offered when a case
          or a line of spend is recorded.
        </p>
        {editing ? (
          <RenameLocality
            key={editing.id}
            locality={editing}
            slug={workspace.slug}
            lastResult={resultFor(lastResult, "locality-rename")}
          />
        ) : null}
        {active.length === 0 ? (
          <p className="mt-3 text-slate-700">No localities have been added yet.</p>
        ) : (
          <LocalityTable
            localities={active}
            archived={false}
            caption="Localities in use, in order"
          />
        )}
        <AddLocality
          key={`add-${location.key}`}
          lastResult={resultFor(lastResult, "locality-add")}
        />
        {archived.length > 0 ? (
          <>
            <h3 className="mt-6 text-lg font-semibold">Archived localities ({archived.length})</h3>
            <p className="mt-1 text-sm text-slate-700">
              No longer offered as a choice; kept on the cases and spend lines that already name
              them.
            </p>
            <LocalityTable localities={archived} archived caption="Archived localities" />
          </>
        ) : null}
      </section>

      <Retention
        key={`retention-${location.key}`}
        preview={preview}
        lastResult={resultFor(lastResult, "retention")}
      />

      <DeleteWorkspace name={workspace.name} lastResult={resultFor(lastResult, "delete")} />
    </main>
  );
}

function Details({
  workspace,
  previousSlugs,
  lastResult,
}: {
  workspace: { slug: string; name: string; description: string };
  previousSlugs: string[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(detailsFormSchema, {
    id: "details",
    lastResult,
    defaultValue: workspace,
  });
  return (
    <section aria-labelledby="details-heading" className="mt-8">
      <h2 id="details-heading" className="text-xl font-semibold">
        Name and web address
      </h2>
      <div className="card mt-3 max-w-2xl">
        <ErrorSummary
          id="details-errors"
          errors={collectErrors(form.errors, [fields.name, fields.slug, fields.description])}
        />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <TextField
            meta={fields.name}
            label="Name"
            {...getInputProps(fields.name, { type: "text" })}
          />
          <TextField
            meta={fields.slug}
            label="Web address"
            hint={`Lower-case letters, numbers and hyphens: /w/${workspace.slug}. Links to the old address keep working.`}
            {...getInputProps(fields.slug, { type: "text" })}
          />
          <TextAreaField
            meta={fields.description}
            label="Description"
            {...getTextareaProps(fields.description)}
          />
          <button
            type="submit"
            className="btn-primary"
            disabled={navigation.state === "submitting"}
          >
            Save details
          </button>
        </Form>
        {previousSlugs.length > 0 ? (
          <p className="mt-4 text-sm text-slate-700">
            Earlier web addresses that redirect here:{" "}
            {previousSlugs.map((s) => `/w/${s}`).join(", ")}
          </p>
        ) : null}
      </div>
    </section>
  );
}

function LocalityTable({
  localities,
  archived,
  caption,
}: {
  localities: { id: string; name: string }[];
  archived: boolean;
  caption: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="card mt-3 overflow-x-auto p-0">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {localities.map((l, i) => (
            <tr key={l.id}>
              <td className="font-semibold">{l.name}</td>
              <td>
                <div className="flex flex-wrap justify-end gap-2">
                  <Link
                    to={`?locality=${l.id}`}
                    className="btn-secondary py-1"
                    aria-label={`Rename ${l.name}`}
                  >
                    Rename
                  </Link>
                  {!archived ? (
                    <>
                      <Form method="post">
                        <input type="hidden" name="intent" value="locality-move" />
                        <input type="hidden" name="localityId" value={l.id} />
                        <input type="hidden" name="direction" value="up" />
                        <button
                          type="submit"
                          className="btn-secondary py-1"
                          disabled={busy || i === 0}
                          aria-label={`Move up: ${l.name}`}
                        >
                          Move up
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="locality-move" />
                        <input type="hidden" name="localityId" value={l.id} />
                        <input type="hidden" name="direction" value="down" />
                        <button
                          type="submit"
                          className="btn-secondary py-1"
                          disabled={busy || i === localities.length - 1}
                          aria-label={`Move down: ${l.name}`}
                        >
                          Move down
                        </button>
                      </Form>
                    </>
                  ) : null}
                  <Form method="post">
                    <input
                      type="hidden"
                      name="intent"
                      value={archived ? "locality-restore" : "locality-archive"}
                    />
                    <input type="hidden" name="localityId" value={l.id} />
                    <button
                      type="submit"
                      className="btn-secondary py-1"
                      disabled={busy}
                      aria-label={`${archived ? "Restore" : "Archive"} ${l.name}`}
                    >
                      {archived ? "Restore" : "Archive"}
                    </button>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddLocality({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(addLocalitySchema, { id: "locality-add", lastResult });
  return (
    <div className="card mt-4 max-w-2xl">
      <h3 className="text-lg font-semibold">Add a locality</h3>
      <ErrorSummary id="locality-add-errors" errors={collectErrors(form.errors, [fields.name])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="locality-add" />
        <TextField
          meta={fields.name}
          label="Locality name"
          hint="For example, Musselburgh East or Wallyford"
          {...getInputProps(fields.name, { type: "text" })}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Add locality
        </button>
      </Form>
    </div>
  );
}

function RenameLocality({
  locality,
  slug,
  lastResult,
}: {
  locality: { id: string; name: string };
  slug: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  // Opening the editor moves focus to it, so keyboard and screen-reader users land where they work.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const [form, fields] = useZodForm(renameLocalitySchema, {
    id: `locality-rename-${locality.id}`,
    lastResult,
    defaultValue: { name: locality.name },
  });
  return (
    <div ref={ref} tabIndex={-1} className="card mt-3 max-w-2xl">
      <h3 className="text-lg font-semibold">Rename {locality.name}</h3>
      <ErrorSummary
        id="locality-rename-errors"
        errors={collectErrors(form.errors, [fields.name])}
      />
      <Form
        method="post"
        action={`/w/${slug}/settings?locality=${locality.id}`}
        {...getFormProps(form)}
      >
        <input type="hidden" name="intent" value="locality-rename" />
        <input type="hidden" name="localityId" value={locality.id} />
        <TextField
          meta={fields.name}
          label="New name"
          {...getInputProps(fields.name, { type: "text" })}
        />
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            className="btn-primary"
            disabled={navigation.state === "submitting"}
          >
            Save name
          </button>
          <Link to={`/w/${slug}/settings`} className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

type Preview = Awaited<ReturnType<typeof loader>>["preview"];

function Retention({
  preview,
  lastResult,
}: {
  preview: Preview;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(retentionFormSchema, {
    id: "retention",
    lastResult,
    defaultValue: {
      learningMonths: String(preview.periods.learningMonths),
      evidenceMonths: String(preview.periods.evidenceMonths),
    },
  });
  const range = `Between ${RETENTION_FLOOR_MONTHS} and ${RETENTION_CEILING_MONTHS} months.`;
  return (
    <section aria-labelledby="retention-heading" className="mt-10">
      <h2 id="retention-heading" className="text-xl font-semibold">
        How long material is kept
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        Once an hour the server deletes what has been kept longer than these periods, from the
        pages, the search index, the editing history and the stored versions alike. Each deletion is
        recorded in the audit log with what kind of thing went and how many.
      </p>

      <div className="card mt-3 max-w-3xl" aria-live="polite">
        <h3 className="text-lg font-semibold">What will be deleted</h3>
        {preview.dueNow.length > 0 ? (
          <p className="mt-2 font-semibold">
            {LIST.format(preview.dueNow.map((d) => d.label))} will be deleted within the hour.
          </p>
        ) : (
          <p className="mt-2">Nothing is due for deletion now.</p>
        )}
        {preview.upcoming.length > 0 ? (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {preview.upcoming.map((u) => (
              <li key={u.day}>
                {LIST.format(u.items.map((i) => i.label))} will be deleted on {formatDay(u.day)}.
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">Nothing else expires in the next {preview.horizonDays} days.</p>
        )}
      </div>

      <div className="card mt-4 max-w-3xl">
        <ErrorSummary
          id="retention-errors"
          errors={collectErrors(form.errors, [fields.learningMonths, fields.evidenceMonths])}
        />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="retention" />
          <TextField
            meta={fields.learningMonths}
            label="Learning material (months)"
            hint={`Logs, their versions and set meetings with their notes. ${range}`}
            inputMode="numeric"
            {...getInputProps(fields.learningMonths, { type: "text" })}
          />
          <TextField
            meta={fields.evidenceMonths}
            label="Case evidence (months)"
            hint={`Cases with their journeys, imported files and spend lines. ${range}`}
            inputMode="numeric"
            {...getInputProps(fields.evidenceMonths, { type: "text" })}
          />
          <button
            type="submit"
            className="btn-primary"
            disabled={navigation.state === "submitting"}
          >
            Save retention periods
          </button>
        </Form>
        <h3 className="mt-6 text-lg font-semibold">What “expired” means</h3>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {preview.rules.map((r) => (
            <li key={r.kind}>
              {r.rule}
              {r.months !== null ? ` (now ${r.months} months)` : ""}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function DeleteWorkspace({
  name,
  lastResult,
}: {
  name: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(deleteWorkspaceSchema, { id: "delete", lastResult });
  return (
    <section aria-labelledby="delete-heading" className="mt-10">
      <h2 id="delete-heading" className="text-xl font-semibold text-red-800">
        Delete this workspace
      </h2>
      <div className="card mt-3 max-w-2xl border-red-700">
        <p>
          Deleting {name} removes everything in it for every member, at once and for good: logs and
          their history, sets, meetings and notes, inquiries, actions, decisions, cases, evidence
          and imports. It cannot be undone. The audit record of the deletion is kept.
        </p>
        <ErrorSummary
          id="delete-errors"
          errors={collectErrors(form.errors, [fields.confirmation])}
        />
        <Form method="post" className="mt-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="delete" />
          <TextField
            meta={fields.confirmation}
            label={`To confirm, type the workspace’s name: ${name}`}
            autoComplete="off"
            {...getInputProps(fields.confirmation, { type: "text" })}
          />
          <button type="submit" className="btn-danger" disabled={navigation.state === "submitting"}>
            Delete workspace and everything in it
          </button>
        </Form>
      </div>
    </section>
  );
}
