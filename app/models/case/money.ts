/*
 * Money as integer pence end to end. Parsing reads the decimal text itself and formatting splits
 * pounds from pence with integer arithmetic, so no figure passes through a binary fraction.
 */

/**
 * A unit cost × a quantity in thousandths, in whole pence: the exact product is rounded half up
 * once, at the end (BigInt, so a large cost × a long stay cannot lose precision).
 */
export function costFromUnit(fiscalCostPence: number, quantityMilli: number): number {
  const product = BigInt(fiscalCostPence) * BigInt(quantityMilli);
  const rounded = (product + 500n) / 1000n;
  return Number(rounded);
}

/** "1,234.56" or "£28000" → pence; null when it is not an amount of money. */
export function parsePounds(input: string): number | null {
  const text = input.trim().replace(/^£/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "1.5" → 1500 thousandths; null when not a positive quantity with at most three decimals. */
export function parseQuantityMilli(input: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(input.trim());
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return milli > 0 ? milli : null;
}

const wholePounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0, minimumFractionDigits: 0 });

/** 2800000 → "£28,000.00"; pence kept exact. */
export function formatPence(pence: number): string {
  const negative = pence < 0;
  const abs = Math.abs(Math.trunc(pence));
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${negative ? "−" : ""}${wholePounds.format(pounds)}.${String(rest).padStart(2, "0")}`;
}

/** For a chart axis: "£28k", "£1.2m". */
export function formatPenceShort(pence: number): string {
  const pounds = pence / 100;
  if (pounds >= 1_000_000) return `£${(pounds / 1_000_000).toFixed(1)}m`;
  if (pounds >= 1_000) return `£${Math.round(pounds / 1_000)}k`;
  return `£${Math.round(pounds)}`;
}

/** Half up to whole pence, for a median or mean of integer pence. */
export function roundPence(value: number): number {
  return Math.floor(value + 0.5);
}

/** 120050 → "1200.50", the text a cost field is filled with (parsePounds reads it back exactly). */
export function penceToInput(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
}

/** 1500 → "1.5", the text a quantity field is filled with. */
export function quantityToInput(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const rest = String(milli % 1000).padStart(3, "0").replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : String(whole);
}
