import { can, type Role } from "../access/access.policy";

export function canEditInsights(role: Role): boolean {
  return can(role, "insight:edit");
}

/**
 * A unit cost whose price year began more than this many years before the year it is judged in
 * is stale: the Green Book asks for costs uprated to current prices, and an old figure quoted as
 * it stands understates (or overstates) what a service costs now. ADR 015.
 */
export const STALE_AFTER_YEARS = 10;

export function priceYearStart(priceYear: string): number | null {
  const match = /^(\d{4})/.exec(priceYear.trim());
  return match ? Number(match[1]) : null;
}

export function isStalePriceYear(priceYear: string, asOf = new Date()): boolean {
  const start = priceYearStart(priceYear);
  return start === null || asOf.getUTCFullYear() - start > STALE_AFTER_YEARS;
}

export type EvidencePiece = {
  kind: string;
  agencyId: string | null;
  datedAt: number | null;
  priceYear?: string;
};

export type EvidenceStrength = {
  pieces: number;
  agencies: number;
  newest: number | null;
  oldest: number | null;
  stale: number;
  /** Plain-English summary, e.g. "5 pieces from 3 agencies; 1 stale unit cost". */
  summary: string;
};

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** How much backs an insight: how many pieces, from how many agencies, how fresh. */
export function evidenceStrength(pieces: EvidencePiece[], asOf = new Date()): EvidenceStrength {
  const agencies = new Set(pieces.map((p) => p.agencyId).filter((a): a is string => a !== null));
  const dates = pieces.map((p) => p.datedAt).filter((d): d is number => d !== null);
  const stale = pieces.filter(
    (p) => p.priceYear !== undefined && isStalePriceYear(p.priceYear, asOf),
  ).length;
  const parts = [
    pieces.length === 0
      ? "No evidence linked yet"
      : `${plural(pieces.length, "piece", "pieces")} of evidence from ${plural(agencies.size, "agency", "agencies")}`,
  ];
  if (stale) parts.push(plural(stale, "stale unit cost", "stale unit costs"));
  return {
    pieces: pieces.length,
    agencies: agencies.size,
    newest: dates.length ? Math.max(...dates) : null,
    oldest: dates.length ? Math.min(...dates) : null,
    stale,
    summary: parts.join("; "),
  };
}
