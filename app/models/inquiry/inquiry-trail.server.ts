import { and, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";

import { logs } from "../../../db/schema/logs";
import { db, preparedOnce } from "../../utils/db.server";
import { readableLogCondition } from "../log/log-access.server";
import { listLogs } from "../log/log.server";

/** Per inquiry, how many linked logs this person may read (the logs domain's own read rule). */
/** The home page counts them on every view: compiled once (ADR 008). */
const readableLogsByInquiryQuery = preparedOnce((database) =>
  database
    .select({ inquiryId: logs.inquiryId, n: count() })
    .from(logs)
    .where(
      and(eq(logs.workspaceId, sql.placeholder("workspaceId")), isNull(logs.deletedAt), isNotNull(logs.inquiryId), readableLogCondition(sql.placeholder("userId"))),
    )
    .groupBy(logs.inquiryId)
    .prepare(),
);

export async function countReadableLogsByInquiry({ workspaceId, userId }: { workspaceId: string; userId: string }): Promise<Map<string, number>> {
  const rows = await readableLogsByInquiryQuery().all({ workspaceId, userId });
  return new Map(rows.filter((r) => r.inquiryId !== null).map((r) => [r.inquiryId as string, r.n]));
}

/** The logs linked to an inquiry that this person may read, newest first. */
export async function listReadableLogsForInquiry({ workspaceId, userId, inquiryId }: { workspaceId: string; userId: string; inquiryId: string }) {
  const result = await listLogs({ workspaceId, userId, query: { inquiry: inquiryId, tag: undefined, page: 1 }, pageSize: 50 });
  return { items: result.items.map((l) => ({ id: l.id, title: l.title, visibility: l.visibility, updatedAt: l.updatedAt, setName: l.setName, authors: l.authors })), total: result.total };
}

/** The logs shared with a set, for its page; the logs domain's read rule keeps them to participants. */
export async function listReadableSetLogs({ workspaceId, userId, setId }: { workspaceId: string; userId: string; setId: string }) {
  return db()
    .select({ id: logs.id, title: logs.title, updatedAt: logs.updatedAt })
    .from(logs)
    .where(and(eq(logs.workspaceId, workspaceId), eq(logs.setId, setId), eq(logs.visibility, "set"), isNull(logs.deletedAt), readableLogCondition(userId)))
    .orderBy(desc(logs.updatedAt))
    .limit(20);
}
