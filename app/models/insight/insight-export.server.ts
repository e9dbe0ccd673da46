import { and, asc, eq, gte, inArray, isNull, lte, type SQL } from "drizzle-orm";

import { cases, journeyEvents } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { unitCosts } from "../../../db/schema/costs";
import { indicators } from "../../../db/schema/indicators";
import {
  insightActions,
  insightCases,
  insightDecisions,
  insightExcerpts,
  insightIndicators,
  insightInquiries,
  insightJourneyEvents,
  insights,
  insightSpendLines,
  insightUnitCosts,
} from "../../../db/schema/insights";
import { actions, decisions } from "../../../db/schema/learning";
import { logs } from "../../../db/schema/logs";
import { spendLines } from "../../../db/schema/spend";
import { db } from "../../utils/db.server";
import type { ExportWindow } from "../log/log-export.server";
import { financialYearLabel, formatPence } from "./link-target";

type EvidenceType = "case" | "journey_event" | "spend_line" | "unit_cost" | "indicator" | "action" | "decision" | "inquiry";
export type ExportEvidence = { type: EvidenceType; id: string; label: string };

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function group<T extends { insightId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.insightId, [...(map.get(r.insightId) ?? []), r]);
  return map;
}

/**
 * Insights for a learning summary (insights are workspace material), window on creation, with
 * what backs them, redacted as every export is:
 * - excerpts only from logs shared with the whole workspace (a set or private log's words never
 *   leave, even when an insight quotes them);
 * - cases by reference code, journey events by kind, agency and month, never a description;
 * - actions only when not committed in a learning set.
 */
export async function listInsightsForExport(window: Omit<ExportWindow, "inquiryId">) {
  const conditions: SQL[] = [eq(insights.workspaceId, window.workspaceId)];
  if (window.from !== undefined) conditions.push(gte(insights.createdAt, window.from));
  if (window.to !== undefined) conditions.push(lte(insights.createdAt, window.to));
  const rows = await db().select().from(insights).where(and(...conditions)).orderBy(asc(insights.createdAt), asc(insights.id));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const q = <T>(promise: Promise<T>) => promise;
  const [inquiryLinks, excerpts, caseLinks, eventLinks, spendLinks, costLinks, indicatorLinks, actionLinks, decisionLinks] = await Promise.all([
    q(db().select({ insightId: insightInquiries.insightId, id: insightInquiries.inquiryId }).from(insightInquiries).where(inArray(insightInquiries.insightId, ids))),
    q(
      db()
        .select({ insightId: insightExcerpts.insightId, logId: logs.id, logTitle: logs.title, text: insightExcerpts.text, removedAt: insightExcerpts.removedAt })
        .from(insightExcerpts)
        .innerJoin(logs, eq(logs.id, insightExcerpts.logId))
        .where(and(inArray(insightExcerpts.insightId, ids), eq(logs.visibility, "workspace"), isNull(logs.deletedAt)))
        .orderBy(asc(insightExcerpts.createdAt)),
    ),
    q(
      db()
        .select({ insightId: insightCases.insightId, id: cases.id, reference: cases.reference })
        .from(insightCases)
        .innerJoin(cases, eq(cases.id, insightCases.caseId))
        .where(and(inArray(insightCases.insightId, ids), eq(cases.workspaceId, window.workspaceId))),
    ),
    q(
      db()
        .select({ insightId: insightJourneyEvents.insightId, id: journeyEvents.id, kind: journeyEvents.kind, occurredOn: journeyEvents.occurredOn, agency: agencies.name, reference: cases.reference })
        .from(insightJourneyEvents)
        .innerJoin(journeyEvents, eq(journeyEvents.id, insightJourneyEvents.journeyEventId))
        .innerJoin(cases, eq(cases.id, journeyEvents.caseId))
        .leftJoin(agencies, eq(agencies.id, journeyEvents.agencyId))
        .where(and(inArray(insightJourneyEvents.insightId, ids), eq(journeyEvents.workspaceId, window.workspaceId))),
    ),
    q(
      db()
        .select({ insightId: insightSpendLines.insightId, id: spendLines.id, service: spendLines.service, year: spendLines.financialYear, amount: spendLines.amountPence, agency: agencies.name })
        .from(insightSpendLines)
        .innerJoin(spendLines, eq(spendLines.id, insightSpendLines.spendLineId))
        .leftJoin(agencies, eq(agencies.id, spendLines.agencyId))
        .where(and(inArray(insightSpendLines.insightId, ids), eq(spendLines.workspaceId, window.workspaceId))),
    ),
    q(
      db()
        .select({ insightId: insightUnitCosts.insightId, id: unitCosts.id, description: unitCosts.description, unit: unitCosts.unit, cost: unitCosts.fiscalCostPence, priceYear: unitCosts.priceYear, source: unitCosts.source })
        .from(insightUnitCosts)
        .innerJoin(unitCosts, eq(unitCosts.id, insightUnitCosts.unitCostId))
        .where(and(inArray(insightUnitCosts.insightId, ids), eq(unitCosts.workspaceId, window.workspaceId))),
    ),
    q(
      db()
        .select({ insightId: insightIndicators.insightId, id: indicators.id, name: indicators.name })
        .from(insightIndicators)
        .innerJoin(indicators, eq(indicators.id, insightIndicators.indicatorId))
        .where(and(inArray(insightIndicators.insightId, ids), eq(indicators.workspaceId, window.workspaceId))),
    ),
    q(
      db()
        .select({ insightId: insightActions.insightId, id: actions.id, description: actions.description })
        .from(insightActions)
        .innerJoin(actions, eq(actions.id, insightActions.actionId))
        .where(and(inArray(insightActions.insightId, ids), eq(actions.workspaceId, window.workspaceId), isNull(actions.setId), isNull(actions.meetingId))),
    ),
    q(
      db()
        .select({ insightId: insightDecisions.insightId, id: decisions.id, decision: decisions.decision })
        .from(insightDecisions)
        .innerJoin(decisions, eq(decisions.id, insightDecisions.decisionId))
        .where(and(inArray(insightDecisions.insightId, ids), eq(decisions.workspaceId, window.workspaceId))),
    ),
  ]);
  const byInquiry = group(inquiryLinks);
  const byExcerpt = group(excerpts);
  const evidence = new Map<string, ExportEvidence[]>();
  const add = (insightId: string, item: ExportEvidence) => evidence.set(insightId, [...(evidence.get(insightId) ?? []), item]);
  for (const c of caseLinks) add(c.insightId, { type: "case", id: c.id, label: `Case ${c.reference}` });
  for (const e of eventLinks) add(e.insightId, { type: "journey_event", id: e.id, label: `Case ${e.reference}: ${e.kind}${e.agency ? ` by ${e.agency}` : ""}, ${MONTH.format(e.occurredOn)}` });
  for (const s of spendLinks) add(s.insightId, { type: "spend_line", id: s.id, label: `Spend ${financialYearLabel(s.year)}: ${[s.agency, s.service].filter(Boolean).join(", ") || "unnamed service"}, ${formatPence(s.amount)}` });
  for (const u of costLinks) add(u.insightId, { type: "unit_cost", id: u.id, label: `Unit cost: ${u.description}, ${formatPence(u.cost)} per ${u.unit} (${u.priceYear} prices; ${u.source})` });
  for (const i of indicatorLinks) add(i.insightId, { type: "indicator", id: i.id, label: `Indicator: ${i.name}` });
  for (const a of actionLinks) add(a.insightId, { type: "action", id: a.id, label: `Action: ${a.description}` });
  for (const d of decisionLinks) add(d.insightId, { type: "decision", id: d.id, label: `Decision: ${d.decision}` });
  return rows.map((r) => ({
    id: r.id,
    statement: r.statement,
    kind: r.kind,
    status: r.status,
    confidence: r.confidence,
    barrierLevel: r.barrierLevel,
    relayedTo: r.relayedTo,
    createdAt: r.createdAt,
    inquiryIds: (byInquiry.get(r.id) ?? []).map((l) => l.id),
    excerpts: (byExcerpt.get(r.id) ?? []).map((e) => ({ logId: e.logId, logTitle: e.logTitle, text: e.text, removedFromLog: e.removedAt !== null })),
    evidence: evidence.get(r.id) ?? [],
  }));
}
