import { scaleLinear, scaleUtc } from "d3-scale";
import { curveStepAfter, line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, type SymbolType } from "d3-shape";
import { utcMonth, utcYear } from "d3-time";
import { utcFormat } from "d3-time-format";

import type { EventApproach, JourneyEventKind } from "../../../db/schema/cases";
import { KIND_LABELS } from "./case-labels";
import { formatPenceShort } from "./money";

/*
 * The journey picture as a pure function returning an SVG string, so the case page and exports
 * render the same drawing. d3 supplies the scales, ticks, symbols and the cost line; only the
 * swim-lane layout is ours. Kinds differ by shape (and colour as a second cue); reactive events
 * are filled and preventative ones hollow, so nothing depends on colour alone.
 */

export type ChartLane = { id: string; name: string };
export type ChartEvent = { id: string; occurredOn: number; laneId: string; kind: JourneyEventKind; approach: EventApproach; costPence: number | null };

export type JourneyChartInput = { title: string; lanes: ChartLane[]; events: ChartEvent[]; width?: number };

const KIND_SYMBOLS: Record<JourneyEventKind, SymbolType> = {
  referral: symbolTriangle,
  assessment: symbolDiamond,
  intervention: symbolSquare,
  contact: symbolCircle,
  crisis: symbolStar,
  outcome: symbolCross,
};

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const KIND_COLOURS: Record<JourneyEventKind, string> = {
  referral: "#0072B2",
  assessment: "#D55E00",
  intervention: "#009E73",
  contact: "#6b5a00",
  crisis: "#CC0000",
  outcome: "#7a3b8f",
};

const KINDS = Object.keys(KIND_SYMBOLS) as JourneyEventKind[];
const LABEL_WIDTH = 250;
const LANE_HEIGHT = 26;
const TOP = 34;
const COST_HEIGHT = 120;
const LEGEND_HEIGHT = 64;
const RIGHT = 70;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

function truncate(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function symbolPath(kind: JourneyEventKind, size = 90): string {
  return symbol(KIND_SYMBOLS[kind], size)() ?? "";
}

function marker(kind: JourneyEventKind, approach: EventApproach, x: number, y: number): string {
  const colour = KIND_COLOURS[kind];
  const fill = approach === "reactive" ? colour : "#ffffff";
  return `<path d="${symbolPath(kind)}" transform="translate(${x.toFixed(1)},${y.toFixed(1)})" fill="${fill}" stroke="${colour}" stroke-width="1.8"/>`;
}

export function renderJourneyChart(input: JourneyChartInput): string {
  const width = input.width ?? 960;
  const lanes = input.lanes;
  const events = [...input.events].sort((a, b) => a.occurredOn - b.occurredOn || a.id.localeCompare(b.id));
  const lanesHeight = Math.max(1, lanes.length) * LANE_HEIGHT;
  const costTop = TOP + lanesHeight + 28;
  const legendTop = costTop + COST_HEIGHT + 34;
  const height = legendTop + LEGEND_HEIGHT;
  const titleId = "journey-chart-title";
  const descId = "journey-chart-desc";

  const first = events.length ? events[0].occurredOn : Date.UTC(2015, 0, 1);
  const last = events.length ? events[events.length - 1].occurredOn : first;
  const from = utcMonth.floor(new Date(first));
  const to = utcMonth.offset(utcMonth.floor(new Date(last)), 1);
  const x = scaleUtc().domain([from, to]).range([LABEL_WIDTH, width - RIGHT]);
  const spanYears = (to.getTime() - from.getTime()) / (365.25 * 24 * 3600 * 1000);
  const ticks = spanYears > 3 ? x.ticks(utcYear.every(1) ?? utcYear) : x.ticks(Math.min(10, Math.max(2, Math.round(spanYears * 6))));
  const tickFormat = spanYears > 3 ? utcFormat("%Y") : utcFormat("%b %Y");

  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" class="journey-chart" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${titleId}">${escapeXml(input.title)}</title>`,
    `<desc id="${descId}">${events.length} ${events.length === 1 ? "event" : "events"} across ${lanes.length} ${lanes.length === 1 ? "agency" : "agencies"}, one row per agency, over time; below, the cumulative cost. The table after the picture lists the same events.</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  lanes.forEach((lane, i) => {
    const y = TOP + i * LANE_HEIGHT;
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width - RIGHT - LABEL_WIDTH}" height="${LANE_HEIGHT}" fill="${i % 2 ? "#f8fafc" : "#eef2f7"}"/>`,
      `<text x="${LABEL_WIDTH - 8}" y="${y + LANE_HEIGHT / 2 + 4}" text-anchor="end" fill="#1e293b"><title>${escapeXml(lane.name)}</title>${escapeXml(truncate(lane.name))}</text>`,
    );
  });

  for (const tick of ticks) {
    const tx = x(tick);
    parts.push(
      `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${TOP - 4}" y2="${costTop + COST_HEIGHT}" stroke="#94a3b8" stroke-width="0.6" stroke-dasharray="2 3"/>`,
      `<text x="${tx.toFixed(1)}" y="${TOP - 10}" text-anchor="middle" fill="#334155">${escapeXml(tickFormat(tick))}</text>`,
    );
  }

  // Events on one lane and one day are nudged apart so none hides another.
  const stacked = new Map<string, number>();
  for (const e of events) {
    const lane = laneIndex.get(e.laneId);
    if (lane === undefined) continue;
    const key = `${e.laneId}:${e.occurredOn}`;
    const n = stacked.get(key) ?? 0;
    stacked.set(key, n + 1);
    const ex = x(new Date(e.occurredOn)) + n * 6;
    const ey = TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    parts.push(marker(e.kind, e.approach, ex, ey));
  }

  let running = 0;
  const points: Array<[number, number]> = [[from.getTime(), 0]];
  for (const e of events) {
    running += e.costPence ?? 0;
    points.push([e.occurredOn, running]);
  }
  points.push([to.getTime(), running]);
  const y = scaleLinear()
    .domain([0, Math.max(running, 100)])
    .nice(4)
    .range([costTop + COST_HEIGHT, costTop]);
  const costLine = line<[number, number]>()
    .x((p) => x(new Date(p[0])))
    .y((p) => y(p[1]))
    .curve(curveStepAfter);
  parts.push(
    `<text x="${LABEL_WIDTH - 8}" y="${costTop + COST_HEIGHT / 2}" text-anchor="end" fill="#1e293b" font-weight="600">Cumulative cost</text>`,
    `<line x1="${LABEL_WIDTH}" x2="${width - RIGHT}" y1="${costTop + COST_HEIGHT}" y2="${costTop + COST_HEIGHT}" stroke="#334155"/>`,
  );
  for (const tick of y.ticks(4)) {
    parts.push(
      `<line x1="${LABEL_WIDTH}" x2="${width - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#cbd5e1" stroke-width="0.6"/>`,
      `<text x="${width - RIGHT + 6}" y="${(y(tick) + 4).toFixed(1)}" fill="#334155">${escapeXml(formatPenceShort(tick))}</text>`,
    );
  }
  parts.push(`<path d="${costLine(points) ?? ""}" fill="none" stroke="#0f172a" stroke-width="2.2"/>`);

  const legendItems = KINDS.map((kind, i) => {
    const lx = LABEL_WIDTH + (i % 6) * 110;
    return `<g transform="translate(${lx},${legendTop + 10})">${marker(kind, "reactive", 0, 0)}<text x="12" y="4" fill="#1e293b">${KIND_LABELS[kind]}</text></g>`;
  });
  parts.push(
    `<g class="legend"><text x="${LABEL_WIDTH - 8}" y="${legendTop + 14}" text-anchor="end" font-weight="600" fill="#1e293b">Key</text>`,
    ...legendItems,
    `<g transform="translate(${LABEL_WIDTH},${legendTop + 40})">${marker("contact", "reactive", 0, 0)}<text x="12" y="4" fill="#1e293b">Filled: reactive</text></g>`,
    `<g transform="translate(${LABEL_WIDTH + 150},${legendTop + 40})">${marker("contact", "preventative", 0, 0)}<text x="12" y="4" fill="#1e293b">Hollow: preventative</text></g>`,
    `<g transform="translate(${LABEL_WIDTH + 330},${legendTop + 40})"><line x1="-8" x2="8" y1="0" y2="0" stroke="#0f172a" stroke-width="2.2"/><text x="14" y="4" fill="#1e293b">Cumulative cost</text></g>`,
    `</g>`,
  );
  parts.push("</svg>");
  return parts.join("");
}

export type BarDatum = { label: string; value: number; suppressed: boolean; valueText: string };

/** A horizontal bar chart (high-tariff cases per locality); a suppressed count is a hatched bar labelled as such. */
export function renderBarChart(input: { title: string; bars: BarDatum[]; width?: number }): string {
  const width = input.width ?? 720;
  const barHeight = 26;
  const top = 10;
  const height = top + input.bars.length * (barHeight + 8) + 10;
  const maxValue = Math.max(5, ...input.bars.map((b) => b.value));
  const x = scaleLinear().domain([0, maxValue]).range([0, width - 360]);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="bar-chart-title" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="bar-chart-title">${escapeXml(input.title)}</title>`,
    `<defs><pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#475569" stroke-width="2"/></pattern></defs>`,
  ];
  input.bars.forEach((bar, i) => {
    const y = top + i * (barHeight + 8);
    const w = bar.suppressed ? x(5) : x(bar.value);
    parts.push(
      `<text x="210" y="${y + barHeight / 2 + 4}" text-anchor="end" fill="#1e293b">${escapeXml(truncate(bar.label, 30))}</text>`,
      `<rect x="220" y="${y}" width="${Math.max(1, w).toFixed(1)}" height="${barHeight}" fill="${bar.suppressed ? "url(#suppressed-hatch)" : "#1d4ed8"}" stroke="#1e293b" stroke-width="0.8"/>`,
      `<text x="${(228 + w).toFixed(1)}" y="${y + barHeight / 2 + 4}" fill="#1e293b">${escapeXml(bar.valueText)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
