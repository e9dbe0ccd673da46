import { and, desc, eq, inArray } from "drizzle-orm";

import { decisions } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";
import { containsText, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

const day = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const columns = { id: decisions.id, decision: decisions.decision, decidedOn: decisions.decidedOn };

function toTarget(row: { id: string; decision: string; decidedOn: number }): LinkTarget {
  return { id: row.id, label: row.decision, detail: `Decided ${day.format(new Date(row.decidedOn))}`, agencyId: null, datedAt: null };
}

/** The board's decisions are its public record in the workspace. */
export async function searchDecisionTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(columns)
    .from(decisions)
    .where(and(eq(decisions.workspaceId, workspaceId), q ? containsText(decisions.decision, q) : undefined))
    .orderBy(desc(decisions.decidedOn))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getDecisionTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(decisions)
    .where(and(eq(decisions.workspaceId, workspaceId), inArray(decisions.id, ids)))
    .orderBy(desc(decisions.decidedOn));
  return rows.map(toTarget);
}
