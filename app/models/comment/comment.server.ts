import { and, asc, count, desc, eq, inArray, isNull, sql, type Placeholder } from "drizzle-orm";

import { commentMentions, comments, commentThreads } from "../../../db/schema/comments";
import { users, type Role } from "../../../db/schema/core";
import { logs } from "../../../db/schema/logs";
import { collectAnchorTexts } from "../../collab/anchor-ranges";
import {
  COMMENT_ANCHOR_ATTRIBUTE,
  COMMENT_ANCHOR_MARK,
} from "../../collab/comment-anchor";
import { editDocument } from "../../collab/storage.server";
import { db, preparedOnce, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { accessFacts, readableLogCondition } from "../log/log-access.server";
import { canReadLog } from "../log/log.policy";
import { listWorkspacePeople } from "../set/set.server";
import { markQuote, markRange } from "./comment-anchor.server";
import { findMentions } from "./mentions";

export type CommentActor = {
  userId: string;
  role: Role;
  workspaceId: string;
  ipAddress?: string | null;
};
type LogRef = {
  id: string;
  workspaceId: string;
  visibility: "private" | "set" | "workspace";
  setId: string | null;
  title: string;
};

/** A comment that cannot be stored as asked; the message says why, for the person to fix. */
export class CommentInputError extends Error {
  constructor(
    message: string,
    readonly field: "body" | "anchor" | "thread",
  ) {
    super(message);
  }
}

const ANCHOR_MAX_CHARS = 500;
const clip = (text: string) =>
  text.length > ANCHOR_MAX_CHARS ? `${text.slice(0, ANCHOR_MAX_CHARS - 1)}…` : text;

/** The threads on a log, oldest first, each with its comments. The caller has checked the log is readable. */
export async function listThreadsForLog(log: Pick<LogRef, "id" | "workspaceId">) {
  const threads = await db()
    .select({
      id: commentThreads.id,
      anchorText: commentThreads.anchorText,
      anchorRemovedAt: commentThreads.anchorRemovedAt,
      resolvedAt: commentThreads.resolvedAt,
      resolvedByName: users.displayName,
      createdAt: commentThreads.createdAt,
    })
    .from(commentThreads)
    .leftJoin(users, eq(users.id, commentThreads.resolvedBy))
    .where(and(eq(commentThreads.logId, log.id), eq(commentThreads.workspaceId, log.workspaceId)))
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
  const ids = threads.map((t) => t.id);
  const rows = ids.length
    ? await db()
        .select({
          id: comments.id,
          threadId: comments.threadId,
          body: comments.body,
          authorId: comments.authorId,
          authorName: users.displayName,
          createdAt: comments.createdAt,
        })
        .from(comments)
        .leftJoin(users, eq(users.id, comments.authorId))
        .where(inArray(comments.threadId, ids))
        .orderBy(asc(comments.createdAt), asc(comments.id))
    : [];
  return threads.map((t) => ({ ...t, comments: rows.filter((c) => c.threadId === t.id) }));
}

export type CommentThreadView = Awaited<ReturnType<typeof listThreadsForLog>>[number];

/**
 * The people an @mention in `body` names, each of whom must be able to read the log: a comment
 * never tells someone about a log they may not see.
 */
async function mentionedReaders(tx: Tx, log: LogRef, body: string, authorId: string) {
  const people = await listWorkspacePeople(log.workspaceId, tx);
  const named = findMentions(body, people).filter((p) => p.id !== authorId);
  const refused: string[] = [];
  const readers: string[] = [];
  for (const person of named) {
    const role = people.find((p) => p.id === person.id)?.role;
    if (!role) continue;
    const facts = await accessFacts(log, person.id, role);
    if (canReadLog(facts)) readers.push(person.id);
    else refused.push(person.displayName);
  }
  if (refused.length) {
    throw new CommentInputError(
      `${refused.join(" and ")} cannot read this log, so cannot be mentioned in it`,
      "body",
    );
  }
  return readers;
}

async function addComment(
  tx: Tx,
  actor: CommentActor,
  log: LogRef,
  threadId: string,
  body: string,
  at: number,
) {
  const mentioned = await mentionedReaders(tx, log, body, actor.userId);
  const commentId = newId();
  await tx
    .insert(comments)
    .values({
      id: commentId,
      threadId,
      workspaceId: log.workspaceId,
      authorId: actor.userId,
      body,
      createdAt: at,
      updatedAt: at,
    });
  if (mentioned.length) {
    await tx
      .insert(commentMentions)
      .values(
        mentioned.map((userId) => ({
          id: newId(),
          commentId,
          workspaceId: log.workspaceId,
          userId,
          createdAt: at,
        })),
      );
  }
  return { commentId, mentioned };
}

/**
 * Starts a thread on the words between two positions the commenter's browser took. The mark goes
 * into the log's Yjs document through the collaboration server (so everyone editing sees it at
 * once) without making the commenter an author; then the thread, its first comment and any
 * mentions are stored in one transaction.
 */
export async function startThread(
  actor: CommentActor,
  log: LogRef,
  input: { body: string; anchorStart?: string; anchorEnd?: string; anchorQuote?: string },
) {
  const threadId = newId();
  const attrs = { [COMMENT_ANCHOR_ATTRIBUTE]: threadId };
  const { anchorStart, anchorEnd, anchorQuote } = input;
  let anchored: string | null = null;
  await editDocument(
    `log:${log.id}`,
    log.workspaceId,
    (doc) => {
      anchored =
        anchorStart && anchorEnd
          ? markRange(doc, { start: Buffer.from(anchorStart, "base64"), end: Buffer.from(anchorEnd, "base64") }, COMMENT_ANCHOR_MARK, attrs)
          : markQuote(doc, anchorQuote ?? "", COMMENT_ANCHOR_MARK, attrs);
    },
    null,
  );
  if (anchored === null) {
    throw new CommentInputError(
      anchorStart
        ? "Select the words you are commenting on: the selection is empty or those words are no longer in the log"
        : "Those words are not in the log: copy them exactly from one paragraph",
      "anchor",
    );
  }
  const anchorText = clip(anchored);
  const at = Date.now();
  const result = await db().transaction(async (tx) => {
    await tx
      .insert(commentThreads)
      .values({
        id: threadId,
        workspaceId: log.workspaceId,
        logId: log.id,
        anchorText,
        anchorDerivedAt: at,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
    const added = await addComment(tx, actor, log, threadId, input.body, at);
    await recordAudit(
      {
        kind: "comment.thread_started",
        workspaceId: log.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: log.id,
        detail: { threadId, commentId: added.commentId, mentioned: added.mentioned.length },
        ipAddress: actor.ipAddress ?? null,
      },
      tx,
    );
    return added;
  });
  return { threadId, ...result };
}

async function requireThread(tx: Tx, log: LogRef, threadId: string) {
  const [thread] = await tx
    .select({ id: commentThreads.id, resolvedAt: commentThreads.resolvedAt })
    .from(commentThreads)
    .where(
      and(
        eq(commentThreads.id, threadId),
        eq(commentThreads.logId, log.id),
        eq(commentThreads.workspaceId, log.workspaceId),
      ),
    )
    .limit(1);
  if (!thread) throw new CommentInputError("That comment thread is not on this log", "thread");
  return thread;
}

/** A reply; replying to a resolved thread reopens it, as people expect of a conversation. */
export async function replyToThread(
  actor: CommentActor,
  log: LogRef,
  threadId: string,
  body: string,
) {
  const at = Date.now();
  return db().transaction(async (tx) => {
    const thread = await requireThread(tx, log, threadId);
    const added = await addComment(tx, actor, log, threadId, body, at);
    await tx
      .update(commentThreads)
      .set({ updatedAt: at, ...(thread.resolvedAt ? { resolvedAt: null, resolvedBy: null } : {}) })
      .where(eq(commentThreads.id, threadId));
    await recordAudit(
      {
        kind: "comment.replied",
        workspaceId: log.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: log.id,
        detail: { threadId, commentId: added.commentId, mentioned: added.mentioned.length },
        ipAddress: actor.ipAddress ?? null,
      },
      tx,
    );
    return added;
  });
}

export async function setThreadResolved(
  actor: CommentActor,
  log: LogRef,
  threadId: string,
  resolved: boolean,
) {
  const at = Date.now();
  await db().transaction(async (tx) => {
    await requireThread(tx, log, threadId);
    await tx
      .update(commentThreads)
      .set(
        resolved
          ? { resolvedAt: at, resolvedBy: actor.userId, updatedAt: at }
          : { resolvedAt: null, resolvedBy: null, updatedAt: at },
      )
      .where(eq(commentThreads.id, threadId));
    await recordAudit(
      {
        kind: resolved ? "comment.resolved" : "comment.reopened",
        workspaceId: log.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: log.id,
        detail: { threadId },
        ipAddress: actor.ipAddress ?? null,
      },
      tx,
    );
  });
}

/**
 * On every compaction of a log (in its derived-content transaction): the words under each
 * `commentAnchor` mark become the thread's anchor text; a thread whose words have gone keeps the
 * last ones and records when they went; marks of threads that are not this log's are ignored.
 */
export async function syncCommentAnchors(
  tx: Tx,
  log: { id: string },
  json: unknown,
  at = Date.now(),
): Promise<void> {
  const found = collectAnchorTexts(json, COMMENT_ANCHOR_MARK, COMMENT_ANCHOR_ATTRIBUTE);
  const threads = await tx
    .select({
      id: commentThreads.id,
      anchorText: commentThreads.anchorText,
      anchorRemovedAt: commentThreads.anchorRemovedAt,
    })
    .from(commentThreads)
    .where(eq(commentThreads.logId, log.id));
  for (const t of threads) {
    const text = found.get(t.id);
    if (text === undefined) {
      if (t.anchorRemovedAt === null)
        await tx
          .update(commentThreads)
          .set({ anchorRemovedAt: at })
          .where(eq(commentThreads.id, t.id));
      continue;
    }
    const clipped = clip(text);
    if (clipped === t.anchorText && t.anchorRemovedAt === null) continue;
    await tx
      .update(commentThreads)
      .set({ anchorText: clipped, anchorRemovedAt: null, anchorDerivedAt: at })
      .where(eq(commentThreads.id, t.id));
  }
}

const readableMention = (userId: string | Placeholder) =>
  and(eq(commentMentions.userId, userId), isNull(logs.deletedAt), readableLogCondition(userId));

/**
 * A person's mentions in this workspace, unread first then newest: only those on logs they may
 * still read (a log made private since does not leak through the inbox).
 */
export async function listMyMentions({
  workspaceId,
  userId,
  limit = 100,
}: {
  workspaceId: string;
  userId: string;
  limit?: number;
}) {
  return db()
    .select({
      id: commentMentions.id,
      readAt: commentMentions.readAt,
      createdAt: commentMentions.createdAt,
      body: comments.body,
      authorName: users.displayName,
      threadId: commentThreads.id,
      anchorText: commentThreads.anchorText,
      logId: logs.id,
      logTitle: logs.title,
    })
    .from(commentMentions)
    .innerJoin(comments, eq(comments.id, commentMentions.commentId))
    .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
    .innerJoin(logs, eq(logs.id, commentThreads.logId))
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(commentMentions.workspaceId, workspaceId), readableMention(userId)))
    .orderBy(sql`${commentMentions.readAt} is not null`, desc(commentMentions.createdAt))
    .limit(limit);
}

export async function countUnreadMentions({
  workspaceId,
  userId,
}: {
  workspaceId: string;
  userId: string;
}): Promise<number> {
  const [row] = await unreadMentionsQuery().all({ workspaceId, userId });
  return row?.n ?? 0;
}

/** The workspace bar shows this on every page: compiled once (ADR 008). */
const unreadMentionsQuery = preparedOnce((database) =>
  database
    .select({ n: count() })
    .from(commentMentions)
    .innerJoin(comments, eq(comments.id, commentMentions.commentId))
    .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
    .innerJoin(logs, eq(logs.id, commentThreads.logId))
    .where(
      and(
        eq(commentMentions.workspaceId, sql.placeholder("workspaceId")),
        isNull(commentMentions.readAt),
        readableMention(sql.placeholder("userId")),
      ),
    )
    .prepare(),
);

/** Marks the person's own mentions read (all of them, or the ids given); never anyone else's. */
export async function markMentionsRead({
  workspaceId,
  userId,
  ids,
}: {
  workspaceId: string;
  userId: string;
  ids?: string[];
}): Promise<number> {
  const conditions = [
    eq(commentMentions.workspaceId, workspaceId),
    eq(commentMentions.userId, userId),
    isNull(commentMentions.readAt),
  ];
  if (ids) conditions.push(inArray(commentMentions.id, ids.length ? ids : ["-"]));
  const updated = await db()
    .update(commentMentions)
    .set({ readAt: Date.now() })
    .where(and(...conditions))
    .returning({ id: commentMentions.id });
  return updated.length;
}
