import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { CommentThreads } from "../components/comments/comment-threads";
import { ErrorSummary } from "../components/forms";
import { can } from "../models/access/access.policy";
import { commentActionSchema } from "../models/comment/comment.schema";
import {
  CommentInputError,
  listThreadsForLog,
  replyToThread,
  setThreadResolved,
  startThread,
} from "../models/comment/comment.server";
import { getReadableLog } from "../models/log/log.server";
import { denyAccess, requireWorkspaceAccess, type WorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `Comments on ${d?.log.title ?? "a log"} — Praxis` },
];

async function readableLog(access: WorkspaceAccess, request: Request, logId: string | undefined) {
  const found = await getReadableLog({
    workspaceId: access.workspace.id,
    userId: access.user.id,
    role: access.role,
    logId: logId ?? "",
  });
  if (!found) throw await denyAccess(access, request, 404, { reason: "log-not-readable", logId });
  return found;
}

/** Every thread on a log, resolved ones included: the page the panel's forms fall back to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:read");
  const { log } = await readableLog(access, request, params.id);
  const threads = await listThreadsForLog(log);
  return {
    slug: access.workspace.slug,
    log: { id: log.id, title: log.title },
    threads,
    canComment: can(access.role, "log:comment"),
  };
}

const wantsJson = (request: Request) =>
  (request.headers.get("Accept") ?? "").includes("application/json");

/**
 * Start a thread (from the editor, as JSON), reply, resolve, reopen. Anyone who may read the log
 * and comment (evaluators included) may do all four; the log's visibility decides who that is.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:comment");
  const found = await readableLog(access, request, params.id);
  const form = await request.formData();
  const from = form.get("from") === "comments" ? "comments" : "log";
  const submission = parseWithZod(form, { schema: commentActionSchema });
  const threadId = typeof form.get("threadId") === "string" ? String(form.get("threadId")) : "";
  const body = typeof form.get("body") === "string" ? String(form.get("body")) : "";
  const fail = (message: string) => {
    if (wantsJson(request)) return data({ ok: false as const, message, threadId }, { status: 400 });
    return data({ ok: false as const, message, threadId, body }, { status: 400 });
  };
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? "Check your comment";
    return fail(String(first));
  }
  const actor = {
    userId: access.user.id,
    role: access.role,
    workspaceId: access.workspace.id,
    ipAddress: getClientIp(request),
  };
  const log = {
    id: found.log.id,
    workspaceId: found.log.workspaceId,
    visibility: found.log.visibility,
    setId: found.log.setId,
    title: found.log.title,
  };
  const value = submission.value;
  try {
    if (value.intent === "start") {
      const started = await startThread(actor, log, value);
      return data({
        ok: true as const,
        threadId: started.threadId,
        mentioned: started.mentioned.length,
      });
    }
    if (value.intent === "reply") await replyToThread(actor, log, value.threadId, value.body);
    else await setThreadResolved(actor, log, value.threadId, value.intent === "resolve");
  } catch (error) {
    if (error instanceof CommentInputError) return fail(error.message);
    throw error;
  }
  const message =
    value.intent === "reply"
      ? "Reply posted"
      : value.intent === "resolve"
        ? "Thread resolved"
        : "Thread reopened";
  const target =
    from === "comments"
      ? `/w/${access.workspace.slug}/logs/${log.id}/comments`
      : `/w/${access.workspace.slug}/logs/${log.id}`;
  return redirectWithFlash(`${target}#thread-${value.threadId}`, { kind: "success", message });
}

export default function LogCommentsPage() {
  const { slug, log, threads, canComment } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const submitted = failed && !failed.ok && "body" in failed ? failed : null;
  const startFailed = submitted && !submitted.threadId ? submitted : null;
  const error = submitted && submitted.threadId ? { threadId: submitted.threadId, message: submitted.message, body: String(submitted.body ?? "") } : null;
  const postTo = `/w/${slug}/logs/${log.id}/comments`;
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/logs/${log.id}`}>Back to {log.title}</Link>
      </p>
      <h1 className="page-title mt-2">Comments on {log.title}</h1>
      <p className="mt-2 text-slate-700">
        Comments follow the log’s visibility: only people who can read the log see them. In the log itself you can also select words and choose
        Comment.
      </p>
      <div className="mt-6">
        <ErrorSummary
          errors={submitted ? [{ fieldId: error ? `reply-${error.threadId}` : startFailed ? "start-quote" : undefined, message: submitted.message }] : []}
        />
      </div>
      {canComment ? (
        <Form method="post" action={postTo} className="card mt-2 space-y-3" aria-labelledby="start-title">
          <h2 id="start-title" className="text-lg font-semibold">
            Start a thread
          </h2>
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="from" value="comments" />
          <div>
            <label htmlFor="start-quote" className="label">
              Words from the log
            </label>
            <p id="start-quote-hint" className="hint">
              Copy or type them exactly as they stand in one paragraph; the comment is anchored where they first appear.
            </p>
            {startFailed ? (
              <p id="start-quote-error" className="field-error">
                <span className="sr-only">Error: </span>
                {startFailed.message}
              </p>
            ) : null}
            <input
              id="start-quote"
              name="anchorQuote"
              className="input"
              maxLength={500}
              aria-invalid={startFailed ? true : undefined}
              aria-describedby={startFailed ? "start-quote-hint start-quote-error" : "start-quote-hint"}
            />
          </div>
          <div>
            <label htmlFor="start-body" className="label">
              Comment
            </label>
            <p id="start-body-hint" className="hint">
              Type @ and a person’s name to mention them.
            </p>
            <textarea id="start-body" name="body" rows={3} className="input" defaultValue={startFailed ? String(startFailed.body ?? "") : ""} aria-describedby="start-body-hint" />
          </div>
          <button type="submit" className="btn-primary">
            Post comment
          </button>
        </Form>
      ) : null}
      <h2 className="mt-8 text-lg font-semibold">Threads</h2>
      <div className="mt-3">
        <CommentThreads action={postTo} threads={threads} canComment={canComment} from="comments" error={error} />
      </div>
    </main>
  );
}
