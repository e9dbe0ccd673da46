import { can, type Role } from "../access/access.policy";
import { financialYearStart } from "./financial-year";
import { formatPence } from "./money";

export function canManageUnitCosts(role: Role): boolean {
  return can(role, "evidence:manage");
}

export const DEFAULT_STALE_AFTER_YEARS = 5;
export const DEFAULT_IMPLAUSIBLE_FACTOR = 10;
/** Entries are only judged implausible in a group of at least this many of the same unit and outcome detail. */
export const MIN_GROUP = 3;

export type UnitCostSettingsValues = { staleAfterYears: number; implausibleFactor: number };

export type Flag = { kind: "stale" | "implausible"; reason: string };

/** Stale: the price year is more than `staleAfterYears` financial years before the current one. */
export function staleFlag(priceYear: string, currentYear: string, staleAfterYears: number): Flag | null {
  const age = financialYearStart(currentYear) - financialYearStart(priceYear);
  if (age <= staleAfterYears) return null;
  return { kind: "stale", reason: `Prices of ${priceYear} are ${age} years old; costs older than ${staleAfterYears} years are treated as stale.` };
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  if (sorted.length % 2) return sorted[mid];
  // Halving the sum of two integers: floor keeps it integer pence.
  return Math.floor((sorted[mid - 1] + sorted[mid]) / 2);
}

export function peerKey(entry: { unit: string; outcomeDetail: string }): string {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  return `${norm(entry.unit)}\u0000${norm(entry.outcomeDetail)}`;
}

/**
 * Implausible: far outside the entries of the same unit and outcome detail: at least `factor`
 * times above, or at most one `factor`th of, the group's median. The median is taken over the
 * whole group (at least three entries), so one outlier cannot drag the yardstick it is judged by.
 */
export function implausibleFlags<T extends { id: string; unit: string; outcomeDetail: string; fiscalCostPence: number }>(
  entries: T[],
  factor: number,
): Map<string, Flag> {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    if (!e.outcomeDetail.trim()) continue;
    const key = peerKey(e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const flags = new Map<string, Flag>();
  for (const group of groups.values()) {
    if (group.length < MIN_GROUP) continue;
    const m = median(group.map((o) => o.fiscalCostPence).sort((a, b) => a - b));
    for (const e of group) {
      const peers = `the median (${formatPence(m)}) of the ${group.length} costs “${e.unit.trim()}” for “${e.outcomeDetail.trim()}”`;
      if (m > 0 && e.fiscalCostPence >= m * factor) {
        flags.set(e.id, { kind: "implausible", reason: `${formatPence(e.fiscalCostPence)} is ${factor} or more times ${peers}.` });
      } else if (e.fiscalCostPence * factor <= m) {
        flags.set(e.id, { kind: "implausible", reason: `${formatPence(e.fiscalCostPence)} is a ${factor}th or less of ${peers}.` });
      }
    }
  }
  return flags;
}
