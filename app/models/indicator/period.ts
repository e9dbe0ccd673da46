/**
 * Period labels as councils and the Scottish Government publish them: a calendar year ("2014"),
 * a financial or academic year ("2021-22", "2021/22", "2021-2022"), a month ("2021-06") or a day
 * ("2021-06-30"). Each gets a start date (midnight UTC, ms) that orders values and places them on
 * the chart. Financial years start on 1 April.
 */
export type ParsedPeriod = { label: string; start: number; kind: "year" | "financial-year" | "month" | "day" };

export function parsePeriod(input: string): ParsedPeriod | null {
  const text = input.trim();
  let m = /^(\d{4})$/.exec(text);
  if (m) return { label: m[1], start: Date.UTC(Number(m[1]), 0, 1), kind: "year" };
  m = /^(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (second !== first + 1 && !(m[2].length === 2 && second + 100 === first + 1)) {
      // "2021-06" is a month, not a financial year.
      if (m[2].length === 2 && /^\d{4}-\d{2}$/.test(text)) return parseMonth(text);
      return null;
    }
    const label = `${first}-${String(first + 1).slice(2)}`;
    return { label, start: Date.UTC(first, 3, 1), kind: "financial-year" };
  }
  if (/^\d{4}-\d{2}$/.test(text)) return parseMonth(text);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const start = Date.UTC(y, mo - 1, d);
    const check = new Date(start);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return { label: text, start, kind: "day" };
  }
  return null;
}

function parseMonth(text: string): ParsedPeriod | null {
  const [y, mo] = text.split("-").map(Number);
  if (mo < 1 || mo > 12) return null;
  return { label: text, start: Date.UTC(y, mo - 1, 1), kind: "month" };
}

export const PERIOD_HINT = 'A year ("2014"), a financial or academic year ("2021-22"), a month ("2021-06") or a day ("2021-06-30")';
