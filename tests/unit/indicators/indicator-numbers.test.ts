import { describe, expect, it } from "vitest";

import { displayDecimal, formatScaled, parseDecimal, parsePercentBp } from "../../../app/models/indicator/decimal";
import { parsePeriod } from "../../../app/models/indicator/period";

describe("exact indicator values", () => {
  it("keeps fractional values exactly as text and as millionths", () => {
    expect(parseDecimal("12.345")).toEqual({ text: "12.345", scaled: 12_345_000 });
    expect(parseDecimal("0.1")).toEqual({ text: "0.1", scaled: 100_000 });
    expect(parseDecimal("1,234.50")).toEqual({ text: "1234.5", scaled: 1_234_500_000 });
    expect(parseDecimal("45.2%")).toEqual({ text: "45.2", scaled: 45_200_000 });
    expect(parseDecimal("−3")).toEqual({ text: "-3", scaled: -3_000_000 });
    expect(parseDecimal("026")).toEqual({ text: "26", scaled: 26_000_000 });
  });

  it("refuses text, too many decimal places and values too large to hold exactly", () => {
    expect(parseDecimal("n/a")).toBeNull();
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("1.0000001")).toBeNull();
    expect(parseDecimal("99999999999")).toBeNull();
    expect(parseDecimal("1,23")).toBeNull();
  });

  it("formats a scaled integer back to the same decimal text", () => {
    expect(formatScaled(12_345_000)).toBe("12.345");
    expect(formatScaled(-500_000)).toBe("-0.5");
    expect(formatScaled(21_000_000)).toBe("21");
    expect(displayDecimal("1234567.25")).toBe("1,234,567.25");
  });

  it("reads percentages as basis points between 0 and 100 per cent", () => {
    expect(parsePercentBp("12.5")).toBe(1250);
    expect(parsePercentBp("100%")).toBe(10_000);
    expect(parsePercentBp("100.01")).toBeNull();
    expect(parsePercentBp("-1")).toBeNull();
    expect(parsePercentBp("12.345")).toBeNull();
  });
});

describe("period labels", () => {
  it("reads calendar years, financial years in three spellings, months and days", () => {
    expect(parsePeriod("2014")).toEqual({ label: "2014", start: Date.UTC(2014, 0, 1), kind: "year" });
    expect(parsePeriod("2021-22")).toEqual({ label: "2021-22", start: Date.UTC(2021, 3, 1), kind: "financial-year" });
    expect(parsePeriod("2021/22")?.label).toBe("2021-22");
    expect(parsePeriod("2021-2022")?.label).toBe("2021-22");
    expect(parsePeriod("1999-00")?.label).toBe("1999-00");
    expect(parsePeriod("2021-06")).toEqual({ label: "2021-06", start: Date.UTC(2021, 5, 1), kind: "month" });
    expect(parsePeriod("2021-06-30")?.start).toBe(Date.UTC(2021, 5, 30));
  });

  it("refuses periods that are not real", () => {
    expect(parsePeriod("2021-23")).toBeNull();
    expect(parsePeriod("2021-13")).toBeNull();
    expect(parsePeriod("2021-02-30")).toBeNull();
    expect(parsePeriod("last year")).toBeNull();
  });
});
