import { and, asc, eq, inArray } from "drizzle-orm";

import { inquiries } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";
import { containsText, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

const columns = { id: inquiries.id, question: inquiries.question, phase: inquiries.phase, status: inquiries.status };

function toTarget(row: { id: string; question: string; phase: string; status: string }): LinkTarget {
  return { id: row.id, label: row.question, detail: [row.status, row.phase].filter(Boolean).join(" · "), agencyId: null, datedAt: null };
}

/** Inquiry questions are the workspace's shared agenda: every member may see them. */
export async function searchInquiryTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(columns)
    .from(inquiries)
    .where(and(eq(inquiries.workspaceId, workspaceId), q ? containsText(inquiries.question, q) : undefined))
    .orderBy(asc(inquiries.position))
    .limit(limit);
  return rows.map(toTarget);
}

export async function getInquiryTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(columns)
    .from(inquiries)
    .where(and(eq(inquiries.workspaceId, workspaceId), inArray(inquiries.id, ids)))
    .orderBy(asc(inquiries.position));
  return rows.map(toTarget);
}
