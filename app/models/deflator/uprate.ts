/**
 * Uprates an amount in pence between price years with two deflator indices (in thousandths):
 * pence × to ÷ from, rounded half up to the penny, in exact integer arithmetic.
 */
export function upratePence(pence: number, fromIndexMilli: number, toIndexMilli: number): number {
  if (fromIndexMilli <= 0 || toIndexMilli <= 0) throw new RangeError("Deflator indices must be positive");
  const numerator = BigInt(pence) * BigInt(toIndexMilli);
  const denominator = BigInt(fromIndexMilli);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

const INDEX = /^(\d+)(?:\.(\d+))?$/;

/** Thousandths of an index from its decimal text ("87.473" → 87473); more decimals round half up. */
export function parseIndexMilli(input: string): number | null {
  const match = INDEX.exec(input.trim());
  if (!match) return null;
  const decimals = match[2] ?? "";
  let milli = BigInt(match[1]) * 1000n + BigInt((decimals + "000").slice(0, 3));
  if (decimals.length > 3 && Number(decimals[3]) >= 5) milli += 1n;
  if (milli <= 0n || milli > 10n ** 9n) return null;
  return Number(milli);
}

export function formatIndexMilli(milli: number): string {
  const remainder = milli % 1000;
  return `${(milli - remainder) / 1000}.${String(remainder).padStart(3, "0")}`;
}
