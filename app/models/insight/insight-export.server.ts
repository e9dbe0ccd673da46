import { and, asc, eq, gte, lte, type SQL } from "drizzle-orm";

import { insights } from "../../../db/schema/insights";
import { db } from "../../utils/db.server";
import type { ExportWindow } from "../log/log-export.server";

/** Insights for a learning summary (insights are workspace material). Window on creation. */
export async function listInsightsForExport(window: Omit<ExportWindow, "inquiryId">) {
  const conditions: SQL[] = [eq(insights.workspaceId, window.workspaceId)];
  if (window.from !== undefined) conditions.push(gte(insights.createdAt, window.from));
  if (window.to !== undefined) conditions.push(lte(insights.createdAt, window.to));
  const rows = await db()
    .select()
    .from(insights)
    .where(and(...conditions))
    .orderBy(asc(insights.createdAt), asc(insights.id));
  return rows.map((r) => ({
    id: r.id,
    statement: r.statement,
    kind: r.kind,
    status: r.status,
    confidence: r.confidence,
    barrierLevel: r.barrierLevel,
    relayedTo: r.relayedTo,
    createdAt: r.createdAt,
    inquiryIds: [] as string[],
    excerpts: [] as Array<{
      logId: string;
      logTitle: string;
      text: string;
      removedFromLog: boolean;
    }>,
    evidence: [] as Array<{
      type:
        | "case"
        | "journey_event"
        | "spend_line"
        | "unit_cost"
        | "indicator"
        | "action"
        | "decision"
        | "inquiry";
      id: string;
      label: string;
    }>,
  }));
}
