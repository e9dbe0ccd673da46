import type { EventApproach, JourneyEventKind } from "../../../db/schema/cases";
import { deriveCaseEvidence, type CaseEvidence } from "./case-evidence";
import { seesEventInFull, toMonth, type CaseViewer } from "./case.policy";
import { renderJourneyChart } from "./journey-chart";

/** The fields of an event as read from the database (see listJourneyEvents). */
export type StoredEvent = {
  id: string;
  occurredOn: number;
  agencyId: string | null;
  agencyName: string;
  service: string;
  kind: JourneyEventKind;
  memberLabel: string | null;
  description: string;
  recordingAgencyId: string | null;
  recordingAgencyName: string | null;
  approach: EventApproach;
  costPence: number;
  unitCostCode: string | null;
  unitCostDescription: string | null;
  unitCostPriceYear: string | null;
  quantityMilli: number | null;
  episodeKey: string | null;
};

export type ViewedEvent = {
  id: string;
  /** Exact day when seen in full, the first of the month otherwise. */
  occurredOn: number;
  full: boolean;
  agencyName: string;
  kind: JourneyEventKind;
  approach: EventApproach;
  costPence: number;
  /** How the cost was reached: a unit cost × quantity with its price year. Shown to everyone (it is a costing, not case detail). */
  costBasis: string | null;
  episodeKey: string | null;
  disagreement: string[] | null;
  detail: { service: string; memberLabel: string | null; description: string; recordingAgencyName: string | null } | null;
};

export type CaseView = { events: ViewedEvent[]; evidence: CaseEvidence; chartSvg: string; fullCount: number; level: "full" | "partial" | "deidentified" };

function quantityText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const rest = milli % 1000;
  return rest ? `${whole}.${String(rest).padStart(3, "0").replace(/0+$/, "")}` : String(whole);
}

/**
 * What one viewer may see of a case's journey: events in full or de-identified (see
 * case.policy), the derived evidence, and the journey picture drawn from exactly what they see.
 */
export function buildCaseView(reference: string, viewer: CaseViewer, stored: StoredEvent[], settings: { duplicationDays: number; gapDays: number }, asOf: number): CaseView {
  const evidence = deriveCaseEvidence(stored, settings, asOf);
  const disagreementByEvent = new Map<string, string[]>();
  for (const d of evidence.disagreements) for (const id of d.eventIds) disagreementByEvent.set(id, d.differences);

  const events: ViewedEvent[] = stored.map((e) => {
    const full = seesEventInFull(viewer, e);
    return {
      id: e.id,
      occurredOn: full ? e.occurredOn : toMonth(e.occurredOn),
      full,
      agencyName: e.agencyName,
      kind: e.kind,
      approach: e.approach,
      costPence: e.costPence,
      costBasis: e.unitCostCode !== null && e.quantityMilli !== null ? `${quantityText(e.quantityMilli)} × ${e.unitCostCode} (${e.unitCostDescription ?? ""}), ${e.unitCostPriceYear} prices` : null,
      episodeKey: e.episodeKey,
      disagreement: disagreementByEvent.get(e.id) ?? null,
      detail: full ? { service: e.service, memberLabel: e.memberLabel, description: e.description, recordingAgencyName: e.recordingAgencyName } : null,
    };
  });

  const lanes: Array<{ id: string; name: string }> = [];
  const seen = new Set<string>();
  for (const e of [...stored].sort((a, b) => a.occurredOn - b.occurredOn)) {
    const id = e.agencyId ?? "none";
    if (seen.has(id)) continue;
    seen.add(id);
    lanes.push({ id, name: e.agencyName });
  }
  const chartSvg = renderJourneyChart({
    title: `Journey of case ${reference}: ${lanes.length} ${lanes.length === 1 ? "agency" : "agencies"}, ${stored.length} ${stored.length === 1 ? "event" : "events"}`,
    lanes,
    events: stored.map((e, i) => ({ id: e.id, occurredOn: events[i].occurredOn, laneId: e.agencyId ?? "none", kind: e.kind, approach: e.approach, costPence: e.costPence })),
  });
  const fullCount = events.filter((e) => e.full).length;
  const level = fullCount === events.length ? "full" : fullCount === 0 ? "deidentified" : "partial";
  return { events, evidence, chartSvg, fullCount, level };
}
