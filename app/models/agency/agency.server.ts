import { and, asc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";

import { agencies, type AgencyKind } from "../../../db/schema/core";
import { db, preparedOnce, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";

export type AgencyActor = { userId: string; ipAddress?: string };

const agencyColumns = {
  id: agencies.id,
  name: agencies.name,
  kind: agencies.kind,
  archivedAt: agencies.archivedAt,
};

export async function listAgencies(workspaceId: string) {
  const rows = await db()
    .select(agencyColumns)
    .from(agencies)
    .where(eq(agencies.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${agencies.name})`));
  return { active: rows.filter((r) => r.archivedAt === null), archived: rows.filter((r) => r.archivedAt !== null) };
}

/** The home page lists them on every view: compiled once (ADR 008). */
const activeAgenciesQuery = preparedOnce((database) =>
  database
    .select(agencyColumns)
    .from(agencies)
    .where(and(eq(agencies.workspaceId, sql.placeholder("workspaceId")), isNull(agencies.archivedAt)))
    .orderBy(asc(sql`lower(${agencies.name})`))
    .prepare(),
);

export async function listActiveAgencies(workspaceId: string) {
  return activeAgenciesQuery().all({ workspaceId });
}

/** Names are unique per workspace regardless of case ("NHS Lothian" and "nhs lothian" are one). */
async function nameTaken(tx: Tx, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(
      and(
        eq(agencies.workspaceId, workspaceId),
        sql`lower(${agencies.name}) = lower(${name})`,
        exceptId ? ne(agencies.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export type AgencyResult = { ok: true; id: string; name: string } | { ok: false; reason: "name-taken" | "not-found" };

export async function createAgency(
  actor: AgencyActor,
  workspaceId: string,
  input: { name: string; kind: AgencyKind },
): Promise<AgencyResult> {
  const name = input.name.trim();
  return db().transaction(async (tx): Promise<AgencyResult> => {
    if (await nameTaken(tx, workspaceId, name)) return { ok: false, reason: "name-taken" };
    const id = newId();
    await tx.insert(agencies).values({ id, workspaceId, name, kind: input.kind });
    await recordAudit(
      {
        kind: "agency.created",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "agency",
        targetId: id,
        detail: { name, kind: input.kind },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, id, name };
  });
}

export async function updateAgency(
  actor: AgencyActor,
  workspaceId: string,
  agencyId: string,
  input: { name: string; kind: AgencyKind },
): Promise<AgencyResult> {
  const name = input.name.trim();
  return db().transaction(async (tx): Promise<AgencyResult> => {
    const [before] = await tx
      .select({ name: agencies.name, kind: agencies.kind })
      .from(agencies)
      .where(and(eq(agencies.id, agencyId), eq(agencies.workspaceId, workspaceId)))
      .limit(1);
    if (!before) return { ok: false, reason: "not-found" };
    if (await nameTaken(tx, workspaceId, name, agencyId)) return { ok: false, reason: "name-taken" };
    if (before.name === name && before.kind === input.kind) return { ok: true, id: agencyId, name };
    await tx
      .update(agencies)
      .set({ name, kind: input.kind, updatedAt: Date.now() })
      .where(and(eq(agencies.id, agencyId), eq(agencies.workspaceId, workspaceId)));
    await recordAudit(
      {
        kind: "agency.updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "agency",
        targetId: agencyId,
        detail: { from: before, to: { name, kind: input.kind } },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, id: agencyId, name };
  });
}

/**
 * Archiving hides an agency from new choices but keeps it on the members, cases and spend that
 * already name it: partnership history is not rewritten when an organisation leaves the board.
 */
export async function setAgencyArchived(
  actor: AgencyActor,
  workspaceId: string,
  agencyId: string,
  archived: boolean,
): Promise<AgencyResult> {
  return db().transaction(async (tx): Promise<AgencyResult> => {
    const changed = await tx
      .update(agencies)
      .set({ archivedAt: archived ? Date.now() : null, updatedAt: Date.now() })
      .where(
        and(
          eq(agencies.id, agencyId),
          eq(agencies.workspaceId, workspaceId),
          archived ? isNull(agencies.archivedAt) : isNotNull(agencies.archivedAt),
        ),
      )
      .returning({ id: agencies.id, name: agencies.name });
    const row = changed[0];
    if (!row) {
      const exists = await tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.id, agencyId), eq(agencies.workspaceId, workspaceId)))
        .limit(1);
      // Already in the requested state: nothing to do, nothing to audit.
      return exists[0] ? { ok: true, id: exists[0].id, name: exists[0].name } : { ok: false, reason: "not-found" };
    }
    await recordAudit(
      {
        kind: archived ? "agency.archived" : "agency.unarchived",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "agency",
        targetId: row.id,
        detail: { name: row.name },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { ok: true, id: row.id, name: row.name };
  });
}
