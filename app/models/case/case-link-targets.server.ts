import { aliasedTable, and, asc, desc, eq, inArray, or } from "drizzle-orm";

import { cases, journeyEvents } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { db } from "../../utils/db.server";
import { containsText, type LinkTarget, type TargetLookup, type TargetQuery } from "../insight/link-target";

/*
 * Cases and journey events as an insight's evidence: by reference only. The picker and the
 * insight page show a case's reference code and status, and an event's date, kind and agency —
 * never its description (raw journey detail stays with the recording agency and analysts).
 */

const KIND_LABELS: Record<string, string> = {
  referral: "Referral",
  assessment: "Assessment",
  intervention: "Intervention",
  contact: "Contact",
  crisis: "Crisis",
  outcome: "Outcome",
};

const day = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

function caseTarget(row: { id: string; reference: string; status: string; agencyId: string | null; agencyName: string | null; createdAt: number }): LinkTarget {
  return {
    id: row.id,
    label: `Case ${row.reference}`,
    detail: [row.status.replace("_", " "), row.agencyName ? `owned by ${row.agencyName}` : null].filter(Boolean).join(" · "),
    agencyId: row.agencyId,
    datedAt: null,
  };
}

const caseColumns = {
  id: cases.id,
  reference: cases.reference,
  status: cases.status,
  agencyId: cases.owningAgencyId,
  agencyName: agencies.name,
  createdAt: cases.createdAt,
};

export async function searchCaseTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await db()
    .select(caseColumns)
    .from(cases)
    .leftJoin(agencies, eq(agencies.id, cases.owningAgencyId))
    .where(and(eq(cases.workspaceId, workspaceId), q ? containsText(cases.reference, q) : undefined))
    .orderBy(asc(cases.reference))
    .limit(limit);
  return rows.map(caseTarget);
}

export async function getCaseTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select(caseColumns)
    .from(cases)
    .leftJoin(agencies, eq(agencies.id, cases.owningAgencyId))
    .where(and(eq(cases.workspaceId, workspaceId), inArray(cases.id, ids)))
    .orderBy(asc(cases.reference));
  return rows.map(caseTarget);
}

const recording = aliasedTable(agencies, "recording_agency");

const eventColumns = {
  id: journeyEvents.id,
  occurredOn: journeyEvents.occurredOn,
  kind: journeyEvents.kind,
  service: journeyEvents.service,
  reference: cases.reference,
  agencyId: journeyEvents.agencyId,
  agencyName: agencies.name,
  recordingAgencyId: journeyEvents.recordingAgencyId,
  recordingName: recording.name,
};

function eventTarget(row: {
  id: string;
  occurredOn: number;
  kind: string;
  service: string;
  reference: string;
  agencyId: string | null;
  agencyName: string | null;
  recordingAgencyId: string | null;
  recordingName: string | null;
}): LinkTarget {
  return {
    id: row.id,
    label: `${KIND_LABELS[row.kind] ?? row.kind}, ${day.format(new Date(row.occurredOn))} (case ${row.reference})`,
    detail: [row.agencyName, row.service, row.recordingName && row.recordingName !== row.agencyName ? `recorded by ${row.recordingName}` : null]
      .filter(Boolean)
      .join(" · "),
    agencyId: row.recordingAgencyId ?? row.agencyId,
    datedAt: row.occurredOn,
  };
}

function eventQuery() {
  return db()
    .select(eventColumns)
    .from(journeyEvents)
    .innerJoin(cases, eq(cases.id, journeyEvents.caseId))
    .leftJoin(agencies, eq(agencies.id, journeyEvents.agencyId))
    .leftJoin(recording, eq(recording.id, journeyEvents.recordingAgencyId));
}

/** Matches on the case reference, the event kind, the service or the agency — not the description. */
export async function searchJourneyEventTargets({ workspaceId, q, limit }: TargetQuery): Promise<LinkTarget[]> {
  const rows = await eventQuery()
    .where(
      and(
        eq(journeyEvents.workspaceId, workspaceId),
        q ? or(containsText(cases.reference, q), containsText(journeyEvents.kind, q), containsText(journeyEvents.service, q), containsText(agencies.name, q)) : undefined,
      ),
    )
    .orderBy(asc(cases.reference), desc(journeyEvents.occurredOn))
    .limit(limit);
  return rows.map(eventTarget);
}

export async function getJourneyEventTargets({ workspaceId, ids }: TargetLookup): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  const rows = await eventQuery()
    .where(and(eq(journeyEvents.workspaceId, workspaceId), inArray(journeyEvents.id, ids)))
    .orderBy(asc(journeyEvents.occurredOn));
  return rows.map(eventTarget);
}
