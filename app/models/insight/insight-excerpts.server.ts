import { and, eq, inArray } from "drizzle-orm";

import { insightExcerpts, insights } from "../../../db/schema/insights";
import {
  INSIGHT_EXCERPT_ATTRIBUTE,
  INSIGHT_EXCERPT_MARK,
} from "../../collab/anchor-mark";
import { collectAnchorTexts } from "../../collab/anchor-ranges";
import type { Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";

/** Longest excerpt kept; a mark over a whole log still yields a readable quote. */
export const EXCERPT_MAX_CHARS = 2000;

function clip(text: string): string {
  return text.length > EXCERPT_MAX_CHARS ? `${text.slice(0, EXCERPT_MAX_CHARS - 1)}…` : text;
}

/**
 * Called on every compaction of a log (from the log kind's derived-content handler, in its
 * transaction): the words under each `insightExcerpt` mark become that insight's excerpt of this
 * log. A mark whose insight is in another workspace (pasted across) is ignored; an excerpt whose
 * mark has gone keeps its last words and is marked removed; a mark that comes back (undo) clears it.
 */
export async function syncInsightExcerpts(
  tx: Tx,
  log: { id: string; workspaceId: string },
  json: unknown,
  at = Date.now(),
): Promise<void> {
  const found = collectAnchorTexts(json, INSIGHT_EXCERPT_MARK, INSIGHT_EXCERPT_ATTRIBUTE);
  const existing = await tx
    .select({
      id: insightExcerpts.id,
      insightId: insightExcerpts.insightId,
      text: insightExcerpts.text,
      removedAt: insightExcerpts.removedAt,
      derivedAt: insightExcerpts.derivedAt,
    })
    .from(insightExcerpts)
    .where(eq(insightExcerpts.logId, log.id));
  const known = new Map(existing.map((row) => [row.insightId, row]));
  for (const row of existing) {
    const text = found.get(row.insightId);
    if (text === undefined) {
      // Never derived yet: the mark may not have reached the server; only a derived excerpt can be "removed".
      if (row.removedAt === null && row.derivedAt !== null)
        await tx
          .update(insightExcerpts)
          .set({ removedAt: at, updatedAt: at })
          .where(eq(insightExcerpts.id, row.id));
      continue;
    }
    const clipped = clip(text);
    if (clipped === row.text && row.removedAt === null && row.derivedAt !== null) continue;
    await tx
      .update(insightExcerpts)
      .set({ text: clipped, removedAt: null, derivedAt: at, updatedAt: at })
      .where(eq(insightExcerpts.id, row.id));
  }
  const fresh = [...found.keys()].filter((insightId) => !known.has(insightId));
  if (fresh.length === 0) return;
  const sameWorkspace = await tx
    .select({ id: insights.id })
    .from(insights)
    .where(and(inArray(insights.id, fresh), eq(insights.workspaceId, log.workspaceId)));
  if (sameWorkspace.length === 0) return;
  await tx
    .insert(insightExcerpts)
    .values(
      sameWorkspace.map(({ id }) => ({
        id: newId(),
        workspaceId: log.workspaceId,
        insightId: id,
        logId: log.id,
        text: clip(found.get(id) ?? ""),
        derivedAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing();
}
