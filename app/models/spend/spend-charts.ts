import { scaleBand, scaleLinear } from "d3-scale";

import { formatFinancialYear } from "./spend-dates";
import { SPEND_CATEGORY_KEYS, SPEND_CATEGORY_LABELS, type SpendCategory } from "./spend-labels";
import { formatWholePounds } from "./spend-money";

/*
 * Server-rendered charts as pure functions returning SVG text, so the same picture can go into
 * pages and exports. Each category has a colour *and* a pattern, and the legend shows both with
 * the name, so nothing relies on colour alone; every bar carries its exact figure in data-pence
 * and a <title>, and pages put a table beside each chart.
 */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}

const STYLE: Record<SpendCategory, { colour: string; mark: string }> = {
  children_and_families: { colour: "#1d4ed8", mark: "" },
  adults: { colour: "#b45309", mark: `<path d="M0 8 L8 0" stroke="#000" stroke-width="1.5"/>` },
  education: { colour: "#047857", mark: `<circle cx="4" cy="4" r="1.6" fill="#000"/>` },
  justice: { colour: "#7c3aed", mark: `<path d="M0 4 H8" stroke="#000" stroke-width="1.5"/>` },
  health: { colour: "#be123c", mark: `<path d="M4 0 V8" stroke="#000" stroke-width="1.5"/>` },
  housing: { colour: "#0e7490", mark: `<path d="M0 0 L8 8" stroke="#000" stroke-width="1.5"/>` },
  welfare: {
    colour: "#a16207",
    mark: `<path d="M0 0 L8 8 M8 0 L0 8" stroke="#000" stroke-width="1"/>`,
  },
  universal: {
    colour: "#94a3b8",
    mark: `<path d="M0 4 H8 M4 0 V8" stroke="#000" stroke-width="1"/>`,
  },
};

function patterns(prefix: string, categories: SpendCategory[]): string {
  return categories
    .map(
      (c) =>
        `<pattern id="${prefix}-${c}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${STYLE[c].colour}"/>${STYLE[c].mark}</pattern>`,
    )
    .join("");
}

function legend(
  prefix: string,
  categories: SpendCategory[],
  x: number,
  y: number,
  width: number,
): { svg: string; height: number } {
  const itemWidth = 200;
  const perRow = Math.max(1, Math.floor(width / itemWidth));
  const items = categories.map((c, i) => {
    const ix = x + (i % perRow) * itemWidth;
    const iy = y + Math.floor(i / perRow) * 22;
    return `<g class="legend-item" data-category="${c}"><rect x="${ix}" y="${iy}" width="16" height="16" fill="url(#${prefix}-${c})" stroke="#000"/><text x="${ix + 22}" y="${iy + 13}" font-size="13">${escapeXml(SPEND_CATEGORY_LABELS[c])}</text></g>`;
  });
  return {
    svg: `<g class="legend">${items.join("")}</g>`,
    height: Math.ceil(categories.length / perRow) * 22,
  };
}

export type StackedBar = {
  key: string;
  label: string;
  segments: Array<{ category: SpendCategory; pence: number }>;
};

/**
 * One horizontal bar per group (agency), stacked by category. Credits can make a segment
 * negative; bars draw the positive spend and their label states the net total.
 */
export function stackedBarsSvg(
  bars: StackedBar[],
  options: { title: string; id: string; width?: number },
): string {
  const width = options.width ?? 760;
  const labelWidth = 250;
  const valueWidth = 110;
  const rowHeight = 30;
  const top = 10;
  const used = SPEND_CATEGORY_KEYS.filter((c) =>
    bars.some((b) => b.segments.some((s) => s.category === c && s.pence > 0)),
  );
  const max = Math.max(
    1,
    ...bars.map((b) => b.segments.reduce((sum, s) => sum + Math.max(0, s.pence), 0)),
  );
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - labelWidth - valueWidth]);
  const y = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([top, top + bars.length * rowHeight])
    .paddingInner(0.25);
  const rows = bars.map((bar) => {
    let at = labelWidth;
    const barY = y(bar.key) ?? 0;
    const segs = bar.segments
      .filter((s) => s.pence > 0)
      .map((s) => {
        const w = x(s.pence);
        const rect = `<rect class="segment" data-group="${escapeXml(bar.key)}" data-category="${s.category}" data-pence="${s.pence}" x="${at.toFixed(2)}" y="${barY.toFixed(2)}" width="${w.toFixed(2)}" height="${y.bandwidth().toFixed(2)}" fill="url(#${options.id}-${s.category})" stroke="#fff" stroke-width="0.5"><title>${escapeXml(`${bar.label}, ${SPEND_CATEGORY_LABELS[s.category]}: ${formatWholePounds(s.pence)}`)}</title></rect>`;
        at += w;
        return rect;
      })
      .join("");
    const net = bar.segments.reduce((sum, s) => sum + s.pence, 0);
    const label = bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label;
    return `<g class="bar" data-group="${escapeXml(bar.key)}" data-pence="${net}"><text x="${labelWidth - 8}" y="${(barY + y.bandwidth() / 2 + 4).toFixed(2)}" text-anchor="end" font-size="13">${escapeXml(label)}</text>${segs}<text class="bar-total" x="${(at + 6).toFixed(2)}" y="${(barY + y.bandwidth() / 2 + 4).toFixed(2)}" font-size="13">${escapeXml(formatWholePounds(net))}</text></g>`;
  });
  const legendTop = top + bars.length * rowHeight + 14;
  const key = legend(options.id, used, labelWidth, legendTop, width - labelWidth);
  const height = legendTop + key.height + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${options.id}-title"><title id="${options.id}-title">${escapeXml(options.title)}</title><defs>${patterns(options.id, used)}</defs>${rows.join("")}${key.svg}</svg>`;
}

export type YearBar = { year: number; pence: number; vulnerablePence: number };

/**
 * Spend by financial year: a bar per year, its vulnerable-family part hatched at its foot, each
 * labelled with its total directly so the legend is only a reminder.
 */
export function yearTrendSvg(
  years: YearBar[],
  options: { title: string; id: string; width?: number; height?: number },
): string {
  const width = options.width ?? 760;
  const height = options.height ?? 300;
  const margin = { top: 24, right: 16, bottom: 70, left: 16 };
  const max = Math.max(1, ...years.map((y) => y.pence));
  const x = scaleBand<number>()
    .domain(years.map((y) => y.year))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - margin.bottom, margin.top]);
  const base = height - margin.bottom;
  const bars = years.map((d) => {
    const bx = x(d.year) ?? 0;
    const top = y(Math.max(0, d.pence));
    const vTop = y(Math.max(0, Math.min(d.vulnerablePence, d.pence)));
    const label = formatFinancialYear(d.year);
    return `<g class="year" data-year="${d.year}" data-pence="${d.pence}" data-vulnerable-pence="${d.vulnerablePence}"><rect class="total" x="${bx.toFixed(2)}" y="${top.toFixed(2)}" width="${x.bandwidth().toFixed(2)}" height="${(base - top).toFixed(2)}" fill="#cbd5e1" stroke="#334155"><title>${escapeXml(`${label}: ${formatWholePounds(d.pence)}`)}</title></rect><rect class="vulnerable" x="${bx.toFixed(2)}" y="${vTop.toFixed(2)}" width="${x.bandwidth().toFixed(2)}" height="${(base - vTop).toFixed(2)}" fill="url(#${options.id}-vulnerable)" stroke="#334155"><title>${escapeXml(`${label}, vulnerable families: ${formatWholePounds(d.vulnerablePence)}`)}</title></rect><text x="${(bx + x.bandwidth() / 2).toFixed(2)}" y="${(top - 6).toFixed(2)}" text-anchor="middle" font-size="12">${escapeXml(formatWholePounds(d.pence))}</text><text x="${(bx + x.bandwidth() / 2).toFixed(2)}" y="${base + 18}" text-anchor="middle" font-size="13">${label}</text></g>`;
  });
  const ly = height - 28;
  const key = `<g class="legend"><rect x="${margin.left}" y="${ly}" width="16" height="16" fill="#cbd5e1" stroke="#334155"/><text x="${margin.left + 22}" y="${ly + 13}" font-size="13">All spend</text><rect x="${margin.left + 130}" y="${ly}" width="16" height="16" fill="url(#${options.id}-vulnerable)" stroke="#334155"/><text x="${margin.left + 152}" y="${ly + 13}" font-size="13">Share spent on vulnerable families (hatched)</text></g>`;
  const pattern = `<pattern id="${options.id}-vulnerable" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#1d4ed8"/><path d="M0 8 L8 0" stroke="#fff" stroke-width="2"/></pattern>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${options.id}-title"><title id="${options.id}-title">${escapeXml(options.title)}</title><defs>${pattern}</defs><line x1="${margin.left}" x2="${width - margin.right}" y1="${base}" y2="${base}" stroke="#334155"/>${bars.join("")}${key}</svg>`;
}
