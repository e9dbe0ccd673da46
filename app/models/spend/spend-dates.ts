import { isExists, isValid, parse } from "date-fns";

export type SpendDate = { iso: string; financialYear: number };

// The layouts councils' transparency files use; strict parsing rejects 31/02/2015.
const FORMATS = [
  "dd/MM/yyyy",
  "d/M/yyyy",
  "yyyy-MM-dd",
  "dd-MM-yyyy",
  "dd.MM.yyyy",
  "dd-MMM-yyyy",
  "d MMM yyyy",
  "dd MMM yyyy",
  "dd/MM/yy",
];
const REFERENCE = new Date(2000, 0, 1);

/** First calendar year of the UK financial year (April–March) a day falls in. */
export function financialYearOf(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

/** "2014" → "2014-15". */
export function formatFinancialYear(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

/** "14/07/2015", "2015-07-14", "2015-07-14T00:00:00", "14/07/2015 00:00" → the day and its financial year. */
export function parseSpendDate(raw: string): SpendDate | null {
  const text = raw
    .trim()
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, "")
    .trim();
  if (!text) return null;
  // The two layouts nearly every file uses, read without date-fns' general parser (a 16,000-row
  // file would spend most of its preview there); the day is still checked by date-fns.
  const quick =
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (quick) {
    const iso = quick[0].includes("-");
    const [year, month, day] = iso
      ? [quick[1], quick[2], quick[3]].map(Number)
      : [quick[3], quick[2], quick[1]].map(Number);
    if (year < 1990 || year > 2100 || !isExists(year, month - 1, day)) return null;
    return {
      iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      financialYear: financialYearOf(year, month),
    };
  }
  for (const format of FORMATS) {
    const date = parse(text, format, REFERENCE);
    if (!isValid(date)) continue;
    const year = date.getFullYear();
    if (year < 1990 || year > 2100) continue;
    const month = date.getMonth() + 1;
    const iso = `${year}-${String(month).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    return { iso, financialYear: financialYearOf(year, month) };
  }
  return null;
}

/** "2014-15", "2014/15", "2014" → 2014; null otherwise. */
export function parseFinancialYear(raw: string): number | null {
  const match = /^(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?$/.exec(raw.trim());
  if (!match) return null;
  const first = Number(match[1]);
  if (first < 1990 || first > 2100) return null;
  if (match[2]) {
    const second = Number(match[2].slice(-2));
    if (second !== (first + 1) % 100) return null;
  }
  return first;
}
