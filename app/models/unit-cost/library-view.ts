import type { DeflatorValue } from "../deflator/deflator-parse.server";
import { upratePence } from "../deflator/uprate";
import { implausibleFlags, staleFlag, type Flag, type UnitCostSettingsValues } from "./unit-cost.policy";

export type Uprating =
  | { kind: "none" }
  | { kind: "same-year"; pence: number }
  | { kind: "uprated"; pence: number; fromIndexMilli: number; toIndexMilli: number }
  | { kind: "no-deflator"; missing: string[] };

/**
 * What the library shows for each entry: its flags (stale, implausible, each with the reason) and,
 * when a target year and series are chosen, the cost in that year's prices — or plainly which
 * price year the series lacks.
 */
export function buildLibraryView<T extends { id: string; unit: string; outcomeDetail: string; fiscalCostPence: number; priceYear: string }>(
  entries: T[],
  options: { settings: UnitCostSettingsValues; currentYear: string; targetYear: string | null; series: { values: DeflatorValue[] } | null },
): Array<T & { flags: Flag[]; uprating: Uprating }> {
  const implausible = implausibleFlags(entries, options.settings.implausibleFactor);
  const index = new Map((options.series?.values ?? []).map((v) => [v.financialYear, v.indexMilli]));
  const target = options.targetYear;
  return entries.map((e) => {
    const flags: Flag[] = [];
    const stale = staleFlag(e.priceYear, options.currentYear, options.settings.staleAfterYears);
    if (stale) flags.push(stale);
    const odd = implausible.get(e.id);
    if (odd) flags.push(odd);
    let uprating: Uprating = { kind: "none" };
    if (target && options.series) {
      if (target === e.priceYear) uprating = { kind: "same-year", pence: e.fiscalCostPence };
      else {
        const from = index.get(e.priceYear);
        const to = index.get(target);
        if (from === undefined || to === undefined) {
          uprating = { kind: "no-deflator", missing: [from === undefined ? e.priceYear : null, to === undefined ? target : null].filter((y): y is string => y !== null) };
        } else uprating = { kind: "uprated", pence: upratePence(e.fiscalCostPence, from, to), fromIndexMilli: from, toIndexMilli: to };
      }
    }
    return { ...e, flags, uprating };
  });
}
