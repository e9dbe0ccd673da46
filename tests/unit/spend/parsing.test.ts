import { describe, expect, it } from "vitest";

import { detectColumns, scoreHeader } from "../../../app/models/spend/spend-columns";
import { neutraliseCell, penceCell, toCsv } from "../../../app/models/spend/spend-csv";
import {
  financialYearOf,
  parseFinancialYear,
  parseSpendDate,
} from "../../../app/models/spend/spend-dates";
import { decodeSpendFile } from "../../../app/models/spend/spend-decode";
import {
  combineShare,
  formatBasisPoints,
  formatPence,
  parsePence,
  parseSharePercent,
} from "../../../app/models/spend/spend-money";

describe("amounts to pence", () => {
  it.each([
    ["1250.00", 125000],
    ["£1,234,567.89", 123456789],
    ["-320.25", -32025],
    ["(250.00)", -25000],
    ["£(1,000.10)", null],
    ["-£5", -500],
    ["5000.5", 500050],
    ["0.125", 13],
    [".5", 50],
    ["0.1", 10],
    ["  12 ", 1200],
  ])("reads %s", (raw, pence) => {
    const result = parsePence(raw);
    if (pence === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, pence });
  });

  it("0.1 + 0.2 in pence is exactly 30", () => {
    const a = parsePence("0.1");
    const b = parsePence("0.2");
    expect(a.ok && b.ok && a.pence + b.pence).toBe(30);
  });

  it.each([
    ["#N/A", "the amount is a spreadsheet error (#N/A)"],
    ["", "the amount is empty"],
    ["Stationery", "“Stationery” is not an amount"],
    ["1,23.00", "“1,23.00” is not an amount"],
  ])("refuses %s with a reason", (raw, reason) => {
    expect(parsePence(raw)).toEqual({ ok: false, reason });
  });

  it("formats pence as en-GB pounds and shares as per cent", () => {
    expect(formatPence(1590150875)).toBe("£15,901,508.75");
    expect(formatPence(-32025)).toBe("−£320.25");
    expect(formatBasisPoints(3144)).toBe("31.4%");
    expect(parseSharePercent("37.5%")).toBe(3750);
    expect(parseSharePercent("101")).toBeNull();
  });

  it("sums a vulnerable share exactly, rounding half away from zero once", () => {
    expect(combineShare(26250, -5000)).toBe(26250);
    expect(combineShare(-1, -5000)).toBe(-2);
    expect(combineShare(4_000_000_000_000, 4999)).toBe(4_000_000_000_000);
  });
});

describe("dates and financial years", () => {
  it.each([
    ["31/03/2016", "2016-03-31", 2015],
    ["01/04/2016", "2016-04-01", 2016],
    ["2015-07-14", "2015-07-14", 2015],
    ["2015-07-14T00:00:00", "2015-07-14", 2015],
    ["14/07/2015 00:00", "2015-07-14", 2015],
    ["1/2/2015", "2015-02-01", 2014],
  ])("%s is %s in financial year %i", (raw, iso, year) => {
    expect(parseSpendDate(raw)).toEqual({ iso, financialYear: year });
  });

  it("refuses impossible dates", () => {
    expect(parseSpendDate("31/02/2015")).toBeNull();
    expect(parseSpendDate("13/13/2015")).toBeNull();
    expect(parseSpendDate("soon")).toBeNull();
  });

  it("reads financial years", () => {
    expect(parseFinancialYear("2014-15")).toBe(2014);
    expect(parseFinancialYear("2014/2015")).toBe(2014);
    expect(parseFinancialYear("2014-16")).toBeNull();
    expect(financialYearOf(2015, 3)).toBe(2014);
  });
});

describe("decoding", () => {
  const bytes = (...parts: Array<number[] | string>) =>
    new Uint8Array(
      parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)),
    );

  it("strips a byte-order mark and a doubly encoded one", () => {
    expect(decodeSpendFile(bytes([0xef, 0xbb, 0xbf], "a,b"))).toMatchObject({
      ok: true,
      text: "a,b",
      bom: "utf-8",
      encoding: "utf-8",
    });
    expect(decodeSpendFile(bytes([0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf], "a,b"))).toMatchObject({
      ok: true,
      text: "a,b",
      bom: "double",
    });
  });

  it("reads Windows-1252 when the bytes are not UTF-8", () => {
    expect(
      decodeSpendFile(bytes("St Mary", [0x92], "s,", [0xa3], "5,", [0x80], "1")),
    ).toMatchObject({ ok: true, text: "St Mary’s,£5,€1", encoding: "windows-1252" });
  });

  it("refuses binary and empty files", () => {
    expect(decodeSpendFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a CSV text file/),
    });
    expect(decodeSpendFile(new Uint8Array())).toEqual({ ok: false, message: "The file is empty." });
  });
});

describe("column detection", () => {
  const roles = (headers: string[]) => {
    const m = detectColumns(headers);
    return Object.fromEntries(
      Object.entries(m)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, headers[v as number]]),
    );
  };

  it("detects the layouts councils publish", () => {
    expect(
      roles([
        "Body",
        "Organisation Name",
        "Date",
        "Net Amount",
        "Irrecoverable VAT",
        "Supplier(Beneficiary) Name",
        "Expense Area",
        "Expense Code",
        "Purpose of Spend",
      ]),
    ).toMatchObject({
      date: "Date",
      amount: "Net Amount",
      service: "Expense Area",
      supplier: "Supplier(Beneficiary) Name",
      body: "Organisation Name",
    });
    expect(
      roles([
        "Payment Date",
        "Transaction Number",
        "Net Amount",
        "Directorate / Service Where Expenditure Incurred",
        "SeRCOP Expenditure Category",
      ]),
    ).toEqual({
      date: "Payment Date",
      transactionId: "Transaction Number",
      amount: "Net Amount",
      service: "Directorate / Service Where Expenditure Incurred",
      expenseType: "SeRCOP Expenditure Category",
    });
    expect(
      roles(["Service Area", "Expenditure Category", "Paid Date", "Trans No", "Amount"]),
    ).toEqual({
      service: "Service Area",
      expenseType: "Expenditure Category",
      date: "Paid Date",
      transactionId: "Trans No",
      amount: "Amount",
    });
    expect(roles(["Service Label", "Expenditure category", "Payment date"])).toEqual({
      service: "Service Label",
      expenseType: "Expenditure category",
      date: "Payment date",
    });
    expect(roles(["Expenses Type", "Invoice Payment Date"])).toEqual({
      expenseType: "Expenses Type",
      date: "Invoice Payment Date",
    });
  });

  it("forgives a one-letter typo but not an unrelated word", () => {
    expect(scoreHeader("Expenditure Catergory", "expenseType")).toBeGreaterThan(0);
    expect(scoreHeader("Irrecoverable VAT", "amount")).toBe(0);
  });
});

describe("CSV for spreadsheets", () => {
  it("neutralises cells that begin like formulas", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(neutraliseCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseCell("Council")).toBe("Council");
  });

  it("quotes commas, quotes and line breaks and writes credits in brackets", () => {
    expect(toCsv([["a,b", 'say "hi"', "x\ny"]])).toBe('"a,b","say ""hi""","x\ny"\r\n');
    expect(penceCell(-1250)).toBe("(12.50)");
    expect(penceCell(5)).toBe("0.05");
  });
});
