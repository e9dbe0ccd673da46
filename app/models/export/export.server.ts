import { uniqueSvgIds } from "../../utils/svg-ids";
import { recordAudit } from "../audit/audit.server";
import { listWorkspaceLogTags } from "../log/log-export.server";
import { insightStatusChart } from "./charts";
import { EXPORT_FILES } from "./export-files";
import type { ExportFormat, ExportQuery, LearningSummary } from "./export.schema";
import { buildOutline, type Chart } from "./outline";
import { renderActionsCsv, renderInsightsCsv } from "./render-csv";
import { renderDocx } from "./render-docx.server";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import { renderCodebook } from "./render-qdc.server";
import { collectLearningSummary, type SummaryRequest } from "./summary.server";

export type ExportFile = { body: string | Buffer; contentType: string; fileName: string };

/**
 * The pictures each format carries: per inquiry its insights by status and the trends of the
 * indicators its insights are linked to; across the workspace all insights, the place count's
 * spend by agency, and every indicator's trend.
 */
function chartsFor(summary: LearningSummary, drawn: { indicators: Map<string, Chart>; spend: Chart | null; journeys: Map<string, Chart> }) {
  const byInquiry = new Map<string, Chart[]>();
  for (const inquiry of summary.inquiries) {
    const own = summary.insights.filter((n) => inquiry.insights.includes(n.id));
    const charts: Chart[] = [];
    const status = insightStatusChart(own, "Insights on this inquiry by kind and status");
    if (status) charts.push(status);
    const linked = new Set(own.flatMap((n) => n.evidence.filter((e) => e.type === "indicator").map((e) => e.id)));
    for (const id of linked) {
      const trend = drawn.indicators.get(id);
      if (trend) charts.push(trend);
    }
    const cases = new Set(own.flatMap((n) => n.evidence.filter((e) => e.type === "case").map((e) => e.id)));
    for (const id of cases) {
      const journey = drawn.journeys.get(id);
      if (journey) charts.push(journey);
    }
    if (charts.length) byInquiry.set(inquiry.id, charts);
  }
  const overall = insightStatusChart(summary.insights);
  const numbered = (chart: Chart, n: number): Chart => ({ ...chart, svg: uniqueSvgIds(chart.svg, `c${n}`) });
  let n = 0;
  for (const [id, charts] of byInquiry) byInquiry.set(id, charts.map((c) => numbered(c, n++)));
  const evidence = [...(overall ? [overall] : []), ...(drawn.spend ? [drawn.spend] : []), ...drawn.journeys.values()].map((c) => numbered(c, n++));
  const indicators = new Map([...drawn.indicators].map(([id, c]) => [id, numbered(c, n++)]));
  return { byInquiry, evidence, indicators };
}


function fileName(summary: LearningSummary, format: ExportFormat): string {
  const day = summary.generatedAt.slice(0, 10);
  return `${summary.workspace.slug}-${day}-${EXPORT_FILES[format].path}`;
}

/** What an export contained, for its audit record: counts and ids, never the content itself. */
function contents(summary: LearningSummary, format: ExportFormat) {
  if (format === "qdc") return { codebook: true };
  return {
    inquiries: summary.inquiries.map((i) => i.id),
    logs: summary.logs.map((l) => l.id),
    insights: summary.insights.length,
    actions: summary.actions.length,
    decisions: summary.decisions.length,
    sets: summary.method.sets.length,
  };
}

/**
 * Builds one export file of the learning summary and records who exported what. The caller has
 * checked `export:create`; the summary itself holds only workspace material, redacted.
 */
export async function createExport(
  request: SummaryRequest & { format: ExportFormat; ipAddress?: string | null },
): Promise<ExportFile> {
  const { summary, charts } = await collectLearningSummary(request);
  const { format } = request;
  let body: string | Buffer;
  switch (format) {
    case "docx":
      body = await renderDocx(buildOutline(summary, chartsFor(summary, charts)));
      break;
    case "md":
      body = renderMarkdown(buildOutline(summary, chartsFor(summary, charts)));
      break;
    case "html":
      body = renderHtml(buildOutline(summary, chartsFor(summary, charts)));
      break;
    case "json":
      body = `${JSON.stringify({ $schema: `/w/${summary.workspace.slug}/export/summary.schema.json`, ...summary }, null, 2)}\n`;
      break;
    case "insights-csv":
      body = renderInsightsCsv(summary);
      break;
    case "actions-csv":
      body = renderActionsCsv(summary);
      break;
    case "qdc":
      body = renderCodebook({
        workspaceId: summary.workspace.id,
        workspaceName: summary.workspace.name,
        tags: await listWorkspaceLogTags(summary.workspace.id),
      });
      break;
  }
  await recordAudit({
    kind: "export.created",
    workspaceId: request.workspace.id,
    actorUserId: request.exporter.userId,
    targetType: "export",
    targetId: EXPORT_FILES[format].path,
    detail: {
      format: EXPORT_FILES[format].path,
      filters: summary.filters,
      bytes: Buffer.byteLength(body),
      contained: contents(summary, format),
    },
    ipAddress: request.ipAddress ?? null,
  });
  return {
    body,
    contentType: EXPORT_FILES[format].contentType,
    fileName: fileName(summary, format),
  };
}

export type { ExportQuery };
