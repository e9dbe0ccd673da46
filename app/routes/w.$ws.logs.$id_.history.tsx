import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { StaticDocument } from "../components/editor/static-document";
import { collectErrors, ErrorSummary, TextField } from "../components/forms";
import { getLogVersion, listLogVersions, restoreLogVersion, saveNamedVersion, versionLabel } from "../models/log/log-history.server";
import type { LogVersionKind } from "../models/log/log.constants";
import { historyActionSchema, saveVersionSchema } from "../models/log/log.schema";
import { getReadableLog } from "../models/log/log.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `History of ${d?.log.title ?? "a log"} — Praxis` }];

const versionParam = z.string().max(64).regex(/^[a-z0-9]+$/i).optional().catch(undefined);

const KIND_LABELS: Record<LogVersionKind, string> = {
  named: "Named version",
  periodic: "Automatic snapshot",
  "pre-restore": "Saved before a restore",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:read");
  const { workspace, user, role } = access;
  const found = await getReadableLog({ workspaceId: workspace.id, userId: user.id, role, logId: params.id ?? "" });
  if (!found) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId: params.id });
  const reader = { workspaceId: workspace.id, userId: user.id };
  const versions = await listLogVersions(reader, found.log.id);
  const selectedId = versionParam.parse(new URL(request.url).searchParams.get("version") ?? undefined);
  const selected = selectedId ? await getLogVersion(reader, found.log.id, selectedId) : null;
  return {
    slug: workspace.slug,
    log: { id: found.log.id, title: found.log.title, contentJson: found.log.contentJson, contentText: found.log.contentText },
    canEdit: found.permissions.canEdit,
    versions: versions.map((v) => ({ ...v, label: versionLabel(v) })),
    selected: selected
      ? {
          id: selected.id,
          kind: selected.kind,
          label: versionLabel(selected),
          createdAt: selected.createdAt,
          createdByName: selected.createdByName,
          contentJson: selected.contentJson,
          contentText: selected.contentText,
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:edit");
  const { workspace, user, role } = access;
  const found = await getReadableLog({ workspaceId: workspace.id, userId: user.id, role, logId: params.id ?? "" });
  if (!found) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId: params.id });
  if (!found.permissions.canEdit) throw await denyAccess(access, request, 403, { reason: "log-not-editable", logId: params.id });
  const submission = parseWithZod(await request.formData(), { schema: historyActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = { userId: user.id, role, workspaceId: workspace.id, ipAddress: getClientIp(request) };
  const base = `/w/${workspace.slug}/logs/${found.log.id}`;
  if (submission.value.intent === "save-version") {
    const id = await saveNamedVersion(actor, found.log.id, submission.value.name);
    return redirectWithFlash(`${base}/history?version=${id}`, { kind: "success", message: `Version “${submission.value.name}” saved` });
  }
  const restored = await restoreLogVersion(actor, found.log.id, submission.value.versionId);
  if (!restored) throw await denyAccess(access, request, 404, { reason: "version-not-found", versionId: submission.value.versionId });
  return redirectWithFlash(base, {
    kind: "success",
    message: "Version restored as a new edit. The text as it was before is saved in the history.",
  });
}

export default function LogHistory() {
  const { slug, log, canEdit, versions, selected } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "save-version",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveVersionSchema }),
  });
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/logs/${log.id}`}>Back to “{log.title}”</Link>
      </p>
      <h1 className="page-title">History of “{log.title}”</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Snapshots are taken while the log is edited (at most one every ten minutes of activity). Restoring a version adds it
        as a new edit; the text as it was just before is saved here first, so nothing is lost.
      </p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
        <div className="space-y-6">
          {canEdit ? (
            <div className="card">
              <h2 className="mb-3 text-lg font-semibold">Save a version</h2>
              <ErrorSummary id="version-errors" errors={collectErrors(form.errors, [fields.name])} />
              <Form method="post" {...getFormProps(form)}>
                <input type="hidden" name="intent" value="save-version" />
                <TextField meta={fields.name} label="Version name" hint="For example, Before the set meeting on 12 May" {...getInputProps(fields.name, { type: "text" })} />
                <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
                  Save version
                </button>
              </Form>
            </div>
          ) : null}
          <div className="card">
            <h2 className="mb-3 text-lg font-semibold">Versions</h2>
            {versions.length === 0 ? (
              <p className="text-sm text-slate-700">No versions yet.</p>
            ) : (
              <ol className="space-y-2">
                {versions.map((v) => (
                  <li key={v.id} className={`rounded-md border p-2 text-sm ${selected?.id === v.id ? "border-brand-700 bg-brand-50" : "border-slate-200"}`}>
                    <Link to={`/w/${slug}/logs/${log.id}/history?version=${v.id}`} aria-current={selected?.id === v.id ? "true" : undefined} className="font-semibold">
                      {v.label || `${KIND_LABELS[v.kind]}, ${formatDateTime(v.createdAt)}`}
                    </Link>
                    {/* The kind and time are in the link of an unnamed version; a named one says them here. */}
                    <p className="text-slate-700">
                      {v.label ? (
                        <>
                          {KIND_LABELS[v.kind]} · <time dateTime={isoDateTime(v.createdAt)}>{formatDateTime(v.createdAt)}</time>
                          {v.createdByName ? ` · ${v.createdByName}` : ""}
                        </>
                      ) : (
                        (v.createdByName ?? "")
                      )}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>

        <div>
          {selected ? (
            <>
              <div className="flex flex-wrap items-baseline justify-between gap-3">
                <h2 className="text-lg font-semibold">
                  {selected.label || KIND_LABELS[selected.kind]} —{" "}
                  <time dateTime={isoDateTime(selected.createdAt)}>{formatDateTime(selected.createdAt)}</time>
                </h2>
                {canEdit ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="restore" />
                    <input type="hidden" name="versionId" value={selected.id} />
                    <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
                      Restore this version
                    </button>
                  </Form>
                ) : null}
              </div>
              <div className="mt-4 grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-2 font-semibold">This version</h3>
                  <div className="rounded-md border border-slate-300 bg-white">
                    <StaticDocument json={selected.contentJson} fallbackText={selected.contentText} label="Text of this version" />
                  </div>
                </div>
                <div>
                  <h3 className="mb-2 font-semibold">Current text</h3>
                  <div className="rounded-md border border-slate-300 bg-white">
                    <StaticDocument json={log.contentJson} fallbackText={log.contentText} label="Current text of the log" />
                  </div>
                </div>
              </div>
            </>
          ) : (
            <p className="text-slate-700">Choose a version to read it beside the current text.</p>
          )}
        </div>
      </div>
    </main>
  );
}
