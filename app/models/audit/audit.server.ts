import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";

import { auditEvents, users } from "../../../db/schema/core";
import { db, type Tx } from "../../utils/db.server";

export type AuditInput = {
  kind: string;
  workspaceId?: string | null;
  actorUserId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
  purpose?: string | null;
  ipAddress?: string | null;
};

/** Appends one audit event; pass the transaction when it must commit with the change it records. */
export async function recordAudit(input: AuditInput, tx: Tx = db()): Promise<void> {
  await tx.insert(auditEvents).values({
    kind: input.kind,
    workspaceId: input.workspaceId ?? null,
    actorUserId: input.actorUserId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    detail: input.detail ?? null,
    purpose: input.purpose ?? null,
    ipAddress: input.ipAddress ?? null,
  });
}

export type AuditFilter = {
  workspaceId: string;
  actorUserId?: string;
  kind?: string;
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
};

export async function listAuditEvents(filter: AuditFilter) {
  const conditions: SQL[] = [eq(auditEvents.workspaceId, filter.workspaceId)];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.kind) conditions.push(eq(auditEvents.kind, filter.kind));
  if (filter.from !== undefined) conditions.push(gte(auditEvents.createdAt, filter.from));
  if (filter.to !== undefined) conditions.push(lte(auditEvents.createdAt, filter.to));
  return db()
    .select({
      id: auditEvents.id,
      kind: auditEvents.kind,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      detail: auditEvents.detail,
      purpose: auditEvents.purpose,
      ipAddress: auditEvents.ipAddress,
      createdAt: auditEvents.createdAt,
      actorUserId: auditEvents.actorUserId,
      actorName: users.displayName,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
}
