import { and, asc, eq, inArray } from "drizzle-orm";

import { indicators, indicatorValues } from "../../../db/schema/indicators";
import { db } from "../../utils/db.server";
import { uniqueSvgIds } from "../../utils/svg-ids";
import { displayDecimal } from "./decimal";
import { forecastTrend, judgeTrend } from "./trend";
import { CHART_HEIGHT, CHART_WIDTH, renderTrendChart } from "./trend-chart";

/**
 * Every outcome indicator of the workspace for a learning summary: its values, the plain-words
 * verdict and the same trend chart the indicator's page draws. Indicators are aggregate, public
 * measures: nothing here is about one family.
 */
export async function listIndicatorsForExport(workspaceId: string, onlyIds?: string[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  const where = onlyIds ? and(eq(indicators.workspaceId, workspaceId), inArray(indicators.id, onlyIds)) : eq(indicators.workspaceId, workspaceId);
  const rows = await db().select().from(indicators).where(where).orderBy(asc(indicators.name));
  const ids = rows.map((r) => r.id);
  const values = ids.length
    ? await db().select().from(indicatorValues).where(inArray(indicatorValues.indicatorId, ids)).orderBy(asc(indicatorValues.periodStart))
    : [];
  return rows.map((indicator) => {
    const own = values.filter((v) => v.indicatorId === indicator.id);
    const points = own.map((v) => ({ period: v.period, start: v.periodStart, value: v.value, micros: v.valueMicros }));
    const baseline =
      indicator.baselinePeriod && indicator.baselineValue !== null && indicator.baselineMicros !== null
        ? { period: indicator.baselinePeriod, value: indicator.baselineValue, micros: indicator.baselineMicros }
        : null;
    const target =
      indicator.targetPeriod && indicator.targetValue !== null && indicator.targetMicros !== null
        ? { period: indicator.targetPeriod, value: indicator.targetValue, micros: indicator.targetMicros }
        : null;
    const verdict = judgeTrend(points, indicator.polarity, indicator.unit);
    return {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      polarity: indicator.polarity,
      story: indicator.story,
      verdict: verdict.headline,
      values: own.map((v) => ({ period: v.period, value: displayDecimal(v.value), source: v.source })),
      chart: {
        svg: renderTrendChart({ title: `${indicator.name}: values over time`, unit: indicator.unit, points, baseline, target, forecast: forecastTrend(points, null) }),
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
      },
    };
  });
}

/** The trend (verdict and chart) of each of these indicators, for the inquiry's learning trail. */
export async function listIndicatorTrends(workspaceId: string, ids: string[]) {
  const found = await listIndicatorsForExport(workspaceId, ids);
  // Several charts on one page: each gets ids of its own.
  return Object.fromEntries(found.map((i, n) => [i.id, { verdict: i.verdict, svg: i.values.length ? uniqueSvgIds(i.chart.svg, `trail${n}`) : null }]));
}
