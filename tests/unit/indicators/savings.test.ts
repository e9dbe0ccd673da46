import { describe, expect, it } from "vitest";

import { computeSavings, formatPence } from "../../../app/models/savings/savings";

describe("the cost-avoidance calculation", () => {
  it("21 fewer placements at £28,000 with 20% deadweight, 50% attribution and 25% optimism bias is £176,400", () => {
    // Hand-computed: 21 × £28,000 = £588,000; × 0.8 = £470,400; × 0.5 = £235,200; × 0.75 = £176,400.
    expect(
      computeSavings({ changeMicros: 21_000_000, unitCostPence: 2_800_000, deadweightBp: 2000, attributionBp: 5000, optimismBiasBp: 2500 }),
    ).toEqual({ grossPence: 58_800_000, afterDeadweightPence: 47_040_000, attributablePence: 23_520_000, netPence: 17_640_000 });
  });

  it("rounds once, to the nearest penny, from the exact product", () => {
    // 1 × 1p × 0.5 × 0.5 × 0.5 = 0.125p → 0p; stepwise rounding would give 0.5p → 1p → 1p → 1p.
    const r = computeSavings({ changeMicros: 1_000_000, unitCostPence: 1, deadweightBp: 5000, attributionBp: 5000, optimismBiasBp: 5000 });
    expect(r.netPence).toBe(0);
    // 0.5 × 3p = 1.5p rounds half away from zero to 2p.
    expect(computeSavings({ changeMicros: 500_000, unitCostPence: 3, deadweightBp: 0, attributionBp: 10_000, optimismBiasBp: 0 }).netPence).toBe(2);
    expect(computeSavings({ changeMicros: -500_000, unitCostPence: 3, deadweightBp: 0, attributionBp: 10_000, optimismBiasBp: 0 }).netPence).toBe(-2);
  });

  it("handles fractional changes and large costs without floating point", () => {
    // 0.1 × £9,007,199,254,740.91 = £900,719,925,474.091 → …474.09
    expect(computeSavings({ changeMicros: 100_000, unitCostPence: 900_719_925_474_091, deadweightBp: 0, attributionBp: 10_000, optimismBiasBp: 0 }).grossPence).toBe(90_071_992_547_409);
  });

  it("shows pence as pounds in en-GB", () => {
    expect(formatPence(17_640_000)).toBe("£176,400.00");
    expect(formatPence(5)).toBe("£0.05");
    expect(formatPence(-123_456)).toBe("−£1,234.56");
  });
});
