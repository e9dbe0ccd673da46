import { stackedBarsSvg } from "./spend-charts";
import { getPlaceCount } from "./spend.server";

const CHART_WIDTH = 760;

/** The place count for a learning summary: totals, the vulnerable-family share and the agency chart. */
export async function placeCountForExport(workspaceId: string) {
  const count = await getPlaceCount(workspaceId);
  const svg = count.total.lines > 0 ? stackedBarsSvg(count.agencyCategory, { id: "export-spend-agency", title: "Spend by agency, stacked by category", width: CHART_WIDTH }) : null;
  const height = svg ? Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)?.[1] ?? /height="([\d.]+)"/.exec(svg)?.[1] ?? 400) : 0;
  return {
    lines: count.total.lines,
    totalPence: count.total.pence,
    vulnerablePence: count.total.vulnerablePence,
    vulnerableBp: count.total.vulnerableBp,
    byAgency: count.byAgency.map((g) => ({ label: g.label, pence: g.pence, vulnerablePence: g.vulnerablePence })),
    chart: svg ? { svg, width: CHART_WIDTH, height } : null,
  };
}
