import { CONFIDENCE_GRADES, type ConfidenceGrade } from "../../../db/schema/costs";
import { delimiterHint, findHeaderRow, isBlankRow, readTables, type Table } from "../import/table.server";
import { ImportFileError } from "../import/upload.server";
import { parseFinancialYear } from "./financial-year";
import { parsePence } from "./money";

export type UnitCostFields = {
  costCode: string;
  outcomeCategory: string;
  outcomeDetail: string;
  description: string;
  unit: string;
  fiscalCostPence: number;
  agency: string;
  agencyDetail: string;
  priceYear: string;
  source: string;
  confidence: ConfidenceGrade;
};

type Column = keyof Omit<UnitCostFields, "fiscalCostPence"> | "fiscalCost";

/** Header names accepted for each column, normalised (lower case, words only). */
export const UNIT_COST_HEADERS: Record<Column, string[]> = {
  costCode: ["cost code", "code", "unit cost code", "reference"],
  outcomeCategory: ["outcome category", "category"],
  outcomeDetail: ["outcome detail", "detail"],
  description: ["description", "cost description", "unit cost description"],
  unit: ["unit", "unit of cost", "cost unit"],
  fiscalCost: ["fiscal cost", "fiscal cost gbp", "fiscal", "cost", "unit cost"],
  agency: ["agency", "agencies", "agency agencies"],
  agencyDetail: ["agency detail", "agency details"],
  priceYear: ["price year", "price base", "price base year", "prices year", "financial year"],
  source: ["source", "sources", "source of cost"],
  confidence: ["confidence", "confidence grade", "grade"],
};

const REQUIRED: Column[] = ["description", "unit", "fiscalCost", "priceYear"];

export const UNIT_COST_COLUMN_LABELS: Record<Column, string> = {
  costCode: "Cost code",
  outcomeCategory: "Outcome category",
  outcomeDetail: "Outcome detail",
  description: "Description",
  unit: "Unit",
  fiscalCost: "Fiscal cost",
  agency: "Agency",
  agencyDetail: "Agency detail",
  priceYear: "Price year",
  source: "Source",
  confidence: "Confidence",
};

const LIMITS: Partial<Record<Column, number>> = { costCode: 64, description: 2000, source: 1000 };

export type RowProblem = { number: number; messages: string[] };

export type UnitCostPreview = {
  format: "csv" | "xlsx";
  sheet: string | null;
  encoding: string | null;
  headerRow: number;
  columns: Column[];
  rows: Array<{ number: number; fields: UnitCostFields }>;
  problems: RowProblem[];
};

function parseConfidence(text: string): ConfidenceGrade | null {
  const t = text.trim().toLowerCase();
  if (t === "") return "low";
  if ((CONFIDENCE_GRADES as readonly string[]).includes(t)) return t as ConfidenceGrade;
  return ({ h: "high", m: "medium", med: "medium", l: "low" } as const)[t as "h" | "m" | "med" | "l"] ?? null;
}

function parseTable(table: Table, header: NonNullable<ReturnType<typeof findHeaderRow<Column>>>, defaultSource: string): UnitCostPreview {
  const rows: UnitCostPreview["rows"] = [];
  const problems: RowProblem[] = [];
  const cols = header.columns;
  for (const row of table.rows.slice(header.index + 1)) {
    if (isBlankRow(row)) continue;
    const cell = (c: Column) => (cols[c] === undefined ? "" : (row.cells[cols[c]] ?? ""));
    const messages: string[] = [];
    for (const c of Object.keys(UNIT_COST_HEADERS) as Column[]) {
      const max = LIMITS[c] ?? 200;
      if (cell(c).length > max) messages.push(`${UNIT_COST_COLUMN_LABELS[c]} is longer than ${max.toLocaleString("en-GB")} characters`);
    }
    const description = cell("description");
    if (!description) messages.push("Description is empty");
    const unit = cell("unit");
    if (!unit) messages.push("Unit is empty");
    const costText = cell("fiscalCost");
    const fiscalCostPence = parsePence(costText);
    if (!costText) messages.push("Fiscal cost is empty");
    else if (fiscalCostPence === null) messages.push(`Fiscal cost “${costText.slice(0, 60)}” is not an amount of money in pounds`);
    const yearText = cell("priceYear");
    const priceYear = parseFinancialYear(yearText);
    if (!yearText) messages.push("Price year is empty");
    else if (!priceYear) messages.push(`Price year “${yearText.slice(0, 30)}” is not a financial year such as 2015-16`);
    const source = cell("source") || defaultSource;
    if (!source) messages.push("Source is empty (and no source was given for the whole file)");
    const confidenceText = cell("confidence");
    const confidence = parseConfidence(confidenceText);
    if (!confidence) messages.push(`Confidence “${confidenceText.slice(0, 30)}” is not high, medium or low`);
    if (messages.length || fiscalCostPence === null || !priceYear || !confidence) {
      problems.push({ number: row.number, messages });
      continue;
    }
    rows.push({
      number: row.number,
      fields: {
        costCode: cell("costCode"),
        outcomeCategory: cell("outcomeCategory"),
        outcomeDetail: cell("outcomeDetail"),
        description,
        unit,
        fiscalCostPence,
        agency: cell("agency"),
        agencyDetail: cell("agencyDetail"),
        priceYear,
        source,
        confidence,
      },
    });
  }
  return {
    format: table.format,
    sheet: table.sheet,
    encoding: table.encoding ?? null,
    headerRow: header.rowNumber,
    columns: Object.keys(cols) as Column[],
    rows,
    problems,
  };
}

/**
 * Reads a unit-cost file (CSV, or the GMCA workbook with title rows and several sheets): the first
 * table with a header row is used. A file-level problem throws ImportFileError; row problems are
 * listed in the preview by row number.
 */
export async function parseUnitCostFile(bytes: Uint8Array, defaultSource: string): Promise<UnitCostPreview> {
  const tables = await readTables(bytes);
  for (const table of tables) {
    const header = findHeaderRow(table, UNIT_COST_HEADERS, REQUIRED);
    if (!header) continue;
    const preview = parseTable(table, header, defaultSource);
    if (preview.rows.length === 0 && preview.problems.length === 0) {
      throw new ImportFileError(`The file has a header row (row ${header.rowNumber}${table.sheet ? ` of sheet “${table.sheet}”` : ""}) but no rows of costs below it.`);
    }
    return preview;
  }
  const hint = tables.length === 1 ? delimiterHint(tables[0]) : null;
  if (hint) throw new ImportFileError(hint);
  if (tables.every((t) => t.rows.every(isBlankRow))) throw new ImportFileError("The file is empty.");
  const needed = REQUIRED.map((c) => UNIT_COST_COLUMN_LABELS[c]).join(", ");
  throw new ImportFileError(
    `No header row was found${tables.length > 1 ? ` on any of the ${tables.length} sheets` : ""}: the file needs columns named ${needed} (the GMCA Unit Cost Database layout).`,
  );
}
