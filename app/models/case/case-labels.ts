import type { CaseReadPurpose, CaseStatus, EventApproach, HouseholdRole, JourneyEventKind } from "../../../db/schema/cases";

export const KIND_LABELS: Record<JourneyEventKind, string> = {
  referral: "Referral",
  assessment: "Assessment",
  intervention: "Intervention",
  contact: "Contact",
  crisis: "Crisis",
  outcome: "Outcome",
};

export const APPROACH_LABELS: Record<EventApproach, string> = { preventative: "Preventative", reactive: "Reactive" };

export const STATUS_LABELS: Record<CaseStatus, string> = { active: "Active", stepped_down: "Stepped down", closed: "Closed" };

export const ROLE_LABELS: Record<HouseholdRole, string> = {
  adult: "Adult",
  child: "Child",
  grandparent: "Grandparent",
  extended_family: "Extended family",
  other: "Other",
};

export const PURPOSE_LABELS: Record<CaseReadPurpose, string> = {
  case_review: "Case review",
  analysis: "Analysis",
  evaluation: "Evaluation",
  audit: "Audit",
};

/* The value lists for forms and validation, from the label records (the schema's enums fix their keys). */
export const EVENT_KIND_VALUES = Object.keys(KIND_LABELS) as [JourneyEventKind, ...JourneyEventKind[]];
export const APPROACH_VALUES = Object.keys(APPROACH_LABELS) as [EventApproach, ...EventApproach[]];
export const STATUS_VALUES = Object.keys(STATUS_LABELS) as [CaseStatus, ...CaseStatus[]];
export const PURPOSE_VALUES = Object.keys(PURPOSE_LABELS) as [CaseReadPurpose, ...CaseReadPurpose[]];
