import { findHeaderRow, isBlankRow, readTables, type Table } from "../import/table.server";
import { ImportFileError } from "../import/upload.server";
import { parseFinancialYear } from "../unit-cost/financial-year";
import { parseIndexMilli } from "./uprate";

export type DeflatorValue = { financialYear: string; indexMilli: number };
export type DeflatorParse = { values: DeflatorValue[]; problems: Array<{ number: number; message: string }> };

const HEADERS = {
  year: ["financial year", "year", "fiscal year"],
  index: ["gdp deflator", "gdp deflator at market prices", "deflator", "index", "gdp deflators at market prices"],
};

/** A year-like first cell ("2015-16", "2015/16", "2015") marks a data row; anything else is a note. */
const YEARISH = /^(?:fy\s*)?\d{4}/i;

function parseRows(rows: Table["rows"], yearCol: number, indexCol: number): DeflatorParse {
  const values: DeflatorValue[] = [];
  const problems: DeflatorParse["problems"] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const yearText = row.cells[yearCol] ?? "";
    const indexText = (row.cells[indexCol] ?? "").replace(/,/g, "");
    // HM Treasury's sheet has footnotes under the table; only rows that start with a year are data.
    if (!YEARISH.test(yearText)) continue;
    const financialYear = parseFinancialYear(yearText);
    if (!financialYear) {
      problems.push({ number: row.number, message: `“${yearText.slice(0, 30)}” is not a financial year such as 2015-16` });
      continue;
    }
    const indexMilli = parseIndexMilli(indexText);
    if (indexMilli === null) {
      problems.push({ number: row.number, message: indexText ? `The index for ${financialYear}, “${indexText.slice(0, 30)}”, is not a positive number` : `The index for ${financialYear} is empty` });
      continue;
    }
    if (seen.has(financialYear)) {
      problems.push({ number: row.number, message: `${financialYear} appears more than once` });
      continue;
    }
    seen.add(financialYear);
    values.push({ financialYear, indexMilli });
  }
  return { values, problems };
}

/** Values typed or pasted into the form: one "2015-16, 87.473" (or tab-separated) pair per line. */
export function parseDeflatorText(text: string): DeflatorParse {
  const rows = text.split(/\r?\n/).map((line, i) => ({ number: i + 1, cells: line.split(/[,\t;]/).map((c) => c.trim()) }));
  const firstLine = rows.find((r) => !isBlankRow(r));
  // A pasted header line ("Financial year, GDP deflator") is not data.
  const data = rows.filter((r) => !(r === firstLine && /year|index|deflator/i.test(r.cells[0] ?? "")));
  const parsed = parseRows(data, 0, 1);
  for (const row of data) {
    if (!isBlankRow(row) && !YEARISH.test(row.cells[0] ?? "")) parsed.problems.push({ number: row.number, message: `“${(row.cells[0] ?? "").slice(0, 30)}” is not a financial year such as 2015-16` });
  }
  parsed.problems.sort((a, b) => a.number - b.number);
  return parsed;
}

/**
 * HM Treasury's "GDP deflators at market prices" file (CSV or .xlsx, title rows above the
 * header, footnotes below): the financial year and index columns.
 */
export async function parseDeflatorFile(bytes: Uint8Array): Promise<DeflatorParse> {
  const tables = await readTables(bytes);
  for (const table of tables) {
    const header = findHeaderRow(table, HEADERS, ["year", "index"]);
    if (!header || header.columns.year === undefined || header.columns.index === undefined) continue;
    const parsed = parseRows(table.rows.slice(header.index + 1), header.columns.year, header.columns.index);
    if (parsed.values.length === 0 && parsed.problems.length === 0) throw new ImportFileError("The file has a header row but no financial years below it.");
    return parsed;
  }
  if (tables.every((t) => t.rows.every(isBlankRow))) throw new ImportFileError("The file is empty.");
  throw new ImportFileError("No header row was found: the file needs a “Financial year” column and a “GDP deflator” (or “Index”) column, as in HM Treasury's GDP deflators at market prices.");
}
