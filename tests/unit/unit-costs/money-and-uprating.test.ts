import { describe, expect, it } from "vitest";

import { formatIndexMilli, parseIndexMilli, upratePence } from "../../../app/models/deflator/uprate";
import { currentFinancialYear, parseFinancialYear } from "../../../app/models/unit-cost/financial-year";
import { buildLibraryView } from "../../../app/models/unit-cost/library-view";
import { formatPence, parsePence, penceToInput } from "../../../app/models/unit-cost/money";

describe("money in integer pence", () => {
  it.each([
    ["£28,000", 2_800_000],
    ["93000", 9_300_000],
    ["1,234.5", 123_450],
    ["£1234.56", 123_456],
    ["0.10", 10],
    // 0.1 + 0.2 style binary drift cannot happen: digits are read as text.
    ["1234.565", 123_457],
    ["1234.564", 123_456],
    ["£ 9,999,999.99", 999_999_999],
  ])("reads %s as %i pence", (text, pence) => {
    expect(parsePence(text)).toBe(pence);
  });

  it.each(["", "about £5k", "£28k", "-500", "12,34", "1.2.3", "£", "1e6", "twenty"])("refuses “%s” as an amount", (text) => {
    expect(parsePence(text)).toBeNull();
  });

  it("formats pence as pounds in en-GB, showing pence only when there are some", () => {
    expect(formatPence(2_800_000)).toBe("£28,000");
    expect(formatPence(123_405)).toBe("£1,234.05");
    expect(formatPence(7)).toBe("£0.07");
    expect(penceToInput(123_405)).toBe("1234.05");
  });
});

describe("financial years", () => {
  it.each([
    ["2015-16", "2015-16"],
    ["2015/16", "2015-16"],
    ["2015–2016", "2015-16"],
    ["FY2009-10", "2009-10"],
    ["1999-00", "1999-00"],
    ["2015 to 2016", "2015-16"],
  ])("reads %s as %s", (text, year) => {
    expect(parseFinancialYear(text)).toBe(year);
  });

  it.each(["2015", "2015-17", "15-16", "last year", "2015-2017"])("refuses %s", (text) => {
    expect(parseFinancialYear(text)).toBeNull();
  });

  it("knows the UK financial year turns on 1 April", () => {
    expect(currentFinancialYear(Date.UTC(2026, 2, 31))).toBe("2025-26");
    expect(currentFinancialYear(Date.UTC(2026, 3, 1))).toBe("2026-27");
  });
});

describe("uprating with a deflator", () => {
  it("matches hand-computed figures, rounded half up to the penny", () => {
    // £28,000 from an index of 80.000 to 100.000: 2,800,000 × 100000 ÷ 80000 = 3,500,000 exactly.
    expect(upratePence(2_800_000, 80_000, 100_000)).toBe(3_500_000);
    // 9,300,000p × 104.321 ÷ 87.654 = 11,068,351.701…p → 11,068,352p.
    expect(upratePence(9_300_000, 87_654, 104_321)).toBe(11_068_352);
    // 1p × 3 ÷ 2 = 1.5p → 2p (half up); 1p × 4 ÷ 3 = 1.33p → 1p.
    expect(upratePence(1, 2_000, 3_000)).toBe(2);
    expect(upratePence(1, 3_000, 4_000)).toBe(1);
    // 999,999,999,999p × 100.001 ÷ 99.999 = 1,000,020,000,199.002p: exact although the product passes 2^53.
    expect(upratePence(999_999_999_999, 99_999, 100_001)).toBe(1_000_020_000_199);
  });

  it("reads indices to the thousandth", () => {
    expect(parseIndexMilli("87.473")).toBe(87_473);
    expect(parseIndexMilli("100")).toBe(100_000);
    expect(parseIndexMilli("87.4735")).toBe(87_474);
    expect(parseIndexMilli("n/a")).toBeNull();
    expect(parseIndexMilli("0")).toBeNull();
    expect(formatIndexMilli(87_473)).toBe("87.473");
    expect(formatIndexMilli(100_000)).toBe("100.000");
  });

  it("the library view uprates each cost and says plainly which price year has no deflator", () => {
    const entries = [
      { id: "a", unit: "per year", outcomeDetail: "Foster care", fiscalCostPence: 2_800_000, priceYear: "2015-16" },
      { id: "b", unit: "per family", outcomeDetail: "Care proceedings", fiscalCostPence: 9_300_000, priceYear: "2009-10" },
      { id: "c", unit: "per family", outcomeDetail: "Care proceedings", fiscalCostPence: 9_000_000, priceYear: "2020-21" },
    ];
    const series = {
      values: [
        { financialYear: "2015-16", indexMilli: 80_000 },
        { financialYear: "2020-21", indexMilli: 90_000 },
        { financialYear: "2024-25", indexMilli: 100_000 },
      ],
    };
    const view = buildLibraryView(entries, { settings: { staleAfterYears: 5, implausibleFactor: 10 }, currentYear: "2026-27", targetYear: "2024-25", series });
    expect(view.map((v) => v.uprating)).toEqual([
      { kind: "uprated", pence: 3_500_000, fromIndexMilli: 80_000, toIndexMilli: 100_000 },
      { kind: "no-deflator", missing: ["2009-10"] },
      { kind: "uprated", pence: 10_000_000, fromIndexMilli: 90_000, toIndexMilli: 100_000 },
    ]);
    const sameYear = buildLibraryView(entries, { settings: { staleAfterYears: 5, implausibleFactor: 10 }, currentYear: "2026-27", targetYear: "2015-16", series });
    expect(sameYear[0].uprating).toEqual({ kind: "same-year", pence: 2_800_000 });
  });
});
