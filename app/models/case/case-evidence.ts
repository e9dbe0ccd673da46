import type { EventApproach, JourneyEventKind } from "../../../db/schema/cases";
import { roundPence } from "./money";

/*
 * Derived evidence from journeys: pure functions over events already read (and already costed),
 * so the case page, the cases summary, exports and tests share one calculation.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export type EvidenceEvent = {
  id: string;
  occurredOn: number;
  agencyId: string | null;
  agencyName: string;
  recordingAgencyId: string | null;
  kind: JourneyEventKind;
  approach: EventApproach;
  /** Explicit or unit cost × quantity, already in whole pence; null when uncosted. */
  costPence: number | null;
  episodeKey: string | null;
  /** Only to compare outcome accounts of one episode; never returned. */
  description?: string;
};

export type AgencyTotals = { agencyId: string | null; agencyName: string; contacts: number; costPence: number };

export type Duplication = { eventIds: string[]; agencies: string[]; fromDay: number; toDay: number };
export type Gap = { crisisId: string; crisisOn: number; nextSupportId: string | null; nextSupportOn: number | null; days: number };
export type Disagreement = { episodeKey: string; eventIds: string[]; differences: Array<"dates" | "kinds" | "outcomes"> };

export type CaseEvidence = {
  agencies: AgencyTotals[];
  agencyCount: number;
  contacts: number;
  totalPence: number;
  reactivePence: number;
  preventativePence: number;
  duplications: Duplication[];
  gaps: Gap[];
  disagreements: Disagreement[];
};

/** Kinds that count as support after a crisis. */
const SUPPORT_KINDS: ReadonlySet<JourneyEventKind> = new Set(["referral", "assessment", "intervention", "contact"]);

function byDate(a: EvidenceEvent, b: EvidenceEvent) {
  return a.occurredOn - b.occurredOn || a.id.localeCompare(b.id);
}

/**
 * The same kind of assessment by two or more agencies within `windowDays`: each run of assessments
 * starting at one and taking every later one within the window counts once, when it holds at
 * least two agencies; the next run starts after it.
 */
export function findDuplications(events: EvidenceEvent[], windowDays: number): Duplication[] {
  const assessments = events.filter((e) => e.kind === "assessment" && e.agencyId).sort(byDate);
  const out: Duplication[] = [];
  let i = 0;
  while (i < assessments.length) {
    const start = assessments[i];
    let j = i;
    while (j + 1 < assessments.length && assessments[j + 1].occurredOn - start.occurredOn <= windowDays * DAY_MS) j += 1;
    const run = assessments.slice(i, j + 1);
    const agencies = [...new Set(run.map((e) => e.agencyName))];
    if (agencies.length >= 2) {
      out.push({ eventIds: run.map((e) => e.id), agencies, fromDay: start.occurredOn, toDay: run[run.length - 1].occurredOn });
      i = j + 1;
    } else {
      i += 1;
    }
  }
  return out;
}

/**
 * A crisis followed by no support (referral, assessment, intervention or contact, on the day or
 * later) for more than `gapDays`. With no later support at all, the gap runs to `asOf`.
 */
export function findGaps(events: EvidenceEvent[], gapDays: number, asOf: number): Gap[] {
  const sorted = [...events].sort(byDate);
  const out: Gap[] = [];
  for (const crisis of sorted) {
    if (crisis.kind !== "crisis") continue;
    const next = sorted.find((e) => e.id !== crisis.id && SUPPORT_KINDS.has(e.kind) && e.occurredOn >= crisis.occurredOn);
    const until = next ? next.occurredOn : asOf;
    const days = Math.floor((until - crisis.occurredOn) / DAY_MS);
    if (days > gapDays) out.push({ crisisId: crisis.id, crisisOn: crisis.occurredOn, nextSupportId: next?.id ?? null, nextSupportOn: next?.occurredOn ?? null, days });
  }
  return out;
}

/** Episodes recorded by more than one agency whose accounts differ in date, kind or outcome. */
export function findDisagreements(events: EvidenceEvent[]): Disagreement[] {
  const episodes = new Map<string, EvidenceEvent[]>();
  for (const e of events) {
    if (!e.episodeKey) continue;
    episodes.set(e.episodeKey, [...(episodes.get(e.episodeKey) ?? []), e]);
  }
  const out: Disagreement[] = [];
  for (const [episodeKey, accounts] of [...episodes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (new Set(accounts.map((a) => a.recordingAgencyId ?? a.agencyId)).size < 2) continue;
    const differences: Disagreement["differences"] = [];
    if (new Set(accounts.map((a) => a.occurredOn)).size > 1) differences.push("dates");
    if (new Set(accounts.map((a) => a.kind)).size > 1) differences.push("kinds");
    const outcomes = accounts.filter((a) => a.kind === "outcome").map((a) => (a.description ?? "").trim().toLowerCase());
    if (new Set(outcomes).size > 1) differences.push("outcomes");
    if (differences.length) out.push({ episodeKey, eventIds: accounts.sort(byDate).map((a) => a.id), differences });
  }
  return out;
}

export function deriveCaseEvidence(events: EvidenceEvent[], settings: { duplicationDays: number; gapDays: number }, asOf: number): CaseEvidence {
  const byAgency = new Map<string, AgencyTotals>();
  let totalPence = 0;
  let reactivePence = 0;
  let preventativePence = 0;
  for (const e of events) {
    const key = e.agencyId ?? "";
    const row = byAgency.get(key) ?? { agencyId: e.agencyId, agencyName: e.agencyName, contacts: 0, costPence: 0 };
    row.contacts += 1;
    row.costPence += e.costPence ?? 0;
    byAgency.set(key, row);
    totalPence += e.costPence ?? 0;
    if (e.approach === "reactive") reactivePence += e.costPence ?? 0;
    else preventativePence += e.costPence ?? 0;
  }
  const agencies = [...byAgency.values()].sort((a, b) => b.costPence - a.costPence || a.agencyName.localeCompare(b.agencyName, "en-GB"));
  return {
    agencies,
    agencyCount: agencies.filter((a) => a.agencyId).length,
    contacts: events.length,
    totalPence,
    reactivePence,
    preventativePence,
    duplications: findDuplications(events, settings.duplicationDays),
    gaps: findGaps(events, settings.gapDays, asOf),
    disagreements: findDisagreements(events),
  };
}

export type Spread = { count: number; total: number; mean: number; median: number; min: number; max: number; lowerQuartile: number; upperQuartile: number };

/** Where quantile p falls among `count` sorted values (d3's rule: linear between neighbours). */
function quantileAt(count: number, p: number): { index: number; fraction: number } {
  const position = (count - 1) * p;
  return { index: Math.floor(position), fraction: position - Math.floor(position) };
}

const QUANTILES = [0.25, 0.5, 0.75] as const;

/** The positions in sorted order a spread needs: the first, the last and each quantile's two neighbours. */
export function spreadIndexes(count: number): number[] {
  if (!count) return [];
  const wanted = new Set([0, count - 1]);
  for (const p of QUANTILES) {
    const { index } = quantileAt(count, p);
    wanted.add(index);
    wanted.add(Math.min(index + 1, count - 1));
  }
  return [...wanted].sort((a, b) => a - b);
}

/**
 * Totals, mean, median and spread from the count, the total and the values at `spreadIndexes`
 * in sorted order — so a database can sort and hand back only those few (averages rounded half
 * up to whole units).
 */
export function spreadFromOrder(count: number, total: number, valueAt: (index: number) => number): Spread {
  if (!count) return { count: 0, total: 0, mean: 0, median: 0, min: 0, max: 0, lowerQuartile: 0, upperQuartile: 0 };
  const quantile = (p: number) => {
    const { index, fraction } = quantileAt(count, p);
    const low = valueAt(index);
    return fraction ? low + (valueAt(Math.min(index + 1, count - 1)) - low) * fraction : low;
  };
  return {
    count,
    total,
    mean: roundPence(total / count),
    median: roundPence(quantile(0.5)),
    min: valueAt(0),
    max: valueAt(count - 1),
    lowerQuartile: roundPence(quantile(0.25)),
    upperQuartile: roundPence(quantile(0.75)),
  };
}

/** Totals, mean, median and spread of integer values; averages rounded half up to whole units. */
export function summarise(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return spreadFromOrder(
    sorted.length,
    sorted.reduce((s, v) => s + v, 0),
    (i) => sorted[i],
  );
}

/** Statistical disclosure control: counts under this are shown as "fewer than 5" to non-analysts. */
export const DISCLOSURE_THRESHOLD = 5;

export type ShownCount = { value: number | null; text: string };

export function showCount(n: number, reveal: boolean): ShownCount {
  if (reveal || n === 0 || n >= DISCLOSURE_THRESHOLD) return { value: n, text: n.toLocaleString("en-GB") };
  return { value: null, text: "fewer than 5" };
}

export type CriteriaPair = { criteria: [string, string]; cases: number };

/** The most frequent pairs first, ties by their names. */
export function rankProfiles(pairs: CriteriaPair[], limit = 10): CriteriaPair[] {
  return [...pairs].sort((a, b) => b.cases - a.cases || a.criteria.join().localeCompare(b.criteria.join())).slice(0, limit);
}

/** The pairs of common criteria that occur together most often across cases. */
export function criteriaProfiles(casesCriteria: string[][], limit = 10): CriteriaPair[] {
  const counts = new Map<string, number>();
  for (const list of casesCriteria) {
    const sorted = [...new Set(list)].sort();
    for (let i = 0; i < sorted.length; i += 1)
      for (let j = i + 1; j < sorted.length; j += 1) {
        const key = `${sorted[i]}\u0000${sorted[j]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  }
  return rankProfiles(
    [...counts.entries()].map(([key, cases]) => ({ criteria: key.split("\u0000") as [string, string], cases })),
    limit,
  );
}
