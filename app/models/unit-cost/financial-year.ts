/*
 * UK financial years (1 April to 31 March), written "2015-16" everywhere in Praxis.
 */

const FORMS = /^(?:fy\s*)?(\d{4})\s*(?:[-/–—]|\sto\s)\s*(\d{2}|\d{4})$/i;

/** "2015-16" from "2015-16", "2015/16", "2015–2016", "FY2015-16" or "2015 to 2016"; else null. */
export function parseFinancialYear(input: string): string | null {
  const match = FORMS.exec(input.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const endText = match[2];
  const end = endText.length === 4 ? Number(endText) : Number(String(start + 1).slice(0, 2) + endText);
  if (end !== start + 1 || start < 1900 || start > 2200) return null;
  return formatFinancialYear(start);
}

export function formatFinancialYear(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;
}

export function financialYearStart(year: string): number {
  return Number(year.slice(0, 4));
}

/** The financial year a moment falls in (UK: April to March), e.g. 3 December 2026 → "2026-27". */
export function currentFinancialYear(now = Date.now()): string {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  return formatFinancialYear(date.getUTCMonth() >= 3 ? year : year - 1);
}

export function compareFinancialYears(a: string, b: string): number {
  return financialYearStart(a) - financialYearStart(b);
}
