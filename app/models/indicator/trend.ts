import type { IndicatorPolarity } from "../../../db/schema/indicators";
import { displayDecimal, formatScaled } from "./decimal";

export type TrendPoint = { period: string; start: number; value: string; micros: number };

/** The least-squares forecast's window: the last FORECAST_WINDOW values (at least MIN_POINTS). */
export const FORECAST_WINDOW = 5;
export const MIN_POINTS = 3;
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

export const FORECAST_METHOD = `Ordinary least-squares straight line through the last ${FORECAST_WINDOW} values (or all of them when there are fewer; at least ${MIN_POINTS}), projected forward. A forecast, not a result: it assumes the recent trend simply continues.`;

export type Forecast = {
  /** Points the forecast is fitted to. */
  fittedFrom: string;
  fittedTo: string;
  pointsUsed: number;
  /** Change per year in the indicator's units (for the chart and the words only; never stored). */
  slopePerYear: number;
  from: { start: number; value: number };
  to: { start: number; value: number };
};

export function sortPoints(points: TrendPoint[]): TrendPoint[] {
  return [...points].sort((a, b) => a.start - b.start);
}

/**
 * A least-squares line through the last values, projected to `horizon` (ms) or, without one, a
 * year beyond the last value. Null with fewer than MIN_POINTS values or when they share one date.
 * Values are read as floats here on purpose: a forecast is a drawing aid, not a stored figure.
 */
export function forecastTrend(all: TrendPoint[], horizon?: number | null): Forecast | null {
  const points = sortPoints(all).slice(-FORECAST_WINDOW);
  if (points.length < MIN_POINTS) return null;
  const xs = points.map((p) => (p.start - points[0].start) / YEAR_MS);
  const ys = points.map((p) => p.micros / 1e6);
  const n = points.length;
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = xs.reduce((s, x, i) => s + (x - meanX) * (ys[i] - meanY), 0) / sxx;
  const at = (start: number) => meanY + slope * ((start - points[0].start) / YEAR_MS - meanX);
  const last = points[n - 1];
  const end = horizon && horizon > last.start ? horizon : last.start + YEAR_MS;
  return {
    fittedFrom: points[0].period,
    fittedTo: last.period,
    pointsUsed: n,
    slopePerYear: slope,
    from: { start: last.start, value: at(last.start) },
    to: { start: end, value: at(end) },
  };
}

export type VerdictKind = "not-enough-data" | "right-way" | "wrong-way" | "flat";
export type Verdict = { kind: VerdictKind; headline: string; detail: string };

const polarityWords: Record<IndicatorPolarity, string> = {
  higher_is_better: "higher is better",
  lower_is_better: "lower is better",
};

/**
 * Whether the curve is turning the right way, in plain words. The direction is the sign of the
 * least-squares slope over the recent values, read against the polarity; a change of less than 1%
 * of the recent average a year counts as flat.
 */
export function judgeTrend(all: TrendPoint[], polarity: IndicatorPolarity, unit: string): Verdict {
  const points = sortPoints(all);
  if (points.length < MIN_POINTS) {
    return {
      kind: "not-enough-data",
      headline: "Not enough data to say which way the curve is turning",
      detail: `There ${points.length === 1 ? "is 1 value" : `are ${points.length} values`}; a trend needs at least ${MIN_POINTS}.`,
    };
  }
  const forecast = forecastTrend(points);
  const recent = points.slice(-FORECAST_WINDOW);
  const first = recent[0];
  const last = recent[recent.length - 1];
  const u = unit ? ` ${unit}` : "";
  const moved = `From ${displayDecimal(first.value)}${u} (${first.period}) to ${displayDecimal(last.value)}${u} (${last.period}); ${polarityWords[polarity]}.`;
  if (!forecast) {
    return { kind: "not-enough-data", headline: "Not enough data to say which way the curve is turning", detail: "The values share one date." };
  }
  const meanMagnitude = Math.abs(recent.reduce((s, p) => s + p.micros, 0) / recent.length / 1e6);
  const slope = forecast.slopePerYear;
  if (Math.abs(slope) < 0.01 * Math.max(meanMagnitude, 1e-9)) {
    return { kind: "flat", headline: "Holding steady: the curve is not turning either way", detail: moved };
  }
  const improving = polarity === "higher_is_better" ? slope > 0 : slope < 0;
  return improving
    ? { kind: "right-way", headline: `Turning the right way: ${slope > 0 ? "rising" : "falling"}`, detail: moved }
    : { kind: "wrong-way", headline: `Turning the wrong way: ${slope > 0 ? "rising" : "falling"}`, detail: moved };
}

/** The forecast's projected value as text with at most 1 decimal place, for the page. */
export function describeForecast(forecast: Forecast, unit: string, periodLabel: string): string {
  const value = Math.round(forecast.to.value * 10) / 10;
  return `On the recent trend (${forecast.pointsUsed} values, ${forecast.fittedFrom} to ${forecast.fittedTo}) the indicator would be about ${value.toLocaleString("en-GB")}${unit ? ` ${unit}` : ""} by ${periodLabel}.`;
}

export { formatScaled };
