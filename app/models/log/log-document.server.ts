import { and, desc, eq, isNull } from "drizzle-orm";

import { memberships } from "../../../db/schema/core";
import { logAuthors, logs, logVersions } from "../../../db/schema/logs";
import type { DerivedContent, DocumentAccess } from "../../collab/kinds.server";
import type { AuthUser } from "../../utils/auth.server";
import { db } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { syncCommentAnchors } from "../comment/comment.server";
import { syncInsightExcerpts } from "../insight/insight-excerpts.server";
import { indexLogForSearch } from "../search/search.server";
import { accessFacts } from "./log-access.server";
import { canEditLogText, canReadLog, SNAPSHOT_INTERVAL_MS } from "./log.policy";

/*
 * The log kind of the collaboration server (composed in app/models/documents/document-kinds.server.ts).
 * Kept apart from log.server.ts, which uses the collaboration storage and imports the composition.
 */

/**
 * Socket access for `log:<id>`: the same rules as the log page. Deleted logs and logs of
 * workspaces the user has left are refused.
 */
export async function resolveLogDocumentAccess(user: AuthUser, id: string): Promise<DocumentAccess | null> {
  const [row] = await db()
    .select({ id: logs.id, workspaceId: logs.workspaceId, visibility: logs.visibility, setId: logs.setId, role: memberships.role })
    .from(logs)
    .innerJoin(memberships, and(eq(memberships.workspaceId, logs.workspaceId), eq(memberships.userId, user.id)))
    .where(and(eq(logs.id, id), isNull(logs.deletedAt)))
    .limit(1);
  if (!row) return null;
  const facts = await accessFacts(row, user.id, row.role);
  if (!canReadLog(facts)) return null;
  return { workspaceId: row.workspaceId, canWrite: canEditLogText(facts) };
}

/**
 * Called by the collaboration server on each compaction: keeps the derived text, authors and
 * search row in step with the Yjs document, and takes a periodic snapshot (at most one per
 * SNAPSHOT_INTERVAL_MS of activity).
 */
export async function onLogDerived(id: string, content: DerivedContent): Promise<void> {
  await db().transaction(async (tx) => {
    const [log] = await tx.select({ id: logs.id, workspaceId: logs.workspaceId, title: logs.title }).from(logs).where(eq(logs.id, id));
    if (!log) return;
    const edited = content.editorUserIds.length > 0;
    await tx
      .update(logs)
      .set({ contentJson: content.json, contentText: content.text, ...(edited ? { updatedAt: content.lastEditAt } : {}) })
      .where(eq(logs.id, id));
    if (edited) {
      await tx
        .insert(logAuthors)
        .values(content.editorUserIds.map((userId) => ({ logId: id, userId, addedAt: content.lastEditAt })))
        .onConflictDoNothing();
    }
    await indexLogForSearch(tx, { id, workspaceId: log.workspaceId, title: log.title, text: content.text });
    await syncInsightExcerpts(tx, log, content.json);
    await syncCommentAnchors(tx, log, content.json);
    if (!edited) return;
    const [last] = await tx
      .select({ createdAt: logVersions.createdAt })
      .from(logVersions)
      .where(and(eq(logVersions.logId, id), eq(logVersions.kind, "periodic")))
      .orderBy(desc(logVersions.createdAt))
      .limit(1);
    if (last && content.lastEditAt - last.createdAt < SNAPSHOT_INTERVAL_MS) return;
    await tx.insert(logVersions).values({
      id: newId(),
      logId: id,
      workspaceId: log.workspaceId,
      kind: "periodic",
      name: "",
      state: Buffer.from(content.state),
      contentJson: content.json,
      contentText: content.text,
      createdBy: null,
      createdAt: content.lastEditAt,
    });
  });
}
