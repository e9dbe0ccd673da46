import { describe, expect, it } from "vitest";

import { decodeText, sniffFormat } from "../../../app/models/import/decode";
import { findHeaderRow, readCsvTable } from "../../../app/models/import/table.server";
import { UNIT_COST_HEADERS } from "../../../app/models/unit-cost/unit-cost-import.server";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("decoding uploaded text", () => {
  it("reads Windows-1252 curly quotes, dashes, the euro and the pound as those characters", () => {
    expect(decodeText(bytes(0x91, 0x43, 0x92, 0x20, 0x96, 0x20, 0x80, 0xa3, 0x35))).toEqual({ text: "‘C’ – €£5", encoding: "windows-1252" });
  });

  it("strips a byte-order mark, and a doubly encoded one, before UTF-8 text", () => {
    const text = [...new TextEncoder().encode("Cost code")];
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...text)).text).toBe("Cost code");
    expect(decodeText(bytes(0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf, ...text)).text).toBe("Cost code");
  });

  it("tells workbooks, old workbooks, binary and text apart by their bytes", () => {
    expect(sniffFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0))).toBe("xlsx");
    expect(sniffFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe("xls");
    expect(sniffFormat(bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01))).toBe("binary");
    expect(sniffFormat(new TextEncoder().encode("a,b\r\nc,d\r\n"))).toBe("text");
  });
});

describe("finding the header row", () => {
  it("skips title rows and matches headers whatever their case, punctuation or units", () => {
    const table = readCsvTable(new TextEncoder().encode("Unit Cost Database\r\nVersion 2\r\n\r\nCOST CODE,Description,Unit,Fiscal Cost (£),Price year,Agency detail,Agency\r\nA,B,C,1,2015-16,D,E\r\n"));
    const header = findHeaderRow(table, UNIT_COST_HEADERS, ["description", "unit", "fiscalCost", "priceYear"]);
    expect(header).toEqual({ index: 3, rowNumber: 4, columns: { costCode: 0, description: 1, unit: 2, fiscalCost: 3, priceYear: 4, agencyDetail: 5, agency: 6 } });
  });
});
