import { setImmediate as nextTurn } from "node:timers/promises";

import { CsvError, parse } from "csv-parse";

import { detectColumns, type ColumnMapping } from "./spend-columns";
import { decodeSpendFile } from "./spend-decode";
import { parsePence } from "./spend-money";
import type { StagedRow } from "./spend-preview";

/** The largest upload: a year of a big council's payments over £500 is a few MB. */
export const MAX_SPEND_FILE_BYTES = 20 * 1024 * 1024;
/** Text is fed to the parser in pieces of this size, yielding between them, so a large file does not hold up other requests. */
const CHUNK_CHARS = 16 * 1024;

export type ReadSpendFile =
  | {
      ok: true;
      headers: string[];
      rows: StagedRow[];
      mapping: ColumnMapping;
      encoding: string;
      bom: string;
      suggestedSource: string;
    }
  | { ok: false; message: string };

export function describeSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function delimiterHint(header: string): string | null {
  if (header.includes(";")) return "semicolons (;)";
  if (header.includes("\t")) return "tabs";
  if (header.includes("|")) return "vertical bars (|)";
  return null;
}

/** Parses with csv-parse (quoted commas and line breaks, ragged rows), yielding between chunks. */
async function parseRecords(text: string): Promise<Array<{ line: number; cells: string[] }>> {
  const records: Array<{ line: number; cells: string[] }> = [];
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
    max_record_size: 256 * 1024,
  });
  parser.on("readable", () => {
    let item: { record: string[]; info: { lines: number } } | null;
    while (
      (item = parser.read() as { record: string[]; info: { lines: number } } | null) !== null
    ) {
      records.push({ line: item.info.lines, cells: item.record });
    }
  });
  const finished = new Promise<void>((done, fail) => {
    parser.once("end", done);
    parser.once("error", fail);
  });
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    parser.write(text.slice(at, at + CHUNK_CHARS));
    await nextTurn();
  }
  parser.end();
  await finished;
  return records;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = "";
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

/**
 * Bytes → header, staged rows and the detected column mapping, or the one clear reason the
 * file cannot be imported at all. Row-level problems (a `#N/A` amount) are left to the preview.
 */
export async function readSpendFile(bytes: Uint8Array): Promise<ReadSpendFile> {
  if (bytes.length > MAX_SPEND_FILE_BYTES) {
    return {
      ok: false,
      message: `The file is ${describeSize(bytes.length)}; the largest file Praxis imports is ${describeSize(MAX_SPEND_FILE_BYTES)}. Split it (by quarter, say) and import each part.`,
    };
  }
  const decoded = decodeSpendFile(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === "") return { ok: false, message: "The file is empty." };
  let records: Array<{ line: number; cells: string[] }>;
  try {
    records = await parseRecords(decoded.text);
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return {
        ok: false,
        message: `The file cannot be read as CSV${line ? ` near line ${line}` : ""}: ${error.message.replace(/^Invalid [^:]*:\s*/, "")}`,
      };
    }
    throw error;
  }
  if (records.length === 0) return { ok: false, message: "The file is empty." };
  const headers = records[0].cells.map((h) => h.trim());
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  if (headers.length <= 1) {
    const hint = delimiterHint(records[0].cells.join(","));
    return {
      ok: false,
      message: hint
        ? `The file separates its columns with ${hint}, not commas. Save it as “CSV (comma delimited)” and upload it again.`
        : "The file has only one column. A spend file needs at least an amount and a date or financial year, separated by commas.",
    };
  }
  const rows: StagedRow[] = records
    .slice(1)
    .map((r) => ({ line: r.line, cells: r.cells.slice(0, headers.length).map((c) => c.trim()) }));
  if (rows.length === 0)
    return { ok: false, message: "The file has a header row but no lines of spend under it." };
  const mapping = detectColumns(headers);
  if (mapping.amount !== null) {
    const column = mapping.amount;
    if (!rows.some((r) => parsePence(r.cells[column] ?? "").ok)) {
      const sample = rows.map((r) => r.cells[column] ?? "").find((c) => c !== "") ?? "";
      return {
        ok: false,
        message: `No amounts can be read from the column “${headers[column]}”${sample ? `: it holds text such as “${sample.slice(0, 60)}” where amounts belong` : ": it is empty"}. Check the file has its amounts in that column.`,
      };
    }
  }
  const suggestedSource =
    mapping.body === null ? "" : mostCommon(rows.map((r) => r.cells[mapping.body as number] ?? ""));
  return {
    ok: true,
    headers,
    rows,
    mapping,
    encoding: decoded.encoding,
    bom: decoded.bom,
    suggestedSource,
  };
}
