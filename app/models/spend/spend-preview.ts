import type { ColumnMapping } from "./spend-columns";
import { parseSpendDate, parseFinancialYear } from "./spend-dates";
import {
  parseApproach,
  parseCategory,
  valueKey,
  type SpendApproach,
  type SpendCategory,
} from "./spend-labels";
import { parsePence, parseSharePercent } from "./spend-money";

/*
 * From the staged rows of a file and the person's choices (column mapping, mapping rules,
 * defaults) to the lines that will be written, the rows that cannot be read and the totals the
 * preview states. Pure and cheap, so the preview recomputes on every change of mapping and the
 * commit writes exactly what the preview showed.
 */
export type StagedRow = { line: number; cells: string[] };

export type SpendRule = {
  value: string;
  agencyId: string | null;
  service: string;
  category: SpendCategory;
  vulnerableShareBp: number;
  approach: SpendApproach;
};

export type ImportDefaults = {
  agencyId: string | null;
  localityId: string | null;
  category: SpendCategory;
  vulnerableShareBp: number;
  approach: SpendApproach;
};

export type SpendDraft = {
  line: number;
  financialYear: number;
  agencyId: string | null;
  service: string;
  localityId: string | null;
  category: SpendCategory;
  amountPence: number;
  vulnerableShareBp: number;
  approach: SpendApproach;
  notes: string;
};

export type RowProblem = { line: number; reason: string };

export type ServiceValue = { key: string; value: string; lines: number; totalPence: number };

export type SpendPreview = {
  drafts: SpendDraft[];
  problems: RowProblem[];
  totalPence: number;
  credits: number;
  creditPence: number;
  /** Distinct service / expense-area values, most spend first: what mapping rules are set for. */
  serviceValues: ServiceValue[];
  /** Problems with the mapping itself (no amount column…): nothing can be imported until fixed. */
  mappingErrors: string[];
};

type Named = { id: string; name: string };

export type PreviewInput = {
  headers: string[];
  rows: StagedRow[];
  mapping: ColumnMapping;
  rules: Record<string, SpendRule>;
  defaults: ImportDefaults;
  agencies: Named[];
  localities: Named[];
};

export function mappingErrors(mapping: ColumnMapping): string[] {
  const errors: string[] = [];
  if (mapping.amount === null) errors.push("Choose the column that holds the amounts.");
  if (mapping.date === null && mapping.year === null)
    errors.push("Choose the column that holds the payment date or the financial year.");
  return errors;
}

function byName(list: Named[]): Map<string, string> {
  return new Map(list.map((item) => [item.name.trim().toLowerCase(), item.id]));
}

/** Rows worked through between pauses when the preview is built in slices. */
const SLICE = 250;

export function buildSpendPreview(input: PreviewInput): SpendPreview {
  const steps = previewSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same preview, pausing every SLICE rows (`pause` lets the server's other requests run). */
export async function buildSpendPreviewInSlices(
  input: PreviewInput,
  pause: () => Promise<unknown>,
): Promise<SpendPreview> {
  const steps = previewSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function onceEach<T>(read: (raw: string) => T): (raw: string) => T {
  const seen = new Map<string, T>();
  return (raw) => {
    if (seen.has(raw)) return seen.get(raw) as T;
    const value = read(raw);
    seen.set(raw, value);
    return value;
  };
}

function* previewSteps(input: PreviewInput): Generator<void, SpendPreview> {
  const { mapping, rules, defaults, headers } = input;
  const errors = mappingErrors(mapping);
  const empty: SpendPreview = {
    drafts: [],
    problems: [],
    totalPence: 0,
    credits: 0,
    creditPence: 0,
    serviceValues: [],
    mappingErrors: errors,
  };
  if (errors.length) return empty;
  const agencyIds = byName(input.agencies);
  const localityIds = byName(input.localities);
  const cell = (row: StagedRow, column: number | null) =>
    column === null ? "" : (row.cells[column] ?? "").trim();
  const drafts: SpendDraft[] = [];
  const problems: RowProblem[] = [];
  const values = new Map<string, ServiceValue>();
  let totalPence = 0;
  let credits = 0;
  let creditPence = 0;

  // A file repeats its dates and its service values thousands of times: each is read once.
  const readDate = onceEach(parseSpendDate);
  const keyOf = onceEach(valueKey);

  let done = 0;
  for (const row of input.rows) {
    if (++done % SLICE === 0) yield;
    const reasons: string[] = [];
    const amount = parsePence(cell(row, mapping.amount));
    if (!amount.ok) reasons.push(amount.reason);

    let financialYear: number | null = null;
    let day = "";
    if (mapping.date !== null) {
      const raw = cell(row, mapping.date);
      const parsed = readDate(raw);
      if (parsed) {
        financialYear = parsed.financialYear;
        day = parsed.iso;
      } else
        reasons.push(
          raw ? `“${raw}” is not a date (use dd/mm/yyyy or yyyy-mm-dd)` : "the date is empty",
        );
    } else {
      const raw = cell(row, mapping.year);
      financialYear = parseFinancialYear(raw);
      if (financialYear === null)
        reasons.push(
          raw ? `“${raw}” is not a financial year (use 2014-15)` : "the financial year is empty",
        );
    }

    const value = cell(row, mapping.service);
    const serviceKey = value ? keyOf(value) : "";
    const rule = value ? rules[serviceKey] : undefined;

    let agencyId = rule?.agencyId ?? defaults.agencyId;
    if (mapping.agency !== null && cell(row, mapping.agency)) {
      const name = cell(row, mapping.agency);
      const id = agencyIds.get(name.toLowerCase());
      if (id) agencyId = id;
      else reasons.push(`there is no agency called “${name}” in this workspace`);
    }
    let localityId = defaults.localityId;
    if (mapping.area !== null && cell(row, mapping.area)) {
      const name = cell(row, mapping.area);
      const id = localityIds.get(name.toLowerCase());
      if (id) localityId = id;
      else reasons.push(`there is no area called “${name}” in this workspace`);
    }
    let category = rule?.category ?? defaults.category;
    if (mapping.category !== null && cell(row, mapping.category)) {
      const parsed = parseCategory(cell(row, mapping.category));
      if (parsed) category = parsed;
      else reasons.push(`“${cell(row, mapping.category)}” is not a spend category`);
    }
    let vulnerableShareBp = rule?.vulnerableShareBp ?? defaults.vulnerableShareBp;
    if (mapping.share !== null && cell(row, mapping.share)) {
      const parsed = parseSharePercent(cell(row, mapping.share));
      if (parsed !== null) vulnerableShareBp = parsed;
      else reasons.push(`“${cell(row, mapping.share)}” is not a share between 0 and 100%`);
    }
    let approach = rule?.approach ?? defaults.approach;
    if (mapping.approach !== null && cell(row, mapping.approach)) {
      const parsed = parseApproach(cell(row, mapping.approach));
      if (parsed) approach = parsed;
      else
        reasons.push(`“${cell(row, mapping.approach)}” is not reactive, preventative or universal`);
    }

    if (reasons.length || !amount.ok || financialYear === null) {
      problems.push({ line: row.line, reason: reasons.join("; ") });
      continue;
    }
    const notes = [
      cell(row, mapping.notes),
      mapping.expenseType !== null && cell(row, mapping.expenseType)
        ? `${headers[mapping.expenseType]}: ${cell(row, mapping.expenseType)}`
        : "",
      mapping.supplier !== null && cell(row, mapping.supplier)
        ? `Supplier: ${cell(row, mapping.supplier)}`
        : "",
      mapping.transactionId !== null && cell(row, mapping.transactionId)
        ? `Transaction: ${cell(row, mapping.transactionId)}`
        : "",
      day ? `Paid: ${day}` : "",
    ]
      .filter(Boolean)
      .join("; ")
      .slice(0, 2000);
    drafts.push({
      line: row.line,
      financialYear,
      agencyId,
      service: (rule?.service || value).slice(0, 200),
      localityId,
      category,
      amountPence: amount.pence,
      vulnerableShareBp,
      approach,
      notes,
    });
    totalPence += amount.pence;
    if (amount.pence < 0) {
      credits++;
      creditPence += amount.pence;
    }
    if (value) {
      let seen = values.get(serviceKey);
      if (!seen) {
        seen = { key: serviceKey, value, lines: 0, totalPence: 0 };
        values.set(serviceKey, seen);
      }
      seen.lines++;
      seen.totalPence += amount.pence;
    }
  }
  const serviceValues = [...values.values()].sort(
    (a, b) => b.totalPence - a.totalPence || a.value.localeCompare(b.value),
  );
  return { drafts, problems, totalPence, credits, creditPence, serviceValues, mappingErrors: [] };
}
