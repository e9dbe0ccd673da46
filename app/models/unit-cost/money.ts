/*
 * Money as integer pence end to end: amounts are parsed from their decimal text and formatted
 * from integers, never through binary floating point.
 */

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const MAX_PENCE = 10n ** 15n;

/**
 * Pence from an amount as people write it: "£28,000", "93000", "1,234.5", "£1234.56". More than
 * two decimals (a workbook's computed cell) are rounded half up on the decimal digits. Returns
 * null for anything else (text, negative amounts, ranges, "k" or "m" suffixes).
 */
export function parsePence(input: string): number | null {
  const text = input.trim().replace(/^£\s*/, "").replace(/^GBP\s*/i, "");
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const pounds = BigInt(match[1].replace(/,/g, ""));
  const decimals = match[2] ?? "";
  let pence = pounds * 100n + BigInt((decimals + "00").slice(0, 2));
  if (decimals.length > 2 && Number(decimals[2]) >= 5) pence += 1n;
  if (pence > MAX_PENCE) return null;
  return Number(pence);
}

const grouping = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "£28,000" for whole pounds, "£1,234.50" otherwise. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? "−" : "";
  const abs = Math.abs(pence);
  const remainder = abs % 100;
  const pounds = (abs - remainder) / 100;
  return `${sign}£${grouping.format(pounds)}${remainder ? `.${String(remainder).padStart(2, "0")}` : ""}`;
}

/** "28000.00": the amount in a form field, from pence. */
export function penceToInput(pence: number): string {
  const remainder = pence % 100;
  return `${(pence - remainder) / 100}.${String(remainder).padStart(2, "0")}`;
}
