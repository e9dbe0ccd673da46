import { describe, expect, it } from "vitest";

import { buildLibraryView } from "../../../app/models/unit-cost/library-view";
import { implausibleFlags, staleFlag } from "../../../app/models/unit-cost/unit-cost.policy";

const entry = (id: string, pence: number, over: Partial<{ unit: string; outcomeDetail: string; priceYear: string }> = {}) => ({
  id,
  unit: "per year",
  outcomeDetail: "Foster care",
  fiscalCostPence: pence,
  priceYear: "2022-23",
  ...over,
});

describe("stale unit costs", () => {
  it("flags a price year more than the set number of years old, with the reason", () => {
    expect(staleFlag("2009-10", "2026-27", 5)).toEqual({
      kind: "stale",
      reason: "Prices of 2009-10 are 17 years old; costs older than 5 years are treated as stale.",
    });
    expect(staleFlag("2021-22", "2026-27", 5)).toBeNull();
    expect(staleFlag("2020-21", "2026-27", 5)?.kind).toBe("stale");
    expect(staleFlag("2020-21", "2026-27", 10)).toBeNull();
  });
});

describe("implausible unit costs", () => {
  it("flags a cost ten times the median of its group of the same unit and outcome detail", () => {
    // Median of 26,000 / 28,000 / 30,000 / 290,000 = (28,000 + 30,000) ÷ 2 = £29,000.
    const flags = implausibleFlags([entry("a", 2_800_000), entry("b", 3_000_000), entry("c", 2_600_000), entry("d", 29_000_000)], 10);
    expect([...flags.keys()]).toEqual(["d"]);
    expect(flags.get("d")?.reason).toBe("£290,000 is 10 or more times the median (£29,000) of the 4 costs “per year” for “Foster care”.");
    expect(implausibleFlags([entry("a", 2_800_000), entry("b", 3_000_000), entry("c", 2_600_000), entry("d", 28_999_999)], 10).size).toBe(0);
  });

  it("flags a cost a tenth or less of the median, for example pounds typed as pence", () => {
    const flags = implausibleFlags([entry("a", 2_800_000), entry("b", 3_000_000), entry("c", 28_000)], 10);
    expect([...flags.keys()]).toEqual(["c"]);
    expect(flags.get("c")?.reason).toContain("£280 is a 10th or less of the median (£28,000) of the 3 costs");
  });

  it("does not judge a group of fewer than three, nor across units or outcome details", () => {
    expect(implausibleFlags([entry("a", 100), entry("b", 10_000_000)], 10).size).toBe(0);
    const mixed = [entry("a", 2_800_000), entry("b", 3_000_000), entry("c", 90_000_000, { unit: "per family" }), entry("d", 90_000_000, { outcomeDetail: "Care proceedings" })];
    expect(implausibleFlags(mixed, 10).size).toBe(0);
    // Case and spacing do not split a group.
    expect(implausibleFlags([entry("a", 2_800_000), entry("b", 2_800_000, { unit: " Per  Year " }), entry("c", 50_000_000)], 10).size).toBe(1);
  });

  it("the library view lists both flags on one entry", () => {
    const view = buildLibraryView([entry("a", 2_800_000), entry("b", 3_000_000), entry("c", 90_000_000, { priceYear: "2009-10" })], {
      settings: { staleAfterYears: 5, implausibleFactor: 10 },
      currentYear: "2026-27",
      targetYear: null,
      series: null,
    });
    expect(view.map((v) => v.flags.map((f) => f.kind))).toEqual([[], [], ["stale", "implausible"]]);
    expect(view[0].uprating).toEqual({ kind: "none" });
  });
});
