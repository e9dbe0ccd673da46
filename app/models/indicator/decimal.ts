/**
 * Exact decimals for indicator values and percentages: a value is kept as the decimal string a
 * person typed and as an integer scaled by 10^scale, so nothing passes through floating point.
 */
export const MICROS = 6;

export type ParsedDecimal = { text: string; scaled: number };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses "26", "1,234.5", "45.2%", "−3" into its normalised text and its value × 10^scale.
 * Returns null for anything else, for more decimal places than the scale holds, and for values
 * too large to hold exactly.
 */
export function parseDecimal(input: string, scale = MICROS): ParsedDecimal | null {
  const cleaned = input
    .trim()
    .replace(/\u2212/g, "-")
    .replace(/%$/, "")
    .trim();
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned) ? cleaned.replace(/,/g, "") : cleaned;
  const match = DECIMAL.exec(plain);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const trimmedFraction = fraction.replace(/0+$/, "");
  if (trimmedFraction.length > scale) return null;
  const digits = BigInt(whole + trimmedFraction.padEnd(scale, "0"));
  const scaledBig = sign === "-" ? -digits : digits;
  if (scaledBig > BigInt(Number.MAX_SAFE_INTEGER) || scaledBig < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const wholeText = whole.replace(/^0+(?=\d)/, "");
  const isZero = scaledBig === 0n;
  const text = `${sign === "-" && !isZero ? "-" : ""}${wholeText}${trimmedFraction ? `.${trimmedFraction}` : ""}`;
  return { text, scaled: Number(scaledBig) };
}

/** The decimal text of an integer scaled by 10^scale (the exact inverse of parseDecimal). */
export function formatScaled(scaled: number | bigint, scale = MICROS): string {
  const big = BigInt(scaled);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

const groupedNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** en-GB display of an exact decimal string: thousands separators on the whole part only. */
export function displayDecimal(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ""] = match;
  return `${sign}${groupedNumber.format(BigInt(whole))}${fraction}`;
}

/** Basis points (1% = 100) from a percentage such as "12.5" or "12.5%"; null when not 0–100. */
export function parsePercentBp(input: string): number | null {
  const parsed = parseDecimal(input, 2);
  if (!parsed || parsed.scaled < 0 || parsed.scaled > 10_000) return null;
  return parsed.scaled;
}

export function formatBp(bp: number): string {
  return `${formatScaled(bp, 2)}%`;
}
