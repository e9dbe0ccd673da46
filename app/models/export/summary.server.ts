import { startOfLondonDay } from "../../utils/dates";
import { listWorkspaceActionsForExport, countSetActions } from "../action/action-export.server";
import { journeyChartsForExport, summariseCaseEvidence } from "../case/case-export.server";
import { getCaseSettings } from "../case/case.server";
import { listDecisions } from "../decision/decision.server";
import { listIndicatorsForExport } from "../indicator/indicator-export.server";
import { listInquiries } from "../inquiry/inquiry.server";
import { listInsightsForExport } from "../insight/insight-export.server";
import { listWorkspaceLogsForExport } from "../log/log-export.server";
import { utcDayToInput } from "../meeting/london-time";
import { listSetMethodFacts } from "../set/set-export.server";
import { placeCountForExport } from "../spend/spend-export.server";
import { disclose } from "./disclosure";
import { learningSummarySchema, type ExportQuery, type LearningSummary } from "./export.schema";
import { formatPence } from "./labels";
import type { Chart } from "./outline";

export type SummaryRequest = {
  workspace: { id: string; slug: string; name: string; description: string };
  /** Who asked; their own reads decide nothing here: only workspace material is ever exported. */
  exporter: { userId: string; displayName: string };
  query: ExportQuery;
  now?: number;
};

function londonDayStart(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return startOfLondonDay(y, m, d);
}

function londonDayEnd(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return startOfLondonDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) - 1;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The learning summary: every inquiry (or the one asked for) with its workspace-visible logs,
 * insights, actions and decisions; barriers; case evidence in aggregate; the method appendix.
 * The result is checked against the published schema before anything is rendered from it.
 */
export async function buildLearningSummary(request: SummaryRequest): Promise<LearningSummary> {
  return (await collectLearningSummary(request)).summary;
}

/** The summary and the pictures that go with it (rendered by the same functions as the pages). */
export async function collectLearningSummary(request: SummaryRequest): Promise<{ summary: LearningSummary; charts: { indicators: Map<string, Chart>; spend: Chart | null; journeys: Map<string, Chart> } }> {
  const { workspace, query } = request;
  const now = request.now ?? Date.now();
  const from = query.from ? londonDayStart(query.from) : undefined;
  const to = query.to ? londonDayEnd(query.to) : undefined;
  const window = { workspaceId: workspace.id, inquiryId: query.inquiry, from, to };
  const base = `/w/${workspace.slug}`;

  const [allInquiries, logs, allInsights, actions, allDecisions, setFacts, setActions, caseFacts, indicators, spend] =
    await Promise.all([
      listInquiries({ workspaceId: workspace.id, userId: request.exporter.userId }),
      listWorkspaceLogsForExport(window),
      listInsightsForExport(window),
      listWorkspaceActionsForExport(window),
      listDecisions(workspace.id),
      listSetMethodFacts(workspace.id, { from, to, now }),
      countSetActions(workspace.id, { from, to }),
      summariseCaseEvidence(workspace.id, { from, to }, await highTariffRule(workspace.id)),
      listIndicatorsForExport(workspace.id),
      placeCountForExport(workspace.id),
    ]);

  const inquiries = allInquiries.filter((i) => !query.inquiry || i.id === query.inquiry);
  const insights = allInsights.filter(
    (i) => !query.inquiry || i.inquiryIds.includes(query.inquiry),
  );
  const decisions = allDecisions.filter((d) => {
    if (query.inquiry && !d.inquiries.some((i) => i.id === query.inquiry)) return false;
    if (from !== undefined && d.decidedOn < from) return false;
    if (to !== undefined && d.decidedOn > to) return false;
    return true;
  });

  const summary: LearningSummary = {
    schemaVersion: "1.0",
    workspace: {
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      description: workspace.description,
    },
    generatedAt: iso(now),
    generatedBy: request.exporter.displayName,
    filters: { inquiryId: query.inquiry ?? null, from: query.from ?? null, to: query.to ?? null },
    redaction: {
      visibility: "workspace logs only",
      cases: "reference codes and aggregates only",
      eventDescriptions: "omitted",
      smallCounts: 'counts under 5 shown as "fewer than 5"',
    },
    inquiries: inquiries.map((i) => ({
      id: i.id,
      url: `${base}/inquiries/${i.id}`,
      question: i.question,
      rationale: i.rationale,
      phase: i.phase,
      status: i.status,
      logs: logs.filter((l) => l.inquiryId === i.id).map((l) => l.id),
      insights: insights.filter((n) => n.inquiryIds.includes(i.id)).map((n) => n.id),
      actions: actions.filter((a) => a.inquiryId === i.id).map((a) => a.id),
      decisions: decisions.filter((d) => d.inquiries.some((q) => q.id === i.id)).map((d) => d.id),
    })),
    logs: logs.map((l) => ({
      id: l.id,
      title: l.title,
      url: `${base}/logs/${l.id}`,
      inquiryId: l.inquiryId,
      authors: l.authors,
      tags: l.tags,
      updatedAt: iso(l.updatedAt),
      opening: l.opening,
    })),
    insights: insights.map((n) => ({
      id: n.id,
      url: `${base}/insights/${n.id}`,
      statement: n.statement,
      kind: n.kind,
      status: n.status,
      confidence: n.confidence,
      barrierLevel: n.kind === "barrier" ? n.barrierLevel : null,
      relayedTo: n.relayedTo,
      inquiryIds: n.inquiryIds,
      excerpts: n.excerpts,
      evidence: n.evidence,
      createdAt: iso(n.createdAt),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      url: `${base}/actions#action-${a.id}`,
      description: a.description,
      status: a.status,
      owner: a.owner,
      dueOn: a.dueOn === null ? null : utcDayToInput(a.dueOn),
      inquiryId: a.inquiryId,
      reports: a.reports.map((r) => ({
        outcome: r.outcome,
        reflection: r.reflection,
        reportedAt: iso(r.createdAt),
      })),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      url: `${base}/decisions#decision-${d.id}`,
      decision: d.decision,
      rationale: d.rationale,
      owner: d.ownerName,
      decidedOn: utcDayToInput(d.decidedOn),
      reviewOn: d.reviewOn === null ? null : utcDayToInput(d.reviewOn),
      inquiryIds: d.inquiries.map((q) => q.id),
    })),
    barriers: {
      local: insights
        .filter((n) => n.kind === "barrier" && n.barrierLevel !== "national")
        .map((n) => n.id),
      national: insights
        .filter((n) => n.kind === "barrier" && n.barrierLevel === "national")
        .map((n) => n.id),
    },
    evidence: {
      cases: {
        families: disclose(caseFacts.families),
        highTariffFamilies: disclose(caseFacts.highTariffFamilies),
        journeyEvents: disclose(caseFacts.journeyEvents),
        agenciesInvolved: caseFacts.agenciesInvolved,
        costToDatePence: caseFacts.costToDatePence,
        // A locality's cost is shown only where its family count may be: a small area's cost could point at a family.
        byLocality: caseFacts.byLocality.map((l) => ({
          locality: l.locality,
          families: disclose(l.families),
          costPence: typeof disclose(l.families) === "number" ? l.costPence : null,
        })),
        linkedCaseReferences: [...new Set(insights.flatMap((n) => n.evidence.filter((e) => e.type === "case").map((e) => e.label.replace(/^Case /, ""))))].sort(),
      },
      spend: { lines: spend.lines, totalPence: spend.totalPence, vulnerablePence: spend.vulnerablePence, vulnerableBp: spend.vulnerableBp, byAgency: spend.byAgency },
      indicators: indicators.map(({ chart: _chart, ...rest }) => rest),
    },
    method: {
      sets: setFacts.map((s) => {
        const counts = setActions.get(s.id) ?? { committed: 0, done: 0 };
        return {
          name: s.name,
          participants: disclose(s.participants),
          meetingsHeld: s.meetingsHeld,
          attendancePercent: s.attendancePercent,
          actionsCommitted: disclose(counts.committed),
          actionsDone: disclose(counts.done),
        };
      }),
      meetingsHeld: setFacts.reduce((n, s) => n + s.meetingsHeld, 0),
      setActionsCommitted: disclose([...setActions.values()].reduce((n, c) => n + c.committed, 0)),
    },
  };
  const indicatorCharts = new Map<string, Chart>(
    indicators
      .filter((i) => i.values.length > 0)
      .map((i) => [i.id, { title: `${i.name}: values over time`, svg: i.chart.svg, width: i.chart.width, height: i.chart.height, alt: `${i.verdict}. Values: ${i.values.map((v) => `${v.period} ${v.value}`).join(", ")}.` }]),
  );
  const spendChart: Chart | null = spend.chart
    ? { title: "Spend by agency, stacked by category", svg: spend.chart.svg, width: spend.chart.width, height: spend.chart.height, alt: spend.byAgency.map((a) => `${a.label} ${formatPence(a.pence)}`).join("; ") }
    : null;
  const linkedCases = [...new Set(insights.flatMap((n) => n.evidence.filter((e) => e.type === "case").map((e) => e.id)))];
  const journeys = new Map<string, Chart>(
    [...(await journeyChartsForExport(workspace.id, linkedCases)).entries()].map(([id, j]) => [id, { title: `Journey of case ${j.reference}`, svg: j.svg, width: j.width, height: j.height, alt: j.alt }]),
  );
  return { summary: learningSummarySchema.parse(summary), charts: { indicators: indicatorCharts, spend: spendChart, journeys } };
}

/** The workspace's own high-tariff rule (criteria page; the case domain's defaults until set). */
async function highTariffRule(workspaceId: string) {
  const { minCriteria, minAgencies } = await getCaseSettings(workspaceId);
  return { minCriteria, minAgencies };
}
