import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

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
  const error =
    failed && !failed.ok && "body" in failed
      ? { threadId: failed.threadId, message: failed.message, body: String(failed.body ?? "") }
      : null;
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/w/${slug}/logs/${log.id}`}>Back to {log.title}</Link>
      </p>
      <h1 className="page-title mt-2">Comments on {log.title}</h1>
      <p className="mt-2 text-slate-700">
        To start a new thread, select words in the log and choose Comment. Comments follow the log’s
        visibility: only people who can read the log see them.
      </p>
      <div className="mt-6">
        <ErrorSummary
          errors={
            failed && !failed.ok
              ? [
                  {
                    fieldId: error ? `reply-${error.threadId}` : undefined,
                    message: failed.message,
                  },
                ]
              : []
          }
        />
        <CommentThreads
          action={`/w/${slug}/logs/${log.id}/comments`}
          threads={threads}
          canComment={canComment}
          from="comments"
          error={error}
        />
      </div>
    </main>
  );
}
