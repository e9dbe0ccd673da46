import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { decisionInquiries, decisions, inquiries } from "../../../db/schema/learning";
import { db, preparedOnce } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { dayToUtc } from "../meeting/london-time";
import { InputError } from "../set/input-error";
import { assertWorkspaceInquiries, assertWorkspacePeople, type Actor } from "../set/set.server";
import { REVIEW_HORIZON_DAYS } from "./decision.policy";
import type { DecisionFields } from "./decision.schema";

const decisionColumns = {
  id: decisions.id,
  decision: decisions.decision,
  rationale: decisions.rationale,
  ownerId: decisions.ownerId,
  ownerName: users.displayName,
  decidedOn: decisions.decidedOn,
  reviewOn: decisions.reviewOn,
};

async function withInquiries<T extends { id: string }>(rows: T[]) {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db()
        .select({ decisionId: decisionInquiries.decisionId, id: inquiries.id, question: inquiries.question })
        .from(decisionInquiries)
        .innerJoin(inquiries, eq(inquiries.id, decisionInquiries.inquiryId))
        .where(inArray(decisionInquiries.decisionId, ids))
        .orderBy(asc(inquiries.position))
    : [];
  return rows.map((r) => ({ ...r, inquiries: links.filter((l) => l.decisionId === r.id).map(({ id, question }) => ({ id, question })) }));
}

/** The board's decisions, newest first. Decisions are the board's public record in the workspace. */
export async function listDecisions(workspaceId: string) {
  const rows = await db()
    .select(decisionColumns)
    .from(decisions)
    .leftJoin(users, eq(users.id, decisions.ownerId))
    .where(eq(decisions.workspaceId, workspaceId))
    .orderBy(desc(decisions.decidedOn), desc(decisions.createdAt));
  return withInquiries(rows);
}

export async function listDecisionsForInquiry(workspaceId: string, inquiryId: string) {
  const rows = await db()
    .select(decisionColumns)
    .from(decisionInquiries)
    .innerJoin(decisions, eq(decisions.id, decisionInquiries.decisionId))
    .leftJoin(users, eq(users.id, decisions.ownerId))
    .where(and(eq(decisionInquiries.inquiryId, inquiryId), eq(decisions.workspaceId, workspaceId)))
    .orderBy(desc(decisions.decidedOn));
  return rows;
}

/** Decisions whose review date has passed or falls within the review horizon (the home page: compiled once, ADR 008). */
const dueForReviewQuery = preparedOnce((database) =>
  database
    .select(decisionColumns)
    .from(decisions)
    .leftJoin(users, eq(users.id, decisions.ownerId))
    .where(and(eq(decisions.workspaceId, sql.placeholder("workspaceId")), isNotNull(decisions.reviewOn), lte(decisions.reviewOn, sql.placeholder("horizon"))))
    .orderBy(asc(decisions.reviewOn))
    .prepare(),
);

export async function listDecisionsDueForReview(workspaceId: string, now = Date.now()) {
  return dueForReviewQuery().all({ workspaceId, horizon: now + REVIEW_HORIZON_DAYS * 24 * 60 * 60 * 1000 });
}

function days(fields: DecisionFields) {
  const decidedOn = dayToUtc(fields.decidedOn);
  const reviewOn = fields.reviewOn ? dayToUtc(fields.reviewOn) : null;
  const errors: Record<string, string[]> = {};
  if (decidedOn === null) errors.decidedOn = ["Enter a real date for the decision"];
  if (fields.reviewOn && reviewOn === null) errors.reviewOn = ["Enter a real review date"];
  if (decidedOn !== null && reviewOn !== null && reviewOn < decidedOn) errors.reviewOn = ["The review date must be on or after the decision date"];
  if (Object.keys(errors).length || decidedOn === null) throw new InputError(errors);
  return { decidedOn, reviewOn };
}

export async function createDecision(actor: Actor, workspaceId: string, fields: DecisionFields): Promise<{ id: string }> {
  const { decidedOn, reviewOn } = days(fields);
  return db().transaction(async (tx) => {
    if (fields.ownerId) await assertWorkspacePeople(tx, workspaceId, "ownerId", [fields.ownerId], "Choose an owner from this workspace");
    await assertWorkspaceInquiries(tx, workspaceId, "inquiryIds", fields.inquiryIds);
    const id = newId();
    await tx.insert(decisions).values({
      id,
      workspaceId,
      decision: fields.decision,
      rationale: fields.rationale,
      ownerId: fields.ownerId ?? null,
      decidedOn,
      reviewOn,
      createdBy: actor.userId,
    });
    const inquiryIds = [...new Set(fields.inquiryIds)];
    if (inquiryIds.length) await tx.insert(decisionInquiries).values(inquiryIds.map((inquiryId) => ({ decisionId: id, inquiryId })));
    await recordAudit({ kind: "decision.created", workspaceId, actorUserId: actor.userId, targetType: "decision", targetId: id, ipAddress: actor.ipAddress }, tx);
    return { id };
  });
}

/** Returns false when the decision is not in the workspace. */
export async function updateDecision(actor: Actor, workspaceId: string, decisionId: string, fields: DecisionFields): Promise<boolean> {
  const { decidedOn, reviewOn } = days(fields);
  return db().transaction(async (tx) => {
    const [existing] = await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.id, decisionId), eq(decisions.workspaceId, workspaceId))).limit(1);
    if (!existing) return false;
    if (fields.ownerId) await assertWorkspacePeople(tx, workspaceId, "ownerId", [fields.ownerId], "Choose an owner from this workspace");
    await assertWorkspaceInquiries(tx, workspaceId, "inquiryIds", fields.inquiryIds);
    await tx
      .update(decisions)
      .set({ decision: fields.decision, rationale: fields.rationale, ownerId: fields.ownerId ?? null, decidedOn, reviewOn, updatedAt: Date.now() })
      .where(eq(decisions.id, decisionId));
    await tx.delete(decisionInquiries).where(eq(decisionInquiries.decisionId, decisionId));
    const inquiryIds = [...new Set(fields.inquiryIds)];
    if (inquiryIds.length) await tx.insert(decisionInquiries).values(inquiryIds.map((inquiryId) => ({ decisionId, inquiryId })));
    await recordAudit({ kind: "decision.updated", workspaceId, actorUserId: actor.userId, targetType: "decision", targetId: decisionId, ipAddress: actor.ipAddress }, tx);
    return true;
  });
}
