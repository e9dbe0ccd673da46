import { Form } from "@remix-run/react";

import { formatDateTime } from "../../utils/dates";

export type ThreadView = {
  id: string;
  anchorText: string;
  anchorRemovedAt: number | null;
  resolvedAt: number | null;
  resolvedByName: string | null;
  comments: Array<{ id: string; body: string; authorName: string | null; createdAt: number }>;
};

export type ThreadFormError = { threadId: string; message: string; body: string };

/**
 * A log's comment threads: the words each is about (or that they have gone), its comments, and
 * plain forms to reply, resolve and reopen that work without JavaScript. `from` tells the action
 * where to come back to.
 */
export function CommentThreads({
  action,
  threads,
  canComment,
  from,
  error,
  showResolved = true,
}: {
  action: string;
  threads: ThreadView[];
  canComment: boolean;
  from: "log" | "comments";
  error?: ThreadFormError | null;
  showResolved?: boolean;
}) {
  const visible = showResolved ? threads : threads.filter((t) => !t.resolvedAt);
  if (visible.length === 0) return <p className="text-sm text-slate-700">No comments yet.</p>;
  return (
    <ol className="space-y-4">
      {visible.map((thread) => {
        const failed = error?.threadId === thread.id ? error : null;
        const bodyId = `reply-${thread.id}`;
        return (
          <li
            key={thread.id}
            id={`thread-${thread.id}`}
            className={`rounded-md border p-3 ${thread.resolvedAt ? "border-slate-200 bg-slate-50" : "border-sky-700 bg-white"}`}
          >
            <blockquote className="border-l-4 border-sky-700 pl-3 text-sm italic text-slate-800">
              {thread.anchorText || "…"}
              {thread.anchorRemovedAt ? (
                <span className="not-italic text-slate-700">
                  {" "}
                  (these words have since been removed from the log)
                </span>
              ) : null}
            </blockquote>
            {thread.resolvedAt ? (
              <p className="mt-2 text-sm font-semibold text-slate-700">
                Resolved{thread.resolvedByName ? ` by ${thread.resolvedByName}` : ""} on{" "}
                {formatDateTime(thread.resolvedAt)}
              </p>
            ) : null}
            <ul className="mt-2 space-y-2">
              {thread.comments.map((c) => (
                <li key={c.id}>
                  <p className="text-sm">
                    <span className="font-semibold">{c.authorName ?? "Former member"}</span>{" "}
                    <span className="text-slate-700">
                      <time dateTime={new Date(c.createdAt).toISOString()}>
                        {formatDateTime(c.createdAt)}
                      </time>
                    </span>
                  </p>
                  <p className="whitespace-pre-wrap text-sm">{c.body}</p>
                </li>
              ))}
            </ul>
            {canComment ? (
              <div className="mt-3 space-y-2">
                <Form method="post" action={action} className="space-y-2">
                  <input type="hidden" name="intent" value="reply" />
                  <input type="hidden" name="threadId" value={thread.id} />
                  <input type="hidden" name="from" value={from} />
                  <label htmlFor={bodyId} className="label">
                    Reply
                  </label>
                  <p id={`${bodyId}-hint`} className="hint">
                    Type @ and a person’s name to mention them.
                  </p>
                  {failed ? (
                    <p id={`${bodyId}-error`} className="field-error">
                      <span className="sr-only">Error: </span>
                      {failed.message}
                    </p>
                  ) : null}
                  <textarea
                    id={bodyId}
                    name="body"
                    rows={2}
                    className="input"
                    defaultValue={failed?.body ?? ""}
                    aria-invalid={failed ? true : undefined}
                    aria-describedby={failed ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
                  />
                  <button type="submit" className="btn-secondary">
                    Reply
                  </button>
                </Form>
                <Form method="post" action={action}>
                  <input
                    type="hidden"
                    name="intent"
                    value={thread.resolvedAt ? "reopen" : "resolve"}
                  />
                  <input type="hidden" name="threadId" value={thread.id} />
                  <input type="hidden" name="from" value={from} />
                  <button type="submit" className="btn-secondary">
                    {thread.resolvedAt ? "Reopen" : "Resolve"}
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
