import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { logAuthors, logs, logTags } from "../../../db/schema/logs";
import { db } from "../../utils/db.server";

export type ExportWindow = { workspaceId: string; inquiryId?: string; from?: number; to?: number };

const OPENING_CHARS = 600;

/**
 * Logs for a learning summary: `workspace` visibility only, whoever asks — private and set logs
 * never leave the workspace, whatever the exporter may read (DESIGN: only workspace material is
 * exported). Window on the last edit.
 */
export async function listWorkspaceLogsForExport(window: ExportWindow) {
  const conditions: SQL[] = [
    eq(logs.workspaceId, window.workspaceId),
    eq(logs.visibility, "workspace"),
    isNull(logs.deletedAt),
  ];
  if (window.inquiryId) conditions.push(eq(logs.inquiryId, window.inquiryId));
  if (window.from !== undefined) conditions.push(gte(logs.updatedAt, window.from));
  if (window.to !== undefined) conditions.push(lte(logs.updatedAt, window.to));
  const rows = await db()
    .select({
      id: logs.id,
      title: logs.title,
      inquiryId: logs.inquiryId,
      updatedAt: logs.updatedAt,
      text: logs.contentText,
    })
    .from(logs)
    .where(and(...conditions))
    .orderBy(desc(logs.updatedAt), asc(logs.id));
  const ids = rows.map((r) => r.id);
  const [authors, tags] = ids.length
    ? await Promise.all([
        db()
          .select({ logId: logAuthors.logId, name: users.displayName })
          .from(logAuthors)
          .innerJoin(users, eq(users.id, logAuthors.userId))
          .where(inArray(logAuthors.logId, ids))
          .orderBy(asc(logAuthors.addedAt)),
        db().select().from(logTags).where(inArray(logTags.logId, ids)).orderBy(asc(logTags.tag)),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    inquiryId: r.inquiryId,
    updatedAt: r.updatedAt,
    authors: authors.filter((a) => a.logId === r.id).map((a) => a.name),
    tags: tags.filter((t) => t.logId === r.id).map((t) => t.tag),
    opening: openingOf(r.text),
  }));
}

function openingOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= OPENING_CHARS) return flat;
  const cut = flat.slice(0, OPENING_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), OPENING_CHARS - 40))}…`;
}

/** Every tag used on workspace-visible logs (for the REFI-QDA codebook). */
export async function listWorkspaceLogTags(workspaceId: string): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ tag: logTags.tag })
    .from(logTags)
    .innerJoin(logs, eq(logs.id, logTags.logId))
    .where(
      and(
        eq(logs.workspaceId, workspaceId),
        eq(logs.visibility, "workspace"),
        isNull(logs.deletedAt),
      ),
    )
    .orderBy(asc(logTags.tag));
  return rows.map((r) => r.tag);
}
