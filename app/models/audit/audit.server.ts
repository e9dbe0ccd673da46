import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";

import { auditEvents, memberships, users } from "../../../db/schema/core";
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

/**
 * Account-level events (no workspace) that a workspace's owners see for the people who are its
 * members: how they sign in and look after their account. Other workspace-less events, such as
 * access refused in some other workspace, stay out: they would reveal other workspaces.
 */
export const ACCOUNT_AUDIT_KINDS = [
  "auth.signed_up",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.password_changed",
  "auth.password_change_failed",
  "auth.session_revoked",
  "account.display_name_changed",
] as const;

export type AuditFilter = {
  workspaceId: string;
  actorUserId?: string;
  kind?: string;
  /** The purpose given for a read of case-level data. */
  purpose?: string;
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
};

/**
 * Everything a workspace's audit log holds: the workspace's own events, the account events of
 * its current members, and throttled sign-ins aimed at their email addresses (those have no actor).
 */
function workspaceScope(workspaceId: string): SQL {
  const memberIds = sql`(select ${memberships.userId} from ${memberships} where ${memberships.workspaceId} = ${workspaceId})`;
  const memberEmails = sql`(select u.email from users u join memberships m on m.user_id = u.id where m.workspace_id = ${workspaceId})`;
  return or(
    eq(auditEvents.workspaceId, workspaceId),
    and(
      isNull(auditEvents.workspaceId),
      or(
        and(inArray(auditEvents.kind, [...ACCOUNT_AUDIT_KINDS]), sql`${auditEvents.actorUserId} in ${memberIds}`),
        and(
          eq(auditEvents.kind, "auth.sign_in_throttled"),
          sql`json_extract(${auditEvents.detail}, '$.email') in ${memberEmails}`,
        ),
      ),
    ),
  ) as SQL;
}

function filterConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [workspaceScope(filter.workspaceId)];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.kind) conditions.push(eq(auditEvents.kind, filter.kind));
  if (filter.purpose) conditions.push(eq(auditEvents.purpose, filter.purpose));
  if (filter.from !== undefined) conditions.push(gte(auditEvents.createdAt, filter.from));
  if (filter.to !== undefined) conditions.push(lte(auditEvents.createdAt, filter.to));
  return conditions;
}

/** Newest first. */
export async function listAuditEvents(filter: AuditFilter) {
  return db()
    .select({
      id: auditEvents.id,
      workspaceId: auditEvents.workspaceId,
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
    .where(and(...filterConditions(filter)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
}

export async function countAuditEvents(filter: AuditFilter): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(auditEvents)
    .where(and(...filterConditions(filter)));
  return row?.n ?? 0;
}

/** The kinds of event present in a workspace's audit log, for the filter. */
export async function listAuditKinds(workspaceId: string): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ kind: auditEvents.kind })
    .from(auditEvents)
    .where(workspaceScope(workspaceId))
    .orderBy(asc(auditEvents.kind));
  return rows.map((r) => r.kind);
}

/** How many events of a kind one person caused since a moment, and when the oldest was. */
export async function countRecentAuditEvents(input: { kind: string; actorUserId: string; since: number }) {
  const [row] = await db()
    .select({ n: count(), oldest: sql<number | null>`min(${auditEvents.createdAt})` })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, input.kind), eq(auditEvents.actorUserId, input.actorUserId), gte(auditEvents.createdAt, input.since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}
