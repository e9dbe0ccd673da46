import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { listMyMentions, markMentionsRead } from "../models/comment/comment.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { formatDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Mentions — Praxis" }];

/** The signed-in person's @mentions in this workspace, on logs they may still read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "log:read");
  const mentions = await listMyMentions({ workspaceId: workspace.id, userId: user.id });
  return { slug: workspace.slug, mentions };
}

const markSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("read"), mentionId: z.string().min(1).max(64) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "log:read");
  const parsed = markSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ message: "Choose a mention to mark as read" }, { status: 400 });
  const n = await markMentionsRead({
    workspaceId: workspace.id,
    userId: user.id,
    ids: parsed.data.intent === "read" ? [parsed.data.mentionId] : undefined,
  });
  return redirectWithFlash(`/w/${workspace.slug}/mentions`, {
    kind: "success",
    message: n === 1 ? "1 mention marked as read" : `${n} mentions marked as read`,
  });
}

export default function MentionsPage() {
  const { slug, mentions } = useLoaderData<typeof loader>();
  const unread = mentions.filter((m) => m.readAt === null).length;
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="page-title">Mentions</h1>
      <p className="mt-2 text-slate-700">
        {unread === 0
          ? "Nothing unread."
          : unread === 1
            ? "1 unread mention."
            : `${unread} unread mentions.`}{" "}
        Comments where someone mentioned you, on logs you can read.
      </p>
      {unread > 0 ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="btn-secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {mentions.length === 0 ? <p className="mt-6">No one has mentioned you yet.</p> : null}
      <ul className="mt-6 space-y-3">
        {mentions.map((m) => (
          <li
            key={m.id}
            className={`card ${m.readAt === null ? "border-l-4 border-l-sky-700" : ""}`}
          >
            <p className="text-sm">
              {m.readAt === null ? (
                <span className="badge mr-2 border border-sky-800 bg-sky-50 text-sky-900">
                  Unread
                </span>
              ) : null}
              <span className="font-semibold">{m.authorName ?? "Former member"}</span> in{" "}
              <Link to={`/w/${slug}/logs/${m.logId}#thread-${m.threadId}`}>{m.logTitle}</Link>,{" "}
              <time dateTime={new Date(m.createdAt).toISOString()}>
                {formatDateTime(m.createdAt)}
              </time>
            </p>
            {m.anchorText ? (
              <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 text-sm italic">
                {m.anchorText}
              </blockquote>
            ) : null}
            <p className="mt-2 whitespace-pre-wrap text-sm">{m.body}</p>
            {m.readAt === null ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value="read" />
                <input type="hidden" name="mentionId" value={m.id} />
                <button type="submit" className="btn-secondary">
                  Mark as read
                  <span className="sr-only">
                    {" "}
                    (comment by {m.authorName ?? "a former member"} in {m.logTitle})
                  </span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
