/*
 * Which column of a spend file plays which part. Councils name their columns as they please
 * ("Expense Area", "Service Label", "Directorate / Service Where Expenditure Incurred"), with
 * typos ("Expenditure Catergory"), so each header is scored against phrases for each role,
 * tokens matching when equal or one edit apart; then the best pairs are taken greedily.
 */
export const COLUMN_ROLES = [
  "date",
  "year",
  "amount",
  "service",
  "expenseType",
  "supplier",
  "transactionId",
  "body",
  "agency",
  "area",
  "category",
  "share",
  "approach",
  "notes",
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Role → column index, or null where the file has no such column. */
export type ColumnMapping = Record<ColumnRole, number | null>;

export const COLUMN_ROLE_LABELS: Record<ColumnRole, string> = {
  date: "Payment date",
  year: "Financial year",
  amount: "Amount",
  service: "Service or expense area",
  expenseType: "Expenditure category (the publisher's)",
  supplier: "Supplier",
  transactionId: "Transaction id",
  body: "Body (publisher)",
  agency: "Agency",
  area: "Area",
  category: "Spend category (Praxis)",
  share: "Vulnerable-family share (%)",
  approach: "Approach",
  notes: "Notes",
};

const PHRASES: Record<ColumnRole, string[]> = {
  date: [
    "payment date",
    "paid date",
    "date paid",
    "invoice payment date",
    "transaction date",
    "posting date",
    "date",
  ],
  year: ["financial year", "fiscal year", "year"],
  amount: ["net amount", "amount", "payment amount", "total amount", "value", "amount paid", "net"],
  service: [
    "service area",
    "expense area",
    "service label",
    "service",
    "directorate",
    "department",
    "cost centre",
    "service where expenditure incurred",
    "portfolio",
  ],
  expenseType: [
    "expenditure category",
    "expense type",
    "expenses type",
    "expense code",
    "expenditure type",
    "sercop expenditure category",
    "purpose of spend",
    "expense description",
  ],
  supplier: ["supplier", "supplier name", "beneficiary", "vendor", "payee", "merchant"],
  transactionId: [
    "transaction number",
    "trans no",
    "transaction id",
    "transaction reference",
    "transaction",
    "invoice number",
    "document number",
    "reference",
  ],
  body: ["body", "body name", "organisation name", "organisation", "organization name"],
  agency: ["agency", "partner agency", "partner"],
  area: ["area", "locality", "ward", "neighbourhood"],
  category: ["spend category", "praxis category", "category"],
  share: ["vulnerable family share", "vulnerable share", "share"],
  approach: ["approach", "reactive preventative universal"],
  notes: ["notes", "note", "comments"],
};

/** Headers a role must not take even though a phrase matches ("Irrecoverable VAT" is no amount). */
const EXCLUDE: Partial<Record<ColumnRole, string[]>> = {
  amount: ["vat", "code", "number", "no"],
  category: ["expenditure", "expense", "expenses", "sercop"],
  area: ["service", "expense"],
  date: ["year"],
  year: ["date"],
  body: ["supplier"],
};

export function normaliseHeader(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function tokenMatches(token: string, word: string): boolean {
  return token === word || (word.length >= 5 && editDistanceAtMostOne(token, word));
}

/** How well a header fits a role: 0 for not at all; more for longer phrases matched whole. */
export function scoreHeader(header: string, role: ColumnRole): number {
  const tokens = normaliseHeader(header);
  if (tokens.length === 0) return 0;
  if ((EXCLUDE[role] ?? []).some((word) => tokens.includes(word))) return 0;
  let best = 0;
  for (const phrase of PHRASES[role]) {
    const words = phrase.split(" ");
    if (!words.every((word) => tokens.some((token) => tokenMatches(token, word)))) continue;
    const score =
      10 * words.length + (words.length === tokens.length ? 5 : 0) - (tokens.length - words.length);
    if (score > best) best = score;
  }
  return best;
}

export function emptyMapping(): ColumnMapping {
  return Object.fromEntries(COLUMN_ROLES.map((role) => [role, null])) as ColumnMapping;
}

/** The detected mapping: each role its best-scoring header, each header at most one role. */
export function detectColumns(headers: string[]): ColumnMapping {
  const pairs: Array<{ role: ColumnRole; column: number; score: number }> = [];
  for (const role of COLUMN_ROLES) {
    headers.forEach((header, column) => {
      const score = scoreHeader(header, role);
      if (score > 0) pairs.push({ role, column, score });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping = emptyMapping();
  const taken = new Set<number>();
  for (const pair of pairs) {
    if (mapping[pair.role] !== null || taken.has(pair.column)) continue;
    mapping[pair.role] = pair.column;
    taken.add(pair.column);
  }
  return mapping;
}
