import { formatScaled } from "../indicator/decimal";

/**
 * The cost-avoidance calculation (HM Treasury Green Book / GMCA cost-benefit method):
 *   gross        = change × unit cost
 *   after deadweight = gross × (1 − deadweight)
 *   attributable = after deadweight × attribution
 *   net          = attributable × (1 − optimism bias)
 * Worked in exact integers (BigInt): the change in millionths, money in pence, percentages in
 * basis points. Each step is rounded to the nearest penny (halves away from zero) only for
 * display; the net figure is rounded once, from the exact product, so the steps shown never
 * compound rounding. See docs/decisions/014-indicators-and-savings.md.
 */
export type SavingsInput = {
  changeMicros: number;
  unitCostPence: number;
  deadweightBp: number;
  attributionBp: number;
  optimismBiasBp: number;
};

export type SavingsResult = {
  grossPence: number;
  afterDeadweightPence: number;
  attributablePence: number;
  netPence: number;
};

export const ROUNDING_RULE = "Each figure is worked out exactly and rounded once to the nearest penny (halves away from zero).";

const MICRO = 1_000_000n;
const BP = 10_000n;

function roundDiv(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return Number(negative ? -q : q);
}

export function computeSavings(input: SavingsInput): SavingsResult {
  const change = BigInt(input.changeMicros);
  const cost = BigInt(input.unitCostPence);
  const keep = BP - BigInt(input.deadweightBp);
  const attribution = BigInt(input.attributionBp);
  const realism = BP - BigInt(input.optimismBiasBp);
  const gross = change * cost;
  return {
    grossPence: roundDiv(gross, MICRO),
    afterDeadweightPence: roundDiv(gross * keep, MICRO * BP),
    attributablePence: roundDiv(gross * keep * attribution, MICRO * BP * BP),
    netPence: roundDiv(gross * keep * attribution * realism, MICRO * BP * BP * BP),
  };
}

const gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** £ from integer pence without floating point (the pounds part goes through BigInt formatting). */
export function formatPence(pence: number): string {
  const negative = pence < 0;
  const abs = BigInt(Math.abs(pence));
  const pounds = abs / 100n;
  const rest = String(abs % 100n).padStart(2, "0");
  const poundsText = gbp.format(pounds).replace(/\.00$/, "");
  return `${negative ? "−" : ""}${poundsText}.${rest}`;
}

export function changeText(changeMicros: number): string {
  return formatScaled(changeMicros);
}
