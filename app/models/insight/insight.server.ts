import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";

import { memberships, users } from "../../../db/schema/core";
import { insightExcerpts, insightInquiries, insights } from "../../../db/schema/insights";
import { logs } from "../../../db/schema/logs";
import { db, type Tx } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import type { Role } from "../access/access.policy";
import { recordAudit } from "../audit/audit.server";
import { readableLogCondition } from "../log/log-access.server";
import { getReadableLog } from "../log/log.server";
import { indexInsightForSearch } from "../search/search.server";
import { InputError } from "../set/input-error";
import { LINK_KIND_CONFIG } from "./insight-link-kinds.server";
import {
  EVIDENCE_KINDS,
  INSIGHT_STATUSES,
  KIND_LABELS,
  LINK_KINDS,
  STATUS_LABELS,
  type BarrierLevel,
  type InsightKind,
  type InsightStatus,
  type LinkKind,
} from "./insight.constants";
import { evidenceStrength, type EvidencePiece, type EvidenceStrength } from "./insight.policy";
import type { InsightFields } from "./insight.schema";
import { containsText, type LinkTarget } from "./link-target";

export type InsightActor = { userId: string; ipAddress?: string };

function values(fields: InsightFields) {
  const barrier = fields.kind === "barrier";
  return {
    statement: fields.statement,
    kind: fields.kind,
    status: fields.status,
    confidence: fields.confidence,
    barrierLevel: barrier ? (fields.barrierLevel ?? null) : null,
    relayedTo: barrier ? fields.relayedTo : "",
  };
}

async function assertInquiry(workspaceId: string, inquiryId: string, userId: string) {
  const found = await LINK_KIND_CONFIG.inquiry.get({ workspaceId, userId, ids: [inquiryId] });
  if (found.length === 0)
    throw new InputError({ inquiryId: ["Choose an inquiry question of this workspace"] });
}

/**
 * A new insight, optionally about one inquiry and quoting a selection of one log. The quote is
 * provisional: the next compaction of the log replaces it with the words under the mark the
 * editor has just set (ADR 015).
 */
export async function createInsight(
  actor: InsightActor,
  workspaceId: string,
  fields: InsightFields,
  options: { inquiryId?: string; excerpt?: { logId: string; quote: string } } = {},
): Promise<{ id: string }> {
  if (options.inquiryId) await assertInquiry(workspaceId, options.inquiryId, actor.userId);
  return db().transaction(async (tx) => {
    const id = newId();
    const now = Date.now();
    const row = {
      id,
      workspaceId,
      ...values(fields),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(insights).values(row);
    if (options.inquiryId)
      await tx
        .insert(insightInquiries)
        .values({
          insightId: id,
          inquiryId: options.inquiryId,
          createdBy: actor.userId,
          createdAt: now,
        });
    if (options.excerpt)
      await insertExcerpt(tx, {
        workspaceId,
        insightId: id,
        ...options.excerpt,
        userId: actor.userId,
        at: now,
      });
    await indexInsightForSearch(tx, row);
    await recordAudit(
      {
        kind: "insight.created",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "insight",
        targetId: id,
        detail: {
          kind: fields.kind,
          ...(options.excerpt ? { logId: options.excerpt.logId } : {}),
          ...(options.inquiryId ? { inquiryId: options.inquiryId } : {}),
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return { id };
  });
}

async function insertExcerpt(
  tx: Tx,
  input: {
    workspaceId: string;
    insightId: string;
    logId: string;
    quote: string;
    userId: string;
    at: number;
  },
) {
  await tx
    .insert(insightExcerpts)
    .values({
      id: newId(),
      workspaceId: input.workspaceId,
      insightId: input.insightId,
      logId: input.logId,
      text: input.quote,
      createdBy: input.userId,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .onConflictDoNothing();
}

/** Returns false when the insight is not in the workspace. */
export async function updateInsight(
  actor: InsightActor,
  workspaceId: string,
  insightId: string,
  fields: InsightFields,
): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: insights.id })
      .from(insights)
      .where(and(eq(insights.id, insightId), eq(insights.workspaceId, workspaceId)))
      .limit(1);
    if (!existing) return false;
    const changed = { ...values(fields), updatedAt: Date.now() };
    await tx.update(insights).set(changed).where(eq(insights.id, insightId));
    await indexInsightForSearch(tx, {
      id: insightId,
      workspaceId,
      statement: changed.statement,
      relayedTo: changed.relayedTo,
    });
    await recordAudit(
      {
        kind: "insight.updated",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "insight",
        targetId: insightId,
        detail: { status: fields.status, kind: fields.kind },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

/**
 * May this person put an excerpt mark into this log? Only someone who may edit its text: the mark
 * is an edit of the document. Null when the log is not theirs to read (the caller answers 404).
 */
export async function excerptPermission(input: {
  workspaceId: string;
  userId: string;
  role: Role;
  logId: string;
}): Promise<"edit" | "read" | null> {
  const found = await getReadableLog(input);
  if (!found) return null;
  return found.permissions.canEdit ? "edit" : "read";
}

/** Links an existing insight to a selection of a log (the editor sets the mark after this). */
export async function linkExcerpt(
  actor: InsightActor,
  workspaceId: string,
  input: { insightId: string; logId: string; quote: string },
): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: insights.id })
      .from(insights)
      .where(and(eq(insights.id, input.insightId), eq(insights.workspaceId, workspaceId)))
      .limit(1);
    if (!existing) return false;
    const now = Date.now();
    await insertExcerpt(tx, { workspaceId, ...input, userId: actor.userId, at: now });
    await tx.update(insights).set({ updatedAt: now }).where(eq(insights.id, input.insightId));
    await recordAudit(
      {
        kind: "insight.excerpt-linked",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "insight",
        targetId: input.insightId,
        detail: { logId: input.logId },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export type InsightSummary = {
  id: string;
  statement: string;
  kind: InsightKind;
  status: InsightStatus;
  confidence: "low" | "medium" | "high";
  barrierLevel: BarrierLevel | null;
  relayedTo: string;
  updatedAt: number;
  excerpts: number;
  evidence: number;
};

function countOf(kind: LinkKind): SQL<number> {
  const config = LINK_KIND_CONFIG[kind];
  return sql<number>`(select count(*) from ${config.table} where ${config.table.insightId} = i.id)`;
}

type SummaryRow = {
  id: string;
  statement: string;
  kind: InsightKind;
  status: InsightSummary["status"];
  confidence: InsightSummary["confidence"];
  barrier_level: BarrierLevel | null;
  relayed_to: string;
  updated_at: number;
  excerpts: number;
  evidence: number;
};

export type InsightListFilter = {
  workspaceId: string;
  kind?: InsightKind;
  status?: InsightStatus;
  inquiryId?: string;
  barrierLevel?: BarrierLevel;
};

/** `from … where …` of the insights a filter selects (the alias `i` is the insight). */
function insightScope(filter: InsightListFilter): SQL {
  const from = filter.inquiryId
    ? sql`${insightInquiries} ii join ${insights} i on i.id = ii.insight_id`
    : sql`${insights} i`;
  const conditions = [
    sql`i.workspace_id = ${filter.workspaceId}`,
    filter.inquiryId ? sql`ii.inquiry_id = ${filter.inquiryId}` : null,
    filter.kind ? sql`i.kind = ${filter.kind}` : null,
    filter.status ? sql`i.status = ${filter.status}` : null,
    filter.barrierLevel ? sql`i.barrier_level = ${filter.barrierLevel}` : null,
  ].filter((c): c is SQL => c !== null);
  return sql`from ${from} where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The insights a filter selects, most recently changed first, with how many excerpts and pieces
 * of evidence each has. The ids are ordered and cut to the page first, in a subquery, so the
 * correlated counts (each an index lookup on the link table's primary key) run only for the rows
 * returned; the rows are read without the ORM's row mapping (tests/bench/insights-bench.ts).
 */
export async function listInsights(
  filter: InsightListFilter & { limit?: number; offset?: number },
): Promise<InsightSummary[]> {
  const rows = await db().all<SummaryRow>(sql`
    select i.id, i.statement, i.kind, i.status, i.confidence, i.barrier_level, i.relayed_to, i.updated_at,
      (select count(*) from ${insightExcerpts} e where e.insight_id = i.id and e.removed_at is null) as excerpts,
      (${sql.join(
        EVIDENCE_KINDS.map((k) => countOf(k)),
        sql` + `,
      )}) as evidence
    from (
      select i.id, i.updated_at ${insightScope(filter)}
      order by i.updated_at desc, i.id desc
      limit ${filter.limit ?? -1} offset ${filter.offset ?? 0}
    ) page join ${insights} i on i.id = page.id
    order by page.updated_at desc, page.id desc`);
  return rows.map((r) => ({
    id: r.id,
    statement: r.statement,
    kind: r.kind,
    status: r.status,
    confidence: r.confidence,
    barrierLevel: r.barrier_level,
    relayedTo: r.relayed_to,
    updatedAt: Number(r.updated_at),
    excerpts: Number(r.excerpts),
    evidence: Number(r.evidence),
  }));
}

export const INSIGHTS_PAGE_SIZE = 100;

/**
 * One page of the insight board (pages from 1; a page past the end shows the last one), with how
 * many insights of each status the filter selects — every status, whichever one the page shows,
 * so the columns can say how many there are in all.
 */
export async function listInsightBoardPage(
  filter: InsightListFilter & { page: number; pageSize?: number },
) {
  const pageSize = filter.pageSize ?? INSIGHTS_PAGE_SIZE;
  const counted = await db().all<{ status: InsightStatus; n: number }>(
    sql`select i.status, count(*) as n ${insightScope({ ...filter, status: undefined })} group by i.status`,
  );
  const byStatus = Object.fromEntries(INSIGHT_STATUSES.map((s) => [s, 0])) as Record<InsightStatus, number>;
  for (const row of counted) byStatus[row.status] = Number(row.n);
  const total = filter.status
    ? byStatus[filter.status]
    : INSIGHT_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const insightsOnPage =
    total === 0 ? [] : await listInsights({ ...filter, limit: pageSize, offset: (page - 1) * pageSize });
  return { insights: insightsOnPage, byStatus, total, page, pageCount, pageSize };
}

/**
 * What the log's "Link to an existing insight" picker offers: insights of the workspace that are
 * not dropped (every role may read insights, ADR 015) whose statement contains `q`, most recently
 * changed first.
 */
export async function searchInsightOptions(input: { workspaceId: string; q: string; limit?: number }) {
  const rows = await db()
    .select({ id: insights.id, statement: insights.statement, kind: insights.kind, status: insights.status })
    .from(insights)
    .where(
      and(
        eq(insights.workspaceId, input.workspaceId),
        sql`${insights.status} <> 'dropped'`,
        input.q ? containsText(insights.statement, input.q) : undefined,
      ),
    )
    .orderBy(desc(insights.updatedAt), asc(insights.id))
    .limit(input.limit ?? 10);
  return rows.map((r) => ({ id: r.id, label: r.statement, detail: `${KIND_LABELS[r.kind]} · ${STATUS_LABELS[r.status]}` }));
}

/** Whether a selection in a log has any insight it could be linked to. */
export async function hasInsightOptions(workspaceId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: insights.id })
    .from(insights)
    .where(and(eq(insights.workspaceId, workspaceId), sql`${insights.status} <> 'dropped'`))
    .limit(1);
  return Boolean(row);
}

export async function getInsight(workspaceId: string, insightId: string) {
  const [row] = await db()
    .select({
      id: insights.id,
      statement: insights.statement,
      kind: insights.kind,
      status: insights.status,
      confidence: insights.confidence,
      barrierLevel: insights.barrierLevel,
      relayedTo: insights.relayedTo,
      createdAt: insights.createdAt,
      updatedAt: insights.updatedAt,
      createdByName: users.displayName,
    })
    .from(insights)
    .leftJoin(users, eq(users.id, insights.createdBy))
    .where(and(eq(insights.id, insightId), eq(insights.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export type InsightExcerptView =
  | {
      id: string;
      readable: true;
      logId: string;
      logTitle: string;
      text: string;
      removed: boolean;
      confirmed: boolean;
      updatedAt: number;
    }
  | { id: string; readable: false; removed: boolean };

type ExcerptRow = {
  id: string;
  insightId: string;
  logId: string;
  logTitle: string;
  text: string;
  removedAt: number | null;
  derivedAt: number | null;
  updatedAt: number;
  readable: number;
  agencyId: string | null;
};

/** Excerpts of the given insights, with whether this person may read each one's log. */
async function excerptRows(
  workspaceId: string,
  userId: string,
  insightIds: string[],
): Promise<ExcerptRow[]> {
  if (insightIds.length === 0) return [];
  const rows = await db()
    .select({
      id: insightExcerpts.id,
      insightId: insightExcerpts.insightId,
      logId: insightExcerpts.logId,
      logTitle: logs.title,
      text: insightExcerpts.text,
      removedAt: insightExcerpts.removedAt,
      derivedAt: insightExcerpts.derivedAt,
      updatedAt: insightExcerpts.updatedAt,
      readable: sql<number>`case when ${logs.deletedAt} is null and ${readableLogCondition(userId)} then 1 else 0 end`,
      agencyId: memberships.agencyId,
    })
    .from(insightExcerpts)
    .innerJoin(logs, eq(logs.id, insightExcerpts.logId))
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, logs.workspaceId), eq(memberships.userId, logs.createdBy)),
    )
    .where(
      and(
        eq(insightExcerpts.workspaceId, workspaceId),
        inArray(insightExcerpts.insightId, insightIds),
      ),
    )
    .orderBy(asc(insightExcerpts.createdAt));
  return rows.map((r) => ({ ...r, readable: Number(r.readable) }));
}

/** What a person sees of one excerpt: its words only when they may read the log. */
function excerptView(row: ExcerptRow): InsightExcerptView {
  if (!row.readable) return { id: row.id, readable: false, removed: row.removedAt !== null };
  return {
    id: row.id,
    readable: true,
    logId: row.logId,
    logTitle: row.logTitle,
    text: row.text,
    removed: row.removedAt !== null,
    confirmed: row.derivedAt !== null,
    updatedAt: row.updatedAt,
  };
}

async function linkedIds(
  insightIds: string[],
  kind: LinkKind,
): Promise<Array<{ insightId: string; targetId: string }>> {
  if (insightIds.length === 0) return [];
  const config = LINK_KIND_CONFIG[kind];
  const rows = await db()
    .select({ insightId: config.table.insightId, targetId: config.target })
    .from(config.table)
    .where(inArray(config.table.insightId, insightIds));
  return rows.map((r) => ({ insightId: String(r.insightId), targetId: String(r.targetId) }));
}

export type InsightLinks = Record<LinkKind, { items: LinkTarget[]; hidden: number }>;

/**
 * Every link of the given insights that this person may see, per kind, and how many they may not
 * (an action committed in a set they are not in). Each target's domain decides what is visible.
 */
async function loadLinks(
  workspaceId: string,
  userId: string,
  insightIds: string[],
): Promise<Map<string, InsightLinks>> {
  const out = new Map<string, InsightLinks>();
  for (const id of insightIds)
    out.set(
      id,
      Object.fromEntries(
        LINK_KINDS.map((k) => [k, { items: [], hidden: 0 }]),
      ) as unknown as InsightLinks,
    );
  await Promise.all(
    LINK_KINDS.map(async (kind) => {
      const links = await linkedIds(insightIds, kind);
      if (links.length === 0) return;
      const visible = await LINK_KIND_CONFIG[kind].get({
        workspaceId,
        userId,
        ids: [...new Set(links.map((l) => l.targetId))],
      });
      const byId = new Map(visible.map((t) => [t.id, t]));
      for (const link of links) {
        const entry = out.get(link.insightId)?.[kind];
        if (!entry) continue;
        const target = byId.get(link.targetId);
        if (target) entry.items.push(target);
        else entry.hidden += 1;
      }
    }),
  );
  return out;
}

function piecesOf(links: InsightLinks, excerpts: ExcerptRow[]): EvidencePiece[] {
  const pieces: EvidencePiece[] = excerpts
    .filter((e) => e.removedAt === null)
    .map((e) => ({ kind: "excerpt", agencyId: e.agencyId, datedAt: e.updatedAt }));
  for (const kind of EVIDENCE_KINDS) {
    for (const t of links[kind].items)
      pieces.push({
        kind,
        agencyId: t.agencyId,
        datedAt: t.datedAt,
        ...(t.priceYear !== undefined ? { priceYear: t.priceYear } : {}),
      });
  }
  return pieces;
}

export type InsightDetail = NonNullable<Awaited<ReturnType<typeof getInsight>>> & {
  links: InsightLinks;
  excerpts: InsightExcerptView[];
  strength: EvidenceStrength;
};

/**
 * One insight with everything this person may see of what backs it. Showing case-level
 * references is a read of case data, so it is audited (DESIGN: audit).
 */
export async function getInsightDetail(input: {
  workspaceId: string;
  userId: string;
  insightId: string;
  ipAddress?: string;
}): Promise<InsightDetail | null> {
  const insight = await getInsight(input.workspaceId, input.insightId);
  if (!insight) return null;
  const [links, excerpts] = await Promise.all([
    loadLinks(input.workspaceId, input.userId, [insight.id]).then(
      (m) => m.get(insight.id) as InsightLinks,
    ),
    excerptRows(input.workspaceId, input.userId, [insight.id]),
  ]);
  await auditCaseReads(input, [{ insightId: insight.id, links }]);
  return {
    ...insight,
    links,
    excerpts: excerpts.map(excerptView),
    strength: evidenceStrength(piecesOf(links, excerpts)),
  };
}

async function auditCaseReads(
  input: { workspaceId: string; userId: string; ipAddress?: string },
  shown: Array<{ insightId: string; links: InsightLinks }>,
) {
  const caseIds = shown.flatMap((s) => s.links.case.items.map((c) => c.id));
  const eventIds = shown.flatMap((s) => s.links.journeyEvent.items.map((e) => e.id));
  if (caseIds.length === 0 && eventIds.length === 0) return;
  await recordAudit({
    kind: "case.referenced",
    workspaceId: input.workspaceId,
    actorUserId: input.userId,
    targetType: shown.length === 1 ? "insight" : "inquiry",
    targetId: shown.length === 1 ? shown[0].insightId : null,
    detail: {
      caseIds: [...new Set(caseIds)],
      journeyEventIds: [...new Set(eventIds)],
      via: "insight links",
    },
    ipAddress: input.ipAddress ?? null,
  });
}

/** The insights of one inquiry with their links and excerpts, for the inquiry's learning trail. */
export async function listInsightTrail(input: {
  workspaceId: string;
  userId: string;
  inquiryId: string;
  ipAddress?: string;
}) {
  const summaries = await listInsights({
    workspaceId: input.workspaceId,
    inquiryId: input.inquiryId,
  });
  const ids = summaries.map((s) => s.id);
  const [links, excerpts] = await Promise.all([
    loadLinks(input.workspaceId, input.userId, ids),
    excerptRows(input.workspaceId, input.userId, ids),
  ]);
  const items = summaries.map((s) => {
    const own = links.get(s.id) as InsightLinks;
    const ownExcerpts = excerpts.filter((e) => e.insightId === s.id);
    return {
      ...s,
      links: own,
      excerpts: ownExcerpts.map(excerptView),
      strength: evidenceStrength(piecesOf(own, ownExcerpts)),
    };
  });
  await auditCaseReads(
    input,
    items.map((i) => ({ insightId: i.id, links: i.links })),
  );
  return items;
}

/** Links the insight to a target this person may see; refuses (InputError) anything else. False when the insight is not in the workspace. */
export async function addInsightLink(
  actor: InsightActor,
  workspaceId: string,
  input: { insightId: string; kind: LinkKind; targetId: string },
): Promise<boolean> {
  const config = LINK_KIND_CONFIG[input.kind];
  const [visible] = await config.get({ workspaceId, userId: actor.userId, ids: [input.targetId] });
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: insights.id })
      .from(insights)
      .where(and(eq(insights.id, input.insightId), eq(insights.workspaceId, workspaceId)))
      .limit(1);
    if (!existing) return false;
    if (!visible)
      throw new InputError({
        targetId: ["Choose an item from the list: that one is not available to you"],
      });
    const now = Date.now();
    await tx.run(
      sql`insert into ${config.table} (insight_id, ${sql.identifier(config.target.name)}, created_by, created_at) values (${input.insightId}, ${input.targetId}, ${actor.userId}, ${now}) on conflict do nothing`,
    );
    await tx.update(insights).set({ updatedAt: now }).where(eq(insights.id, input.insightId));
    await recordAudit(
      {
        kind: config.caseLevel ? "insight.case-linked" : "insight.linked",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "insight",
        targetId: input.insightId,
        detail: { linkKind: input.kind, targetId: input.targetId },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export async function removeInsightLink(
  actor: InsightActor,
  workspaceId: string,
  input: { insightId: string; kind: LinkKind; targetId: string },
): Promise<boolean> {
  const config = LINK_KIND_CONFIG[input.kind];
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: insights.id })
      .from(insights)
      .where(and(eq(insights.id, input.insightId), eq(insights.workspaceId, workspaceId)))
      .limit(1);
    if (!existing) return false;
    await tx
      .delete(config.table)
      .where(and(eq(config.table.insightId, input.insightId), eq(config.target, input.targetId)));
    await tx
      .update(insights)
      .set({ updatedAt: Date.now() })
      .where(eq(insights.id, input.insightId));
    await recordAudit(
      {
        kind: "insight.unlinked",
        workspaceId,
        actorUserId: actor.userId,
        targetType: "insight",
        targetId: input.insightId,
        detail: { linkKind: input.kind, targetId: input.targetId },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
}

/** What the picker offers: up to `limit` targets of one kind this person may see. */
export async function searchLinkTargets(input: {
  workspaceId: string;
  userId: string;
  kind: LinkKind;
  q: string;
  limit?: number;
  ipAddress?: string;
}): Promise<LinkTarget[]> {
  const config = LINK_KIND_CONFIG[input.kind];
  const found = await config.search({
    workspaceId: input.workspaceId,
    userId: input.userId,
    q: input.q,
    limit: input.limit ?? 10,
  });
  if (config.caseLevel && found.length) {
    await recordAudit({
      kind: "case.referenced",
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      detail: { via: "insight link picker", linkKind: input.kind, ids: found.map((f) => f.id) },
      ipAddress: input.ipAddress ?? null,
    });
  }
  return found;
}

/** Excerpts of one log for the log page: which insights quote it (statement only). */
export async function listInsightsQuotingLog(workspaceId: string, logId: string) {
  return db()
    .select({
      id: insights.id,
      statement: insights.statement,
      kind: insights.kind,
      removedAt: insightExcerpts.removedAt,
    })
    .from(insightExcerpts)
    .innerJoin(insights, eq(insights.id, insightExcerpts.insightId))
    .where(
      and(
        eq(insightExcerpts.logId, logId),
        eq(insightExcerpts.workspaceId, workspaceId),
        isNull(insightExcerpts.removedAt),
      ),
    )
    .orderBy(asc(insightExcerpts.createdAt));
}

/**
 * The insights that link to one piece of evidence (statement only), for the evidence's own
 * pages: e.g. what an indicator's deletion would unlink. Insights are workspace-wide.
 */
export async function listInsightsLinkedTo(workspaceId: string, kind: LinkKind, targetId: string, tx: Tx = db()) {
  const config = LINK_KIND_CONFIG[kind];
  return tx
    .select({ id: insights.id, statement: insights.statement })
    .from(config.table)
    .innerJoin(insights, eq(insights.id, config.table.insightId))
    .where(and(eq(config.target, targetId), eq(insights.workspaceId, workspaceId)))
    .orderBy(asc(insights.statement));
}
