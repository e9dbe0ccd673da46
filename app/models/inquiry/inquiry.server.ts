import { and, asc, eq, sql } from "drizzle-orm";

import { users } from "../../../db/schema/core";
import { actions, inquiries } from "../../../db/schema/learning";
import { db, preparedOnce } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { visibleActionSql } from "../action/action-visibility.server";
import { recordAudit } from "../audit/audit.server";
import { assertWorkspacePeople, type Actor } from "../set/set.server";
import type { InquiryFields } from "./inquiry.schema";

export type InquiryRow = {
  id: string;
  question: string;
  rationale: string;
  phase: string;
  status: "open" | "answered" | "parked";
  position: number;
  ownerId: string | null;
  ownerName: string | null;
};

const inquiryColumns = {
  id: inquiries.id,
  question: inquiries.question,
  rationale: inquiries.rationale,
  phase: inquiries.phase,
  status: inquiries.status,
  position: inquiries.position,
  ownerId: inquiries.ownerId,
  ownerName: users.displayName,
};

/** The workspace's inquiries in the board's order, each with the actions the viewer may see. */
/** The inquiries page and the home page list them on every view: compiled once (ADR 008). */
const inquiriesQuery = preparedOnce((database) => {
  const userId = sql.placeholder("userId");
  return database
    .select({
      ...inquiryColumns,
      actionCount: sql<number>`(select count(*) from ${actions} where ${actions.inquiryId} = ${inquiries.id} and ${visibleActionSql(userId)})`,
      openActionCount: sql<number>`(select count(*) from ${actions} where ${actions.inquiryId} = ${inquiries.id} and ${actions.status} != 'done' and ${visibleActionSql(userId)})`,
      // Only the number: set confidentiality hides the actions themselves, and the count tells the viewer why theirs differs from a set member's.
      hiddenActionCount: sql<number>`(select count(*) from ${actions} where ${actions.inquiryId} = ${inquiries.id} and not ${visibleActionSql(userId)})`,
    })
    .from(inquiries)
    .leftJoin(users, eq(users.id, inquiries.ownerId))
    .where(eq(inquiries.workspaceId, sql.placeholder("workspaceId")))
    .orderBy(asc(inquiries.position), asc(inquiries.createdAt))
    .prepare();
});

export async function listInquiries({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  return inquiriesQuery().all({ workspaceId, userId });
}

/** Id and question of every inquiry, for pickers. */
export async function listInquiryOptions(workspaceId: string) {
  return db()
    .select({ id: inquiries.id, question: inquiries.question, phase: inquiries.phase })
    .from(inquiries)
    .where(eq(inquiries.workspaceId, workspaceId))
    .orderBy(asc(inquiries.position), asc(inquiries.createdAt));
}

export async function getInquiry({ workspaceId, inquiryId }: { workspaceId: string; inquiryId: string }): Promise<InquiryRow | null> {
  const [row] = await db()
    .select(inquiryColumns)
    .from(inquiries)
    .leftJoin(users, eq(users.id, inquiries.ownerId))
    .where(and(eq(inquiries.id, inquiryId), eq(inquiries.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** How many of an inquiry's actions were committed in learning sets this person is not in (they cannot see those). */
export async function countHiddenActionsForInquiry({ workspaceId, inquiryId, userId }: { workspaceId: string; inquiryId: string; userId: string }): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)` })
    .from(actions)
    .where(and(eq(actions.workspaceId, workspaceId), eq(actions.inquiryId, inquiryId), sql`not ${visibleActionSql(userId)}`));
  return row?.n ?? 0;
}

export async function createInquiry(actor: Actor, workspaceId: string, fields: InquiryFields): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    if (fields.ownerId) await assertWorkspacePeople(tx, workspaceId, "ownerId", [fields.ownerId], "Choose an owner from this workspace");
    const [last] = await tx
      .select({ max: sql<number | null>`max(${inquiries.position})` })
      .from(inquiries)
      .where(eq(inquiries.workspaceId, workspaceId));
    const id = newId();
    await tx.insert(inquiries).values({
      id,
      workspaceId,
      question: fields.question,
      rationale: fields.rationale,
      phase: fields.phase,
      status: fields.status,
      ownerId: fields.ownerId ?? null,
      position: (last?.max ?? -1) + 1,
    });
    await recordAudit(
      { kind: "inquiry.created", workspaceId, actorUserId: actor.userId, targetType: "inquiry", targetId: id, ipAddress: actor.ipAddress },
      tx,
    );
    return { id };
  });
}

export async function updateInquiry(actor: Actor, workspaceId: string, inquiryId: string, fields: InquiryFields): Promise<void> {
  await db().transaction(async (tx) => {
    if (fields.ownerId) await assertWorkspacePeople(tx, workspaceId, "ownerId", [fields.ownerId], "Choose an owner from this workspace");
    await tx
      .update(inquiries)
      .set({
        question: fields.question,
        rationale: fields.rationale,
        phase: fields.phase,
        status: fields.status,
        ownerId: fields.ownerId ?? null,
        updatedAt: Date.now(),
      })
      .where(and(eq(inquiries.id, inquiryId), eq(inquiries.workspaceId, workspaceId)));
    await recordAudit(
      { kind: "inquiry.updated", workspaceId, actorUserId: actor.userId, targetType: "inquiry", targetId: inquiryId, ipAddress: actor.ipAddress },
      tx,
    );
  });
}

/**
 * Swaps the inquiry with its neighbour in the board's order. Positions are renumbered 0..n-1 in
 * the same transaction so gaps or ties left by older data cannot make a move a no-op.
 * Returns false when the inquiry is not in the workspace.
 */
export async function moveInquiry(actor: Actor, workspaceId: string, inquiryId: string, direction: "up" | "down"): Promise<boolean> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({ id: inquiries.id })
      .from(inquiries)
      .where(eq(inquiries.workspaceId, workspaceId))
      .orderBy(asc(inquiries.position), asc(inquiries.createdAt));
    const order = rows.map((r) => r.id);
    const index = order.indexOf(inquiryId);
    if (index < 0) return false;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target >= 0 && target < order.length) [order[index], order[target]] = [order[target], order[index]];
    for (const [position, id] of order.entries()) await tx.update(inquiries).set({ position }).where(eq(inquiries.id, id));
    await recordAudit(
      { kind: "inquiry.moved", workspaceId, actorUserId: actor.userId, targetType: "inquiry", targetId: inquiryId, detail: { direction }, ipAddress: actor.ipAddress },
      tx,
    );
    return true;
  });
}
