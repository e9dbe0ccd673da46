/*
 * Money as integer pence from the decimal text a spreadsheet wrote, without ever going through
 * floating point: the digits are read as strings and put together as integers.
 */
export type PenceResult = { ok: true; pence: number } | { ok: false; reason: string };

const SPREADSHEET_ERRORS = /^#(N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!)$/i;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * "£1,234.56", "-12.5", "(300.00)" (a credit), "1234" → pence. Digits past the penny are
 * rounded half away from zero ("0.125" → 13p), as a ledger would.
 */
export function parsePence(raw: string): PenceResult {
  let text = raw.trim();
  if (text === "") return { ok: false, reason: "the amount is empty" };
  if (SPREADSHEET_ERRORS.test(text))
    return { ok: false, reason: `the amount is a spreadsheet error (${text})` };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith("-") || text.startsWith("−")) {
    if (negative) return { ok: false, reason: `“${raw.trim()}” is not an amount` };
    negative = true;
    text = text.slice(1).trim();
  }
  text = text.replace(/^£\s*/, "").replace(/\s*GBP$/i, "");
  if (text.startsWith("-") && !negative) {
    negative = true;
    text = text.slice(1);
  }
  if (!GROUPED.test(text) && !PLAIN.test(text))
    return { ok: false, reason: `“${raw.trim()}” is not an amount` };
  const [whole, fraction = ""] = text.replace(/,/g, "").split(".");
  const pennies = (fraction + "00").slice(0, 2);
  const roundUp = fraction.length > 2 && fraction.charCodeAt(2) >= 53; // "5"
  const digits = `${whole || "0"}${pennies}`.replace(/^0+(?=\d)/, "");
  if (digits.length > 15)
    return { ok: false, reason: `“${raw.trim()}” is too large to be one line of spend` };
  const magnitude = Number(digits) + (roundUp ? 1 : 0);
  return { ok: true, pence: negative && magnitude !== 0 ? -magnitude : magnitude };
}

const POUNDS = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** 123456 → "£1,234.56"; -5000 → "−£50.00". Integer arithmetic only. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? "−" : "";
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const pennies = abs - pounds * 100;
  return `${sign}£${POUNDS.format(pounds)}.${String(pennies).padStart(2, "0")}`;
}

/** Whole pounds for headline figures and chart labels: 1234567 → "£12,346" (half up). */
export function formatWholePounds(pence: number): string {
  const sign = pence < 0 ? "−" : "";
  const abs = Math.abs(pence);
  return `${sign}£${POUNDS.format(Math.floor((abs + 50) / 100))}`;
}

/** Pence as the plain decimal a CSV file carries: -5 → "-0.05". */
export function penceToDecimal(pence: number): string {
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  return `${pence < 0 ? "-" : ""}${pounds}.${String(abs - pounds * 100).padStart(2, "0")}`;
}

/** Basis points (0–10000) as a percentage with one decimal: 3750 → "37.5%". */
export function formatBasisPoints(bp: number): string {
  const tenths = Math.round(bp / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** "37.5", "37.5%", "40" → basis points; null when it is not a share between 0 and 100. */
export function parseSharePercent(raw: string): number | null {
  const text = raw.trim().replace(/%$/, "").trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ""] = text.split(".");
  const bp = Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
  return bp <= 10000 ? bp : null;
}

/**
 * The share of `pence` attributable to vulnerable families, summed exactly: the SQL sums the
 * quotient and the remainder of amount ÷ 10000 separately (see spend-aggregates.server.ts), so
 * the result is round(whole × 10000 + remainderProducts) / 10000 (half away from zero), never a
 * float of money.
 */
export function combineShare(wholeProducts: number, remainderProducts: number): number {
  // In ten-thousandths of a penny the sum can pass 2^53, so it is put together as a BigInt.
  const exact = BigInt(wholeProducts) * 10000n + BigInt(remainderProducts);
  const negative = exact < 0n;
  const rounded = ((negative ? -exact : exact) + 5000n) / 10000n;
  return Number(negative ? -rounded : rounded);
}

/** Vulnerable-family share of a total in basis points (integer, half up). */
export function shareOf(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((part * 10000 + Math.floor(total / 2)) / total);
}
