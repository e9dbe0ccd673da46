import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

import { decodeText, sniffFormat } from "./decode";
import { ImportFileError } from "./upload.server";

/*
 * Any tabular upload (CSV or .xlsx) as rows of cell text, each with the number a person sees in
 * their own program: the line number in a CSV file, the row number in a worksheet.
 */

export type TableRow = { number: number; cells: string[] };
export type Table = { sheet: string | null; rows: TableRow[]; format: "csv" | "xlsx"; encoding?: string };

const MAX_ROWS = 50_000;

function tooManyRows(): ImportFileError {
  return new ImportFileError(`The file has more than ${MAX_ROWS.toLocaleString("en-GB")} rows; split it into smaller files.`);
}

export function readCsvTable(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === "") throw new ImportFileError("The file is empty.");
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = typeof error === "object" && error && "lines" in error ? Number((error as { lines: unknown }).lines) : null;
    throw new ImportFileError(`The file is not readable as CSV${line ? ` (line ${line})` : ""}: check that every quoted value is closed.`);
  }
  if (records.length > MAX_ROWS) throw tooManyRows();
  return { sheet: null, format: "csv", encoding, rows: records.map((r) => ({ number: r.info.lines, cells: r.record.map((c) => c.trim()) })) };
}

/** Text of an exceljs cell value as a person reads it (formula results, rich text, links). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return "";
    if (typeof result === "object" && "error" in result) return String((result as { error: unknown }).error);
    return cellText(result as ExcelJS.CellValue);
  }
  if ("text" in value) return String(value.text).trim();
  if ("error" in value) return String(value.error);
  return "";
}

export async function readXlsxSheets(bytes: Uint8Array): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError("The file is not a readable Excel workbook (.xlsx). Save it again from your spreadsheet program, or as CSV.");
  }
  const tables: Table[] = [];
  let total = 0;
  workbook.eachSheet((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      // row.values is 1-based: index 0 is always empty.
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      for (const value of values) cells.push(cellText(value as ExcelJS.CellValue));
      rows.push({ number, cells });
    });
    total += rows.length;
    tables.push({ sheet: sheet.name, rows, format: "xlsx" });
  });
  if (total > MAX_ROWS) throw tooManyRows();
  return tables;
}

/** Every table the file holds: one for CSV, one per worksheet for .xlsx. */
export async function readTables(bytes: Uint8Array): Promise<Table[]> {
  if (bytes.byteLength === 0) throw new ImportFileError("The file is empty.");
  const format = sniffFormat(bytes);
  if (format === "xlsx") return readXlsxSheets(bytes);
  if (format === "xls") throw new ImportFileError("Old-style .xls workbooks cannot be read: save the workbook as .xlsx (Excel Workbook) or as CSV and upload that.");
  if (format === "binary") throw new ImportFileError("The file is not a CSV file or an Excel workbook (.xlsx): it contains binary data.");
  return [readCsvTable(bytes)];
}

export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((c) => c === "");
}

/**
 * When no header row was found in a CSV file, a likelier reason than missing columns is a
 * different separator: say so.
 */
export function delimiterHint(table: Table): string | null {
  if (table.format !== "csv") return null;
  const first = table.rows.find((r) => !isBlankRow(r));
  if (!first || first.cells.length > 1) return null;
  const line = first.cells[0] ?? "";
  if (line.includes(";")) return "The file seems to use semicolons between columns, not commas: save it as CSV (comma delimited) and upload it again.";
  if (line.includes("\t")) return "The file seems to use tabs between columns, not commas: save it as CSV (comma delimited) and upload it again.";
  if (line.includes("|")) return "The file seems to use vertical bars between columns, not commas: save it as CSV (comma delimited) and upload it again.";
  return null;
}

export function normaliseHeader(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export type HeaderMatch<F extends string> = { index: number; rowNumber: number; columns: Partial<Record<F, number>> };

/**
 * Finds the header row among the first rows of a table (published workbooks put titles and notes
 * above it): the first row naming every required column. A cell matches a field when its
 * normalised text equals one of the field's names or starts with one ("Fiscal cost (£)",
 * "GDP deflator at market prices (2023-24 = 100)"); the longest name wins.
 */
export function findHeaderRow<F extends string>(table: Table, names: Record<F, string[]>, required: F[], scanRows = 40): HeaderMatch<F> | null {
  const fields = Object.keys(names) as F[];
  for (let i = 0; i < Math.min(table.rows.length, scanRows); i++) {
    const columns: Partial<Record<F, number>> = {};
    const cells = table.rows[i].cells.map(normaliseHeader);
    cells.forEach((cell, col) => {
      if (!cell) return;
      let best: { field: F; length: number } | null = null;
      for (const field of fields) {
        if (columns[field] !== undefined) continue;
        for (const name of names[field]) {
          const hit = cell === name || cell.startsWith(`${name} `);
          if (hit && (!best || name.length > best.length)) best = { field, length: name.length };
        }
      }
      if (best) columns[best.field] = col;
    });
    if (required.every((f) => columns[f] !== undefined)) return { index: i, rowNumber: table.rows[i].number, columns };
  }
  return null;
}
