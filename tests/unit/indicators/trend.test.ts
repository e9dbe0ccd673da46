import { describe, expect, it } from "vitest";

import { parseDecimal } from "../../../app/models/indicator/decimal";
import { parsePeriod } from "../../../app/models/indicator/period";
import { forecastTrend, judgeTrend, type TrendPoint } from "../../../app/models/indicator/trend";
import { renderTrendChart } from "../../../app/models/indicator/trend-chart";

function points(values: Array<[string, string]>): TrendPoint[] {
  return values.map(([period, value]) => {
    const p = parsePeriod(period);
    const v = parseDecimal(value);
    if (!p || !v) throw new Error(`bad test point ${period} ${value}`);
    return { period: p.label, start: p.start, value: v.text, micros: v.scaled };
  });
}

/** Every circle's period, value and centre, in document order. */
function circles(svg: string) {
  return [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="4"[^>]*data-period="([^"]+)" data-value="([^"]+)"/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
    period: m[3],
    value: m[4],
  }));
}

describe("the verdict on the curve", () => {
  it("says there is not enough data with fewer than three values", () => {
    const verdict = judgeTrend(points([["2014", "26"], ["2021", "5"]]), "lower_is_better", "placements");
    expect(verdict.kind).toBe("not-enough-data");
    expect(verdict.detail).toBe("There are 2 values; a trend needs at least 3.");
  });

  it("reads a falling curve as the right way when lower is better, and the wrong way when higher is better", () => {
    const falling = points([["2014", "26"], ["2016", "18"], ["2018", "11"], ["2021", "5"]]);
    expect(judgeTrend(falling, "lower_is_better", "").kind).toBe("right-way");
    expect(judgeTrend(falling, "higher_is_better", "").headline).toBe("Turning the wrong way: falling");
  });

  it("calls a curve that barely moves flat", () => {
    expect(judgeTrend(points([["2019", "50"], ["2020", "50.1"], ["2021", "50"]]), "higher_is_better", "%").kind).toBe("flat");
  });
});

describe("the least-squares forecast", () => {
  it("fits a straight line exactly through points on a line and projects it to the horizon", () => {
    const f = forecastTrend(points([["2018", "10"], ["2019", "8"], ["2020", "6"]]), Date.UTC(2022, 0, 1));
    expect(f).not.toBeNull();
    expect(f?.pointsUsed).toBe(3);
    // Years of 365.25 days: 2018→2020 is 730 days, so the slope is a hair under −2 a year.
    expect(f?.slopePerYear).toBeCloseTo(-2, 1);
    expect(f?.from.value).toBeCloseTo(6, 6);
    expect(f?.to.value).toBeCloseTo(2, 1);
  });

  it("uses only the last five values", () => {
    const f = forecastTrend(points([["2014", "100"], ["2015", "1"], ["2016", "2"], ["2017", "3"], ["2018", "4"], ["2019", "5"]]));
    expect(f?.fittedFrom).toBe("2015");
    expect(f?.slopePerYear).toBeGreaterThan(0.9);
  });
});

describe("the trend chart", () => {
  const values = points([["2014", "26"], ["2016", "18"], ["2018", "11"], ["2021-22", "5"]]);
  const svg = renderTrendChart({
    title: "External placements",
    unit: "placements",
    points: values,
    baseline: { period: "2014", value: "26", micros: 26_000_000 },
    target: { period: "2024-25", value: "3", micros: 3_000_000 },
    forecast: forecastTrend(values, Date.UTC(2024, 3, 1)),
  });

  it("draws one point per value, left to right in time, higher values higher up", () => {
    const marks = circles(svg);
    expect(marks.map((m) => [m.period, m.value])).toEqual([
      ["2014", "26"],
      ["2016", "18"],
      ["2018", "11"],
      ["2021-22", "5"],
    ]);
    for (let i = 1; i < marks.length; i++) {
      expect(marks[i].cx).toBeGreaterThan(marks[i - 1].cx);
      expect(marks[i].cy).toBeGreaterThan(marks[i - 1].cy);
    }
  });

  it("joins the points with the values line and draws baseline, target and a labelled forecast", () => {
    const marks = circles(svg);
    const valuesPath = /<g data-series="values"><path d="([^"]+)"/.exec(svg)?.[1] ?? "";
    expect(valuesPath).toBe(`M${marks.map((m) => `${m.cx},${m.cy}`).join("L")}`);
    const baseline = /<g data-series="baseline"[^>]*><line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(svg);
    const target = /<g data-series="target"[^>]*><line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(svg);
    expect(Number(baseline?.[1])).toBe(marks[0].cy);
    expect(Number(target?.[1])).toBeGreaterThan(marks[3].cy);
    expect(svg).toContain("Baseline 26 (2014)");
    expect(svg).toContain("Target 3 (2024-25)");
    expect(svg).toMatch(/<g data-series="forecast" data-method="least-squares" data-points-used="4"><path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+" fill="none" stroke="#9a3412" stroke-width="2" stroke-dasharray="6 3 1 3"\/><text[^>]*>Forecast<\/text>/);
  });

  it("is an accessible image with a title and escapes what people typed", () => {
    const hostile = renderTrendChart({ title: 'A <script> & "quote"', unit: "", points: values });
    expect(hostile).toContain('role="img"');
    expect(hostile).toContain("<title id=\"trend-title\">A &lt;script&gt; &amp; &quot;quote&quot;</title>");
    expect(hostile).not.toContain("<script>");
  });
});
