import { parse } from "csv-parse/sync";

import { parseDecimal } from "./decimal";
import { MAX_FILE_BYTES } from "./indicator-import.constants";
import { parsePeriod } from "./period";

/*
 * Reading an indicator values file. Two layouts:
 * - the Praxis template: Indicator, Period, Value, Note, Source (one row per value);
 * - Scotland's Local Government Benchmarking Framework data files: indicator code, council,
 *   year ("2021-22"), value; one file may hold many councils (the person picks one).
 * The CSV grammar is csv-parse's; this module only maps columns and checks cells.
 */

export type CsvRow = { line: number; indicator: string; council: string; period: string; periodStart: number; value: string; micros: number; note: string; source: string };
export type BadRow = { line: number; reason: string };
export type ParsedCsv = { layout: "praxis" | "lgbf"; rows: CsvRow[]; bad: BadRow[]; councils: string[] };
export type CsvResult = { ok: true; file: ParsedCsv } | { ok: false, message: string };

const HEADERS = {
  indicator: ["indicator", "indicator name"],
  code: ["indicator code", "code", "lgbf code", "indicator ref", "ref"],
  council: ["council", "local authority", "authority", "la name", "council name"],
  period: ["period", "year", "financial year", "academic year"],
  value: ["value", "data value"],
  note: ["note", "notes"],
  source: ["source"],
} as const;

function findColumn(header: string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h));
}

export function parseIndicatorCsv(bytes: Uint8Array): CsvResult {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: "The file is larger than 5 MB. Split it, or remove councils and indicators you do not need." };
  if (bytes.includes(0)) return { ok: false, message: "This is not a CSV text file (it contains binary data). Save it from your spreadsheet as CSV UTF-8." };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8 (comma delimited)”." };
  }
  let records: string[][];
  let lines: number[];
  try {
    // `info` gives each record's last line; subtracting the line breaks inside its cells gives
    // the line it starts on, where a person sees it in a text editor.
    const parsed = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as Array<{
      info: { lines: number };
      record: string[];
    }>;
    records = parsed.map((r) => r.record);
    lines = parsed.map((r) => r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The file could not be read as CSV: ${detail}` };
  }
  if (records.length === 0) return { ok: false, message: "The file is empty." };
  const header = records[0].map((h) => h.toLowerCase().replace(/\s+/g, " ").trim());
  const col = {
    indicator: findColumn(header, HEADERS.indicator),
    code: findColumn(header, HEADERS.code),
    council: findColumn(header, HEADERS.council),
    period: findColumn(header, HEADERS.period),
    value: findColumn(header, HEADERS.value),
    note: findColumn(header, HEADERS.note),
    source: findColumn(header, HEADERS.source),
  };
  const layout = col.council >= 0 ? "lgbf" : "praxis";
  const key = layout === "lgbf" ? (col.code >= 0 ? col.code : col.indicator) : col.indicator >= 0 ? col.indicator : col.code;
  if (key < 0 || col.period < 0 || col.value < 0) {
    const delimiter = [";", "\t", "|"].find((d) => records[0].length === 1 && records[0][0].includes(d));
    const hint = delimiter ? ` The file seems to use ${delimiter === "\t" ? "tabs" : `“${delimiter}”`} between columns; save it with commas.` : "";
    return {
      ok: false,
      message: `The file's first row must name its columns: Indicator, Period, Value, Note and Source (the Praxis template), or Indicator code, Council, Year and Value (a Local Government Benchmarking Framework file).${hint}`,
    };
  }
  if (records.length === 1) return { ok: false, message: "The file has a header row but no values." };

  const rows: CsvRow[] = [];
  const bad: BadRow[] = [];
  const councils = new Set<string>();
  records.slice(1).forEach((record, i) => {
    const line = lines[i + 1] ?? i + 2;
    const cell = (index: number) => (index >= 0 ? (record[index] ?? "").trim() : "");
    const indicator = cell(key);
    const council = cell(col.council);
    const periodText = cell(col.period);
    const valueText = cell(col.value);
    if (!indicator) return bad.push({ line, reason: "The indicator is missing." });
    if (layout === "lgbf" && !council) return bad.push({ line, reason: "The council is missing." });
    const period = parsePeriod(periodText);
    if (!period) return bad.push({ line, reason: periodText ? `“${periodText}” is not a period Praxis can read (use 2014, 2021-22, 2021-06 or 2021-06-30).` : "The period is missing." });
    const value = parseDecimal(valueText);
    if (!value) return bad.push({ line, reason: valueText ? `“${valueText.slice(0, 40)}” is not a number.` : "The value is missing." });
    const source = layout === "lgbf" ? `Local Government Benchmarking Framework (Improvement Service): ${council}` : cell(col.source);
    if (!source) return bad.push({ line, reason: "The source is missing: say where the figure comes from." });
    if (council) councils.add(council);
    rows.push({ line, indicator, council, period: period.label, periodStart: period.start, value: value.text, micros: value.scaled, note: cell(col.note).slice(0, 1000), source: source.slice(0, 500) });
  });
  return { ok: true, file: { layout, rows, bad, councils: [...councils].sort((a, b) => a.localeCompare(b, "en-GB")) } };
}
