import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { Editor as TiptapEditor } from "@tiptap/react";
import { useEffect, useState, type ComponentType } from "react";


import { CommentDialog } from "../components/comments/comment-dialog";
import { CommentThreads } from "../components/comments/comment-threads";
import type { LogEditorProps } from "../components/editor/log-editor.client";
import { StaticDocument } from "../components/editor/static-document";
import { colourForUser } from "../components/editor/user-colour";
import { collectErrors, ErrorSummary, SelectField, TextField } from "../components/forms";
import { ExcerptDialog } from "../components/insights/excerpt-dialog";
import { useZodForm } from "../components/use-zod-form";
import { VisibilityField } from "../components/visibility-field";
import { can } from "../models/access/access.policy";
import { listThreadsForLog } from "../models/comment/comment.server";
import { hasInsightOptions, listInsightsQuotingLog } from "../models/insight/insight.server";
import { offeredVisibilities, VISIBILITY_SHORT } from "../models/log/log.policy";
import { logDetailsSchema, logPageActionSchema, parseTags, shareLogSchema } from "../models/log/log.schema";
import { deleteLog, getReadableLog, listMyLearningSets, listWorkspaceInquiries, LogInputError, updateLogDetails } from "../models/log/log.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.log.title ?? "Learning log"} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:read");
  const { workspace, user, role } = access;
  const found = await getReadableLog({ workspaceId: workspace.id, userId: user.id, role, logId: params.id ?? "" });
  if (!found) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId: params.id });
  const { log, authors, tags, set, inquiry, permissions } = found;
  const [sets, inquiries] = permissions.canManage
    ? await Promise.all([listMyLearningSets(workspace.id, user.id), listWorkspaceInquiries(workspace.id)])
    : [[], []];
  // A set log stays shareable with its own set even when the manager is not in it.
  const setChoices = set && !sets.some((s) => s.id === set.id) ? [set, ...sets] : sets;
  const canQuote = permissions.canEdit && can(role, "insight:edit");
  const canComment = can(role, "log:comment");
  const [hasInsights, quotedBy, threads] = await Promise.all([
    canQuote ? hasInsightOptions(workspace.id) : Promise.resolve(false),
    can(role, "insight:read") ? listInsightsQuotingLog(workspace.id, found.log.id) : Promise.resolve([]),
    listThreadsForLog(found.log),
  ]);
  return {
    canComment,
    threads,
    canQuote,
    hasInsights,
    quotedBy: quotedBy.map(({ id, statement }) => ({ id, statement })),
    slug: workspace.slug,
    log: {
      id: log.id,
      title: log.title,
      visibility: log.visibility,
      setId: log.setId,
      inquiryId: log.inquiryId,
      contentJson: log.contentJson,
      contentText: log.contentText,
      updatedAt: log.updatedAt,
      createdAt: log.createdAt,
    },
    authors,
    tags,
    set,
    inquiry,
    permissions,
    me: { id: user.id, name: user.displayName, color: colourForUser(user.id) },
    setChoices,
    inquiries,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:edit");
  const { workspace, user, role } = access;
  const found = await getReadableLog({ workspaceId: workspace.id, userId: user.id, role, logId: params.id ?? "" });
  if (!found) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId: params.id });
  if (!found.permissions.canManage) throw await denyAccess(access, request, 403, { reason: "log-not-manageable", logId: params.id });
  const submission = parseWithZod(await request.formData(), { schema: logPageActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = { userId: user.id, role, workspaceId: workspace.id, ipAddress: getClientIp(request) };
  const value = submission.value;
  if (value.intent === "delete") {
    await deleteLog(actor, found.log.id);
    return redirectWithFlash(`/w/${workspace.slug}/logs`, {
      kind: "success",
      message: `Log “${found.log.title}” moved to the bin. You, its other authors or a workspace owner can restore it from the bin within 30 days.`,
    });
  }
  if (value.intent === "share") {
    const { log, tags } = found;
    try {
      await updateLogDetails(actor, log.id, { title: log.title, visibility: value.visibility, setId: value.setId, inquiryId: log.inquiryId ?? undefined, tags });
    } catch (error) {
      if (error instanceof LogInputError) return data(submission.reply({ formErrors: [error.message] }), { status: 400 });
      throw error;
    }
    const setName = value.visibility === "set" ? found.set?.name ?? (await listMyLearningSets(workspace.id, user.id)).find((s) => s.id === value.setId)?.name : undefined;
    return redirectWithFlash(`/w/${workspace.slug}/logs/${log.id}`, {
      kind: "success",
      message: setName ? `Log shared with the learning set “${setName}”` : "Log shared with everyone in the workspace",
    });
  }
  try {
    await updateLogDetails(actor, found.log.id, { ...value, tags: parseTags(value.tags) });
  } catch (error) {
    if (error instanceof LogInputError) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  return redirectWithFlash(`/w/${workspace.slug}/logs/${found.log.id}`, { kind: "success", message: "Log details saved" });
}

/** The live editor is loaded in the browser only; the server sends the saved text. */
function useClientEditor() {
  const [Editor, setEditor] = useState<ComponentType<LogEditorProps> | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import("../components/editor/log-editor.client").then((m) => {
      if (!cancelled) setEditor(() => m.LogEditor);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return Editor;
}

export default function LogPage() {
  const { slug, log, authors, tags, set, inquiry, permissions, me, canQuote, hasInsights, quotedBy, canComment, threads } = useLoaderData<typeof loader>();
  const openThreads = threads.filter((t) => !t.resolvedAt);
  const resolvedThreads = threads.filter((t) => t.resolvedAt);
  const [commented, setCommented] = useState<string | null>(null);
  const Editor = useClientEditor();
  const [quoted, setQuoted] = useState<{ text: string; insightId: string } | null>(null);
  // Set when the server has answered this person's first change: it now counts them as an author.
  const [nowAuthor, setNowAuthor] = useState(false);
  const shownAuthors = nowAuthor && !authors.some((a) => a.id === me.id) ? [...authors, { id: me.id, displayName: me.name }] : authors;
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/logs`}>Learning logs</Link>
      </p>
      <h1 className="page-title">{log.title}</h1>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Who can read</dt>
        <dd>
          {VISIBILITY_SHORT[log.visibility]}
          {set ? `: ${set.name}` : ""}
        </dd>
        <dt className="font-semibold">Authors</dt>
        <dd data-testid="log-authors">{shownAuthors.map((a) => a.displayName).join(", ") || "Unknown"}</dd>
        <dt className="font-semibold">Last edited</dt>
        <dd>
          <time dateTime={isoDateTime(log.updatedAt)}>{formatDateTime(log.updatedAt)}</time>
        </dd>
        {inquiry ? (
          <>
            <dt className="font-semibold">Inquiry</dt>
            <dd>{inquiry.question}</dd>
          </>
        ) : null}
        {tags.length > 0 ? (
          <>
            <dt className="font-semibold">Tags</dt>
            <dd>
              <ul className="flex flex-wrap gap-1">
                {tags.map((t) => (
                  <li key={t}>
                    <Link to={`/w/${slug}/logs?tag=${encodeURIComponent(t)}`} className="badge no-underline">
                      {t}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <p className="mt-3 text-sm">
        <Link to={`/w/${slug}/logs/${log.id}/history`}>History and versions</Link>
      </p>

      {permissions.canEdit ? null : (
        <p className="mt-4 rounded-md border-l-4 border-sky-700 bg-sky-50 px-4 py-3 text-sm font-semibold text-sky-900">
          You can read this log. Only its authors and people who may edit it can change the text.
        </p>
      )}
      {permissions.becomesAuthorByEditing && !nowAuthor ? (
        <p className="mt-4 rounded-md border-l-4 border-sky-700 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="author-notice">
          <strong>You can edit this log.</strong> If you change its text, you’ll be listed as an author.
        </p>
      ) : null}
      {permissions.canManage && log.visibility === "private" ? <ShareLog /> : null}

      <section aria-labelledby="log-text-title" className="mt-6">
        <h2 id="log-text-title" className="sr-only">
          Log text
        </h2>
        {Editor ? (
          <Editor
            documentName={`log:${log.id}`}
            user={me}
            canEdit={permissions.canEdit}
            onOwnEditSaved={permissions.becomesAuthorByEditing ? () => setNowAuthor(true) : undefined}
            label={`Text of “${log.title}”`}
            placeholder={<StaticDocument json={log.contentJson} fallbackText={log.contentText} label={`Saved text of “${log.title}”`} />}
            selectionActions={[
              ...(canQuote
                ? [
                    {
                      label: "Create or link an insight from the selected words",
                      text: "Insight",
                      shortcut: "Mod-Alt-i",
                      ariaShortcut: "Control+Alt+I",
                      render: (editor: TiptapEditor, close: () => void) => (
                        <ExcerptDialog
                          editor={editor}
                          slug={slug}
                          logId={log.id}
                          hasInsights={hasInsights}
                          onClose={close}
                          onDone={(message) => {
                            setQuoted(message);
                            close();
                          }}
                        />
                      ),
                    },
                  ]
                : []),
              ...(canComment
                ? [
                    {
                      label: "Comment on the selected words",
                      text: "Comment",
                      shortcut: "Mod-Alt-m",
                      ariaShortcut: "Control+Alt+M",
                      forReaders: true,
                      render: (editor: TiptapEditor, close: () => void) => (
                        <CommentDialog editor={editor} action={`/w/${slug}/logs/${log.id}/comments`} onClose={close} onDone={setCommented} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : (
          <div className="rounded-md border border-slate-300 bg-white">
            <StaticDocument json={log.contentJson} fallbackText={log.contentText} label={`Saved text of “${log.title}”`} />
          </div>
        )}
      </section>

      <p role="status" aria-live="polite" className="mt-2 text-sm font-semibold">
        {nowAuthor ? <>You are now listed as an author of this log. </> : null}
        {commented ? <>{commented}. </> : null}
        {quoted ? (
          <>
            {quoted.text}. <Link to={`/w/${slug}/insights/${quoted.insightId}`}>Open the insight</Link>
          </>
        ) : null}
      </p>
      {quotedBy.length > 0 ? (
        <section aria-labelledby="quoted-by-title" className="mt-6">
          <h2 id="quoted-by-title" className="text-lg font-semibold">
            Insights quoting this log
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {quotedBy.map((i) => (
              <li key={i.id}>
                <Link to={`/w/${slug}/insights/${i.id}`}>{i.statement}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="comments-title" className="mt-8">
        <h2 id="comments-title" className="text-lg font-semibold">
          Comments{openThreads.length ? ` (${openThreads.length} open)` : ""}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {canComment ? "Select words in the log and choose Comment (Control+Alt+M), or " : ""}
          <Link to={`/w/${slug}/logs/${log.id}/comments`}>{canComment ? "start a thread from the comments page" : "see every thread"}</Link>.
        </p>
        <div className="mt-3">
          <CommentThreads action={`/w/${slug}/logs/${log.id}/comments`} threads={openThreads} canComment={canComment} from="log" />
        </div>
        {resolvedThreads.length ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-semibold">
              {resolvedThreads.length === 1 ? "1 resolved thread" : `${resolvedThreads.length} resolved threads`}
            </summary>
            <div className="mt-3">
              <CommentThreads action={`/w/${slug}/logs/${log.id}/comments`} threads={resolvedThreads} canComment={canComment} from="log" />
            </div>
          </details>
        ) : null}
      </section>
      {permissions.canManage ? <LogSettings /> : null}
    </main>
  );
}

/** Sharing a private log is one step: one button per audience this person may share with. */
function ShareLog() {
  const { setChoices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form] = useZodForm(shareLogSchema, { id: "share-log", lastResult });
  return (
    <section aria-labelledby="share-title" className="mt-4 rounded-md border-l-4 border-slate-600 bg-slate-50 px-4 py-3">
      <h2 id="share-title" className="font-semibold">
        Private: only its authors can read this log
      </h2>
      <ErrorSummary id="share-errors" errors={collectErrors(form.errors, [])} />
      <div className="mt-2 flex flex-wrap gap-2">
        {setChoices.map((s) => (
          <Form method="post" key={s.id}>
            <input type="hidden" name="intent" value="share" />
            <input type="hidden" name="visibility" value="set" />
            <input type="hidden" name="setId" value={s.id} />
            <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
              Share with the set “{s.name}”
            </button>
          </Form>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="share" />
          <input type="hidden" name="visibility" value="workspace" />
          <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
            Share with everyone in the workspace
          </button>
        </Form>
      </div>
    </section>
  );
}

function LogSettings() {
  const { log, tags, setChoices, inquiries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(logDetailsSchema, {
    id: "log-details",
    lastResult,
    defaultValue: {
      title: log.title,
      visibility: log.visibility,
      setId: log.setId ?? "",
      inquiryId: log.inquiryId ?? "",
      tags: tags.join(", "),
    },
  });
  const visibilities = offeredVisibilities(setChoices.length > 0);
  const busy = navigation.state === "submitting";
  return (
    <section aria-labelledby="settings-title" className="mt-10 grid gap-6 md:grid-cols-2">
      <div className="card">
        <h2 id="settings-title" className="mb-4 text-lg font-semibold">
          Log details
        </h2>
        <ErrorSummary
          id="details-errors"
          errors={collectErrors(form.errors, [fields.title, fields.visibility, fields.setId, fields.inquiryId, fields.tags])}
        />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <TextField meta={fields.title} label="Title" {...getInputProps(fields.title, { type: "text" })} />
          <VisibilityField meta={fields.visibility} visibilities={visibilities} />
          {setChoices.length > 0 ? (
            <SelectField
              meta={fields.setId}
              label="Learning set (when shared with a set)"
              options={[{ value: "", label: "Choose a set" }, ...setChoices.map((s) => ({ value: s.id, label: s.name }))]}
              {...getSelectProps(fields.setId)}
            />
          ) : null}
          {inquiries.length > 0 ? (
            <SelectField
              meta={fields.inquiryId}
              label="Inquiry question (optional)"
              options={[{ value: "", label: "None" }, ...inquiries.map((q) => ({ value: q.id, label: q.question }))]}
              {...getSelectProps(fields.inquiryId)}
            />
          ) : null}
          <TextField meta={fields.tags} label="Tags" hint="Separate tags with commas" {...getInputProps(fields.tags, { type: "text" })} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Save details
          </button>
        </Form>
      </div>
      <div className="card self-start">
        <h2 className="mb-2 text-lg font-semibold">Delete this log</h2>
        <p className="mb-4 text-sm text-slate-700">
          The log goes to the bin. Its authors, the person who deleted it and workspace owners can restore it from there within 30 days; after that it is deleted for good.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="btn-danger" disabled={busy}>
            Move to the bin
          </button>
        </Form>
      </div>
    </section>
  );
}
