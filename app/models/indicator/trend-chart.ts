import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";

import { displayDecimal } from "./decimal";
import type { Forecast, TrendPoint } from "./trend";

export type TrendChartInput = {
  title: string;
  unit: string;
  points: TrendPoint[];
  baseline?: { period: string; value: string; micros: number } | null;
  target?: { period: string; value: string; micros: number } | null;
  forecast?: Forecast | null;
};

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
const MARGIN = { top: 24, right: 120, bottom: 40, left: 56 };

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The indicator's trend as a self-contained SVG string (server-rendered, so it also goes into
 * exports). Every mark carries data-* attributes naming what it shows, and the lines differ by
 * dash pattern and label as well as colour, so the chart does not rely on colour alone. The page
 * shows the same values as a table.
 */
export function renderTrendChart(input: TrendChartInput): string {
  const points = [...input.points].sort((a, b) => a.start - b.start);
  const innerW = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const innerH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const ys = [...points.map((p) => p.micros / 1e6)];
  if (input.baseline) ys.push(input.baseline.micros / 1e6);
  if (input.target) ys.push(input.target.micros / 1e6);
  if (input.forecast) ys.push(input.forecast.from.value, input.forecast.to.value);
  const xs = points.map((p) => p.start);
  if (input.forecast) xs.push(input.forecast.to.start);
  const minY = Math.min(0, ...ys);
  const maxY = Math.max(...ys, minY + 1);
  const y = scaleLinear().domain([minY, maxY]).nice().range([innerH, 0]);
  const minX = xs.length ? Math.min(...xs) : Date.UTC(2000, 0, 1);
  const maxX = xs.length ? Math.max(...xs) : minX;
  const x = scaleUtc()
    .domain([new Date(minX), new Date(maxX === minX ? minX + 365 * 24 * 3600 * 1000 : maxX)])
    .range([0, innerW]);
  const px = (start: number) => round(MARGIN.left + x(new Date(start)));
  const py = (value: number) => round(MARGIN.top + y(value));
  const path = line<[number, number]>()
    .x((d) => d[0])
    .y((d) => d[1]);

  const unit = input.unit ? ` ${escapeXml(input.unit)}` : "";
  const parts: string[] = [];
  const desc = points.length
    ? `${points.length} values from ${points[0].period} to ${points[points.length - 1].period}.`
    : "No values yet.";
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="100%" role="img" aria-labelledby="trend-title trend-desc" class="trend-chart">`,
    `<title id="trend-title">${escapeXml(input.title)}</title>`,
    `<desc id="trend-desc">${escapeXml(desc)} The same values are listed in the table below the chart.</desc>`,
  );

  parts.push(`<g data-axis="y" font-size="11" fill="#334155">`);
  for (const tick of y.ticks(5)) {
    const ty = py(tick);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + innerW}" y1="${ty}" y2="${ty}" stroke="#e2e8f0"/>`,
      `<text x="${MARGIN.left - 6}" y="${ty + 4}" text-anchor="end">${escapeXml(tick.toLocaleString("en-GB"))}</text>`,
    );
  }
  parts.push(`</g>`);

  parts.push(`<g data-axis="x" font-size="11" fill="#334155">`);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % labelEvery !== 0 && i !== points.length - 1) return;
    parts.push(`<text x="${px(p.start)}" y="${MARGIN.top + innerH + 18}" text-anchor="middle">${escapeXml(p.period)}</text>`);
  });
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + innerW}" y1="${MARGIN.top + innerH}" y2="${MARGIN.top + innerH}" stroke="#64748b"/>`);
  parts.push(`</g>`);

  const reference = (kind: "baseline" | "target", ref: NonNullable<TrendChartInput["baseline"]>, dash: string, colour: string) => {
    const ry = py(ref.micros / 1e6);
    const label = `${kind === "baseline" ? "Baseline" : "Target"} ${displayDecimal(ref.value)} (${ref.period})`;
    parts.push(
      `<g data-series="${kind}" data-value="${escapeXml(ref.value)}" data-period="${escapeXml(ref.period)}">`,
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + innerW}" y1="${ry}" y2="${ry}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`,
      `<text x="${MARGIN.left + innerW + 6}" y="${ry + 4}" font-size="11" fill="${colour}">${escapeXml(label)}</text>`,
      `</g>`,
    );
  };
  if (input.baseline) reference("baseline", input.baseline, "2 4", "#475569");
  if (input.target) reference("target", input.target, "10 4", "#166534");

  if (input.forecast) {
    const f = input.forecast;
    const d = path([
      [px(f.from.start), py(f.from.value)],
      [px(f.to.start), py(f.to.value)],
    ]);
    parts.push(
      `<g data-series="forecast" data-method="least-squares" data-points-used="${f.pointsUsed}">`,
      `<path d="${d}" fill="none" stroke="#9a3412" stroke-width="2" stroke-dasharray="6 3 1 3"/>`,
      `<text x="${px(f.to.start) + 6}" y="${py(f.to.value) + 4}" font-size="11" fill="#9a3412">Forecast</text>`,
      `</g>`,
    );
  }

  if (points.length) {
    const d = path(points.map((p) => [px(p.start), py(p.micros / 1e6)]));
    parts.push(`<g data-series="values"><path d="${d}" fill="none" stroke="#1d4ed8" stroke-width="2.5"/>`);
    for (const p of points) {
      parts.push(
        `<circle cx="${px(p.start)}" cy="${py(p.micros / 1e6)}" r="4" fill="#1d4ed8" data-period="${escapeXml(p.period)}" data-value="${escapeXml(p.value)}"><title>${escapeXml(`${p.period}: ${displayDecimal(p.value)}`)}${unit}</title></circle>`,
      );
    }
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  return parts.join("");
}
