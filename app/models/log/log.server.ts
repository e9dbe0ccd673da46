import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import * as Y from "yjs";

import { users, type Role } from "../../../db/schema/core";
import { inquiries, learningSets } from "../../../db/schema/learning";
import { logAuthors, logs, logTags, type LogTemplate, type LogVisibility } from "../../../db/schema/logs";
import { ydocFromProsemirrorJson, deriveContent } from "../../collab/content.server";
import { documentName } from "../../collab/document-name";
import { writeDocumentState, deleteDocumentData } from "../../collab/storage.server";
import { db, preparedOnce, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
// Provides the document kinds to the collaboration storage used below when no server runs (seed).
import "../documents/document-kinds.server";
import { indexLogForSearch, removeFromSearch } from "../search/search.server";
import { participatesInSetSql } from "../set/set-access.server";
import { accessFacts, readableLogCondition } from "./log-access.server";
import { templateDocument } from "./log-templates";
import { becomesAuthorByEditing, BIN_RETENTION_MS, canEditLogText, canManageLog, canReadLog } from "./log.policy";
import { LOGS_PAGE_SIZE, type LogListQuery } from "./log.schema";

export type LogActor = { userId: string; role: Role; workspaceId: string; ipAddress?: string };

async function authorsOf(logIds: string[]) {
  if (logIds.length === 0) return new Map<string, Array<{ id: string; displayName: string }>>();
  const rows = await db()
    .select({ logId: logAuthors.logId, id: users.id, displayName: users.displayName })
    .from(logAuthors)
    .innerJoin(users, eq(users.id, logAuthors.userId))
    .where(inArray(logAuthors.logId, logIds))
    .orderBy(asc(logAuthors.addedAt), asc(users.displayName));
  const map = new Map<string, Array<{ id: string; displayName: string }>>();
  for (const r of rows) map.set(r.logId, [...(map.get(r.logId) ?? []), { id: r.id, displayName: r.displayName }]);
  return map;
}

async function tagsOf(logIds: string[]) {
  if (logIds.length === 0) return new Map<string, string[]>();
  const rows = await db().select().from(logTags).where(inArray(logTags.logId, logIds)).orderBy(asc(logTags.tag));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.logId, [...(map.get(r.logId) ?? []), r.tag]);
  return map;
}

/** The logs this person may read, newest edit first, filtered and paginated inside the query. */
export async function listLogs(input: { workspaceId: string; userId: string; query: LogListQuery; pageSize?: number }) {
  const { workspaceId, userId, query } = input;
  const pageSize = input.pageSize ?? LOGS_PAGE_SIZE;
  const conditions: SQL[] = [eq(logs.workspaceId, workspaceId), isNull(logs.deletedAt), readableLogCondition(userId)];
  if (query.visibility) conditions.push(eq(logs.visibility, query.visibility));
  if (query.inquiry) conditions.push(eq(logs.inquiryId, query.inquiry));
  if (query.author) {
    conditions.push(sql`exists (select 1 from ${logAuthors} where ${logAuthors.logId} = ${logs.id} and ${logAuthors.userId} = ${query.author})`);
  }
  if (query.tag) {
    conditions.push(sql`exists (select 1 from ${logTags} where ${logTags.logId} = ${logs.id} and ${logTags.tag} = ${query.tag})`);
  }
  const where = and(...conditions);
  const [{ total }] = await db().select({ total: count() }).from(logs).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pageCount);
  const rows = await db()
    .select({
      id: logs.id,
      title: logs.title,
      visibility: logs.visibility,
      updatedAt: logs.updatedAt,
      setName: learningSets.name,
      inquiryQuestion: inquiries.question,
    })
    .from(logs)
    .leftJoin(learningSets, eq(learningSets.id, logs.setId))
    .leftJoin(inquiries, eq(inquiries.id, logs.inquiryId))
    .where(where)
    .orderBy(desc(logs.updatedAt), desc(logs.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const [authors, tags] = await Promise.all([authorsOf(ids), tagsOf(ids)]);
  return {
    items: rows.map((r) => ({ ...r, authors: authors.get(r.id) ?? [], tags: tags.get(r.id) ?? [] })),
    total,
    page,
    pageCount,
  };
}

/** Choices for the list's filters, drawn only from logs the person may read. */
/*
 * The logs list and the home page run these on every view: each is compiled once and run with
 * the workspace and person as placeholders (ADR 008).
 */
const readableInWorkspace = () =>
  and(eq(logs.workspaceId, sql.placeholder("workspaceId")), isNull(logs.deletedAt), readableLogCondition(sql.placeholder("userId")));

const filterAuthorsQuery = preparedOnce((database) =>
  database
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(logAuthors)
    .innerJoin(logs, eq(logs.id, logAuthors.logId))
    .innerJoin(users, eq(users.id, logAuthors.userId))
    .where(readableInWorkspace())
    .orderBy(asc(users.displayName))
    .prepare(),
);

const filterTagsQuery = preparedOnce((database) =>
  database
    .selectDistinct({ tag: logTags.tag })
    .from(logTags)
    .innerJoin(logs, eq(logs.id, logTags.logId))
    .where(readableInWorkspace())
    .orderBy(asc(logTags.tag))
    .prepare(),
);

const workspaceInquiriesQuery = preparedOnce((database) =>
  database
    .select({ id: inquiries.id, question: inquiries.question })
    .from(inquiries)
    .where(eq(inquiries.workspaceId, sql.placeholder("workspaceId")))
    .orderBy(asc(inquiries.position), asc(inquiries.createdAt))
    .prepare(),
);

const recentLogsQuery = preparedOnce((database) =>
  database
    .select({ id: logs.id, title: logs.title, visibility: logs.visibility, updatedAt: logs.updatedAt })
    .from(logs)
    .where(readableInWorkspace())
    .orderBy(desc(logs.updatedAt), desc(logs.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export async function listLogFilterOptions(workspaceId: string, userId: string) {
  const [authors, tags, inquiryRows] = await Promise.all([
    filterAuthorsQuery().all({ workspaceId, userId }),
    filterTagsQuery().all({ workspaceId, userId }),
    listWorkspaceInquiries(workspaceId),
  ]);
  return { authors, tags: tags.map((t) => t.tag), inquiries: inquiryRows };
}

/** The workspace's inquiry questions, for linking a log to one. */
export async function listWorkspaceInquiries(workspaceId: string) {
  return workspaceInquiriesQuery().all({ workspaceId });
}

/** The sets of this workspace the person takes part in: the only sets they may share a log with. */
export async function listMyLearningSets(workspaceId: string, userId: string) {
  return db()
    .select({ id: learningSets.id, name: learningSets.name })
    .from(learningSets)
    .where(and(eq(learningSets.workspaceId, workspaceId), isNull(learningSets.archivedAt), participatesInSetSql(learningSets.id, userId)))
    .orderBy(asc(learningSets.name));
}

export type LogPermissions = { canEdit: boolean; canManage: boolean; becomesAuthorByEditing: boolean };

/**
 * One log as this person may see it, or null when it is not theirs to read (other workspace,
 * private, another set, deleted): callers answer 404 either way.
 */
export async function getReadableLog(input: { workspaceId: string; userId: string; role: Role; logId: string }) {
  const [log] = await db()
    .select()
    .from(logs)
    .where(and(eq(logs.id, input.logId), eq(logs.workspaceId, input.workspaceId), isNull(logs.deletedAt)))
    .limit(1);
  if (!log) return null;
  const facts = await accessFacts(log, input.userId, input.role);
  if (!canReadLog(facts)) return null;
  const [authors, tags] = await Promise.all([authorsOf([log.id]), tagsOf([log.id])]);
  const [setRow] = log.setId
    ? await db().select({ id: learningSets.id, name: learningSets.name }).from(learningSets).where(eq(learningSets.id, log.setId))
    : [];
  const [inquiryRow] = log.inquiryId
    ? await db().select({ id: inquiries.id, question: inquiries.question }).from(inquiries).where(eq(inquiries.id, log.inquiryId))
    : [];
  return {
    log,
    authors: authors.get(log.id) ?? [],
    tags: tags.get(log.id) ?? [],
    set: setRow ?? null,
    inquiry: inquiryRow ?? null,
    permissions: { canEdit: canEditLogText(facts), canManage: canManageLog(facts), becomesAuthorByEditing: becomesAuthorByEditing(facts) } satisfies LogPermissions,
  };
}

export type ReadableLog = NonNullable<Awaited<ReturnType<typeof getReadableLog>>>;

export class LogInputError extends Error {
  constructor(
    readonly field: "setId" | "inquiryId",
    message: string,
  ) {
    super(message);
  }
}

/**
 * A log may be shared only with a set of its workspace that the actor takes part in (or stay in
 * the set it is already in), and linked only to an inquiry of its workspace.
 */
async function checkLinks(actor: LogActor, input: { visibility: LogVisibility; setId?: string; inquiryId?: string }, currentSetId: string | null = null) {
  let setId: string | null = null;
  if (input.visibility === "set") {
    const mine = await listMyLearningSets(actor.workspaceId, actor.userId);
    const keeping = input.setId !== undefined && input.setId === currentSetId;
    if (!input.setId || (!keeping && !mine.some((s) => s.id === input.setId))) {
      throw new LogInputError("setId", "Choose one of the learning sets you take part in");
    }
    setId = input.setId;
  }
  let inquiryId: string | null = null;
  if (input.inquiryId) {
    const [row] = await db()
      .select({ id: inquiries.id })
      .from(inquiries)
      .where(and(eq(inquiries.id, input.inquiryId), eq(inquiries.workspaceId, actor.workspaceId)))
      .limit(1);
    if (!row) throw new LogInputError("inquiryId", "Choose an inquiry question from the list");
    inquiryId = row.id;
  }
  return { setId, inquiryId };
}

async function replaceTags(tx: Tx, logId: string, tags: string[]) {
  await tx.delete(logTags).where(eq(logTags.logId, logId));
  if (tags.length > 0) await tx.insert(logTags).values(tags.map((tag) => ({ logId, tag })));
}

/**
 * Creates a log with its creator as first author, and writes the template into its Yjs document
 * so the first person to open it sees the headings (and the no-JS page shows them too).
 */
export async function createLog(
  actor: LogActor,
  input: { title: string; visibility: LogVisibility; setId?: string; inquiryId?: string; tags: string[]; template: LogTemplate },
): Promise<{ id: string }> {
  const links = await checkLinks(actor, input);
  const id = newId();
  const ydoc = ydocFromProsemirrorJson(templateDocument(input.template));
  const derived = deriveContent(ydoc);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  const now = Date.now();
  await db().transaction(async (tx) => {
    await tx.insert(logs).values({
      id,
      workspaceId: actor.workspaceId,
      title: input.title,
      visibility: input.visibility,
      setId: links.setId,
      inquiryId: links.inquiryId,
      template: input.template,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      contentJson: derived.json,
      contentText: derived.text,
    });
    await tx.insert(logAuthors).values({ logId: id, userId: actor.userId, addedAt: now });
    await replaceTags(tx, id, input.tags);
    await indexLogForSearch(tx, { id, workspaceId: actor.workspaceId, title: input.title, text: derived.text });
    await recordAudit(
      {
        kind: "log.created",
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: id,
        detail: { visibility: input.visibility, template: input.template },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
  await writeDocumentState(documentName("log", id), actor.workspaceId, state);
  return { id };
}

/** Rename, retag, relink and change visibility in one step (the log page's details form). */
export async function updateLogDetails(
  actor: LogActor,
  logId: string,
  input: { title: string; visibility: LogVisibility; setId?: string; inquiryId?: string; tags: string[] },
): Promise<void> {
  const [current] = await db().select({ setId: logs.setId }).from(logs).where(and(eq(logs.id, logId), eq(logs.workspaceId, actor.workspaceId)));
  if (!current) throw new Error("Log not found");
  const links = await checkLinks(actor, input, current.setId);
  await db().transaction(async (tx) => {
    const [before] = await tx.select().from(logs).where(eq(logs.id, logId));
    if (!before) throw new Error("Log not found");
    await tx
      .update(logs)
      .set({ title: input.title, visibility: input.visibility, setId: links.setId, inquiryId: links.inquiryId, updatedAt: Date.now() })
      .where(eq(logs.id, logId));
    await replaceTags(tx, logId, input.tags);
    await indexLogForSearch(tx, { id: logId, workspaceId: actor.workspaceId, title: input.title, text: before.contentText });
    await recordAudit(
      {
        kind: "log.updated",
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: logId,
        detail: {
          title: before.title !== input.title ? { from: before.title, to: input.title } : undefined,
          visibility: before.visibility !== input.visibility ? { from: before.visibility, to: input.visibility } : undefined,
          tags: input.tags,
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
}

/** Moves a log to the bin; it disappears from lists, search and the socket at once. */
export async function deleteLog(actor: LogActor, logId: string): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(logs)
      .set({ deletedAt: Date.now(), deletedBy: actor.userId })
      .where(and(eq(logs.id, logId), eq(logs.workspaceId, actor.workspaceId), isNull(logs.deletedAt)));
    await recordAudit(
      { kind: "log.deleted", workspaceId: actor.workspaceId, actorUserId: actor.userId, targetType: "log", targetId: logId, ipAddress: actor.ipAddress },
      tx,
    );
  });
}

/**
 * The bin, within the retention period: deleted logs this person could read were they not
 * deleted (a private log in the bin stays private), limited to their own logs (as an author, or
 * the one who deleted it) unless they are an owner. So an author can always get back a private
 * log no owner may see, and owners can get back any log they could read.
 */
export async function listDeletedLogs(workspaceId: string, userId: string, role: Role, now = Date.now()) {
  const theirs = or(
    eq(logs.deletedBy, userId),
    sql`exists (select 1 from ${logAuthors} where ${logAuthors.logId} = ${logs.id} and ${logAuthors.userId} = ${userId})`,
  );
  const rows = await db()
    .select({ id: logs.id, title: logs.title, visibility: logs.visibility, deletedAt: logs.deletedAt, deletedByName: users.displayName })
    .from(logs)
    .leftJoin(users, eq(users.id, logs.deletedBy))
    .where(
      and(
        eq(logs.workspaceId, workspaceId),
        isNotNull(logs.deletedAt),
        sql`${logs.deletedAt} > ${now - BIN_RETENTION_MS}`,
        readableLogCondition(userId),
        role === "owner" ? undefined : theirs,
      ),
    )
    .orderBy(desc(logs.deletedAt));
  return rows.map((r) => ({ ...r, deletedAt: r.deletedAt as number, purgeAt: (r.deletedAt as number) + BIN_RETENTION_MS }));
}

/** Restores a log from the bin; false when it is not in this person's bin. */
export async function restoreDeletedLog(actor: LogActor, logId: string, now = Date.now()): Promise<boolean> {
  const restorable = await listDeletedLogs(actor.workspaceId, actor.userId, actor.role, now);
  if (!restorable.some((r) => r.id === logId)) return false;
  await db().transaction(async (tx) => {
    await tx.update(logs).set({ deletedAt: null, deletedBy: null, updatedAt: now }).where(eq(logs.id, logId));
    await recordAudit(
      { kind: "log.restored", workspaceId: actor.workspaceId, actorUserId: actor.userId, targetType: "log", targetId: logId, ipAddress: actor.ipAddress },
      tx,
    );
  });
  return true;
}

/**
 * Deletes for good every log that has been in the bin longer than the retention period, with
 * its document data and search row; each purge is audited. Returns the ids purged.
 */
export async function purgeExpiredLogs(now = Date.now()): Promise<string[]> {
  const expired = await db()
    .select({ id: logs.id, workspaceId: logs.workspaceId, title: logs.title })
    .from(logs)
    .where(and(isNotNull(logs.deletedAt), lt(logs.deletedAt, now - BIN_RETENTION_MS)));
  for (const log of expired) {
    await db().transaction(async (tx) => {
      await removeFromSearch(tx, "log", log.id);
      await tx.delete(logs).where(eq(logs.id, log.id));
      await recordAudit({ kind: "log.purged", workspaceId: log.workspaceId, targetType: "log", targetId: log.id, detail: { title: log.title } }, tx);
    });
    await deleteDocumentData(documentName("log", log.id));
  }
  return expired.map((l) => l.id);
}

/** Recent logs this person may read, for the workspace home page. */
/** Titles of the given logs of the workspace that this person may read (the audit log names only those). */
export async function listReadableLogTitles(workspaceId: string, userId: string, logIds: string[]): Promise<Map<string, string>> {
  if (logIds.length === 0) return new Map();
  const rows = await db()
    .select({ id: logs.id, title: logs.title })
    .from(logs)
    .where(and(eq(logs.workspaceId, workspaceId), inArray(logs.id, logIds), readableLogCondition(userId)));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function listRecentLogs(workspaceId: string, userId: string, limit = 5) {
  return recentLogsQuery().all({ workspaceId, userId, limit });
}
