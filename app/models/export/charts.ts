import { scaleBand, scaleLinear } from "d3-scale";

import type { LearningSummary } from "./export.schema";
import { KIND_LABELS, STATUS_LABELS } from "./labels";
import type { Chart } from "./outline";
import { escapeHtml } from "./render-html";

const STATUSES = ["emerging", "tested", "adopted", "dropped"] as const;
// Fills differ in lightness and in pattern, so the statuses read apart without colour (WCAG 1.4.1).
const FILLS: Record<(typeof STATUSES)[number], { fill: string; pattern: string | null }> = {
  emerging: { fill: "#9fc3e6", pattern: "dots" },
  tested: { fill: "#1d70b8", pattern: "hatch" },
  adopted: { fill: "#003078", pattern: null },
  dropped: { fill: "#b1b4b6", pattern: "cross" },
};

function patterns(): string {
  return `<defs>
<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${FILLS.emerging.fill}"/><circle cx="3" cy="3" r="1.2" fill="#0b0c0c"/></pattern>
<pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${FILLS.tested.fill}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>
<pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${FILLS.dropped.fill}"/><path d="M0 0L6 6M6 0L0 6" stroke="#0b0c0c" stroke-width="0.8"/></pattern>
</defs>`;
}

function fillFor(status: (typeof STATUSES)[number]): string {
  const f = FILLS[status];
  return f.pattern ? `url(#p-${f.pattern})` : f.fill;
}

/**
 * Insights by kind, stacked by status: how far the board's learning has been tested and taken up.
 * A pure function returning SVG, so the page and every export show the same picture.
 */
export function insightStatusChart(insights: LearningSummary["insights"], title = "Insights by kind and status"): Chart | null {
  if (insights.length === 0) return null;
  const kinds = (["finding", "barrier", "opportunity", "question"] as const).filter((k) => insights.some((n) => n.kind === k));
  const width = 600;
  const margin = { top: 16, right: 24, bottom: 64, left: 110 };
  const rowHeight = 34;
  const height = margin.top + kinds.length * rowHeight + margin.bottom;
  const counts = kinds.map((kind) => ({ kind, byStatus: STATUSES.map((s) => insights.filter((n) => n.kind === kind && n.status === s).length) }));
  const max = Math.max(1, ...counts.map((c) => c.byStatus.reduce((a, b) => a + b, 0)));
  const x = scaleLinear().domain([0, max]).range([margin.left, width - margin.right]);
  const y = scaleBand<string>().domain(kinds).range([margin.top, margin.top + kinds.length * rowHeight]).padding(0.25);
  const bars = counts
    .map(({ kind, byStatus }) => {
      let start = 0;
      const segments = byStatus
        .map((n, i) => {
          if (n === 0) return "";
          const x0 = x(start);
          start += n;
          const w = x(start) - x0;
          const status = STATUSES[i];
          return `<rect x="${x0.toFixed(1)}" y="${(y(kind) ?? 0).toFixed(1)}" width="${w.toFixed(1)}" height="${y.bandwidth().toFixed(1)}" fill="${fillFor(status)}" stroke="#0b0c0c" stroke-width="0.5"><title>${escapeHtml(`${KIND_LABELS[kind]}, ${STATUS_LABELS[status]}: ${n}`)}</title></rect>`;
        })
        .join("");
      const total = byStatus.reduce((a, b) => a + b, 0);
      const labelY = (y(kind) ?? 0) + y.bandwidth() / 2 + 4;
      return `<text x="${margin.left - 8}" y="${labelY.toFixed(1)}" text-anchor="end" font-size="13">${escapeHtml(KIND_LABELS[kind])}</text>${segments}<text x="${(x(total) + 6).toFixed(1)}" y="${labelY.toFixed(1)}" font-size="12">${total}</text>`;
    })
    .join("");
  const legendY = height - 28;
  const legend = STATUSES.map((s, i) => {
    const lx = margin.left + i * 110;
    return `<rect x="${lx}" y="${legendY}" width="14" height="14" fill="${fillFor(s)}" stroke="#0b0c0c" stroke-width="0.5"/><text x="${lx + 20}" y="${legendY + 12}" font-size="12">${STATUS_LABELS[s]}</text>`;
  }).join("");
  const alt = counts
    .map(({ kind, byStatus }) => `${KIND_LABELS[kind]}: ${STATUSES.map((s, i) => `${byStatus[i]} ${STATUS_LABELS[s].toLowerCase()}`).join(", ")}`)
    .join("; ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${title}. ${alt}`)}" font-family="Arial, Helvetica, sans-serif">${patterns()}<rect width="${width}" height="${height}" fill="#ffffff"/>${bars}<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + kinds.length * rowHeight}" stroke="#0b0c0c"/>${legend}</svg>`;
  return { title, svg, alt, width, height };
}
