import { describe, expect, it } from "vitest";

import { stackedBarsSvg, yearTrendSvg } from "../../../app/models/spend/spend-charts";

function segments(svg: string) {
  return [
    ...svg.matchAll(
      /<rect class="segment" data-group="([^"]*)" data-category="([^"]*)" data-pence="(-?\d+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g,
    ),
  ].map((m) => ({
    group: m[1],
    category: m[2],
    pence: Number(m[3]),
    x: Number(m[4]),
    width: Number(m[5]),
  }));
}

describe("the stacked bar chart", () => {
  const svg = stackedBarsSvg(
    [
      {
        key: "council",
        label: "Council & <partners>",
        segments: [
          { category: "children_and_families", pence: 300000 },
          { category: "education", pence: 100000 },
        ],
      },
      {
        key: "police",
        label: "Police",
        segments: [
          { category: "justice", pence: 200000 },
          { category: "universal", pence: -5000 },
        ],
      },
    ],
    { id: "c", title: "Spend by agency" },
  );

  it("draws one segment per positive category, its width proportional to its pence, stacked end to end", () => {
    const s = segments(svg);
    expect(s.map((x) => [x.group, x.category, x.pence])).toEqual([
      ["council", "children_and_families", 300000],
      ["council", "education", 100000],
      ["police", "justice", 200000],
    ]);
    expect(s[0].width / s[1].width).toBeCloseTo(3, 2);
    expect(s[0].width / s[2].width).toBeCloseTo(1.5, 2);
    expect(s[1].x).toBeCloseTo(s[0].x + s[0].width, 1);
  });

  it("labels each bar with its net total and gives every category a pattern and a name in the legend", () => {
    expect(svg).toContain(">£4,000</text>");
    expect(svg).toContain(">£1,950</text>");
    expect(svg).toContain("Council &amp; &lt;partners&gt;");
    for (const c of ["children_and_families", "education", "justice"]) {
      expect(svg).toContain(`<pattern id="c-${c}"`);
      expect(svg).toMatch(
        new RegExp(`class="legend-item" data-category="${c}"><rect [^>]*fill="url\\(#c-${c}\\)"`),
      );
    }
    expect(svg).not.toContain('data-category="universal"');
    expect(svg).toMatch(
      /role="img" aria-labelledby="c-title"><title id="c-title">Spend by agency<\/title>/,
    );
  });
});

describe("the trend by year", () => {
  it("draws a bar per year, taller for more spend, with its total written on it", () => {
    const svg = yearTrendSvg(
      [
        { year: 2014, pence: 1000000, vulnerablePence: 250000 },
        { year: 2015, pence: 500000, vulnerablePence: 100000 },
      ],
      { id: "t", title: "By year" },
    );
    const heights = [...svg.matchAll(/<rect class="total" [^>]*height="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights[0] / heights[1]).toBeCloseTo(2, 2);
    expect(svg).toContain(">2014-15</text>");
    expect(svg).toContain(">£10,000</text>");
    expect(svg).toContain("Share spent on vulnerable families (hatched)");
  });
});
