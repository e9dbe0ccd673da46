import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { agencies, sessions, users, workspaces } from "./core";
import { unitCosts } from "./costs";
import { imports } from "./imports";
import { localities } from "./places";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/*
 * Case evidence is pseudonymised by design: there is no column for a name, a date of birth or an
 * address anywhere here, and free text is checked for identifiers before it is stored.
 */

/** The workspace's common set of vulnerability criteria. */
export const commonCriteria = sqliteTable(
  "common_criteria",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("common_criteria_workspace_label_uq").on(t.workspaceId, t.label)],
);

/** One agency's own criterion (e.g. police: "3+ domestic incidents in 12 months"), mapped to a common one. */
export const agencyCriteria = sqliteTable(
  "agency_criteria",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    commonCriterionId: text("common_criterion_id").references(() => commonCriteria.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("agency_criteria_workspace_idx").on(t.workspaceId, t.agencyId)],
);

export const CASE_STATUSES = ["active", "stepped_down", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A pseudonymised family, known by its reference code only. */
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    reference: text("reference").notNull(),
    localityId: text("locality_id").references(() => localities.id, { onDelete: "set null" }),
    owningAgencyId: text("owning_agency_id").references(() => agencies.id, {
      onDelete: "set null",
    }),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("active"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("cases_workspace_reference_uq").on(t.workspaceId, t.reference),
    index("cases_workspace_idx").on(t.workspaceId, t.status),
  ],
);

export const HOUSEHOLD_ROLES = [
  "adult",
  "child",
  "grandparent",
  "extended_family",
  "other",
] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

/** A member of the household by role and number only ("Adult 1", "Child 2"). */
export const caseHouseholdMembers = sqliteTable(
  "case_household_members",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    role: text("role", { enum: HOUSEHOLD_ROLES }).notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("case_household_case_idx").on(t.caseId)],
);

export const caseCriteria = sqliteTable(
  "case_criteria",
  {
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    commonCriterionId: text("common_criterion_id")
      .notNull()
      .references(() => commonCriteria.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.commonCriterionId] }),
    index("case_criteria_criterion_idx").on(t.commonCriterionId),
  ],
);

export const JOURNEY_EVENT_KINDS = [
  "referral",
  "assessment",
  "intervention",
  "contact",
  "crisis",
  "outcome",
] as const;
export type JourneyEventKind = (typeof JOURNEY_EVENT_KINDS)[number];

export const EVENT_APPROACHES = ["preventative", "reactive"] as const;
export type EventApproach = (typeof EVENT_APPROACHES)[number];

/**
 * One agency's account of one point in a family's journey. Several agencies may record their own
 * account of the same episode (same `episode_key`): the journey keeps them side by side.
 * Cost is explicit (`cost_pence`) or a unit cost × quantity, keeping that unit cost's price year.
 */
export const journeyEvents = sqliteTable(
  "journey_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    /** Midnight UTC of the day, in ms. */
    occurredOn: integer("occurred_on").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "set null" }),
    service: text("service").notNull().default(""),
    kind: text("kind", { enum: JOURNEY_EVENT_KINDS }).notNull(),
    householdMemberId: text("household_member_id").references(() => caseHouseholdMembers.id, {
      onDelete: "set null",
    }),
    description: text("description").notNull().default(""),
    recordingAgencyId: text("recording_agency_id").references(() => agencies.id, {
      onDelete: "set null",
    }),
    approach: text("approach", { enum: EVENT_APPROACHES }).notNull().default("reactive"),
    costPence: integer("cost_pence"),
    unitCostId: text("unit_cost_id").references(() => unitCosts.id, { onDelete: "set null" }),
    /** Quantity of the unit cost, in thousandths (1.5 weeks = 1500). */
    quantityMilli: integer("quantity_milli"),
    episodeKey: text("episode_key"),
    importId: text("import_id").references(() => imports.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("journey_events_case_idx").on(t.caseId, t.occurredOn),
    index("journey_events_workspace_idx").on(t.workspaceId),
    // Covers the per-case totals of the case list and high-tariff list (ADR 011): no table reads.
    index("journey_events_totals_idx").on(t.workspaceId, t.caseId, t.agencyId, t.costPence, t.unitCostId, t.quantityMilli),
  ],
);

/**
 * Per-case totals the case list and the high-tariff list sort and show (ADR 011), kept by
 * `refreshCaseTotals` in the same transaction as every write that changes a case's events,
 * criteria or the unit costs its events use. Deleted with the case.
 */
export const caseTotals = sqliteTable(
  "case_totals",
  {
    caseId: text("case_id")
      .primaryKey()
      .references(() => cases.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    criteriaCount: integer("criteria_count").notNull().default(0),
    agencyCount: integer("agency_count").notNull().default(0),
    contacts: integer("contacts").notNull().default(0),
    costPence: integer("cost_pence").notNull().default(0),
  },
  (t) => [index("case_totals_workspace_idx").on(t.workspaceId)],
);

/**
 * The workspace's thresholds: the high-tariff list takes cases meeting at least `min_criteria`
 * common criteria or served by at least `min_agencies` agencies; duplication is the same kind of
 * assessment by two or more agencies within `duplication_days`; a gap is a crisis followed by
 * no support for `gap_days`. One row per workspace; absent means the defaults.
 */
export const caseSettings = sqliteTable("case_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  minCriteria: integer("min_criteria").notNull().default(3),
  minAgencies: integer("min_agencies").notNull().default(5),
  duplicationDays: integer("duplication_days").notNull().default(28),
  gapDays: integer("gap_days").notNull().default(28),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: integer("updated_at").notNull().default(now),
});

export const CASE_READ_PURPOSES = ["case_review", "analysis", "evaluation", "audit"] as const;
export type CaseReadPurpose = (typeof CASE_READ_PURPOSES)[number];

/**
 * The purpose a person gave for reading case-level detail, for the rest of that sign-in session
 * in that workspace. Ends with the session (cascade), so each new session asks again.
 */
export const caseReadPurposes = sqliteTable(
  "case_read_purposes",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: CASE_READ_PURPOSES }).notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.workspaceId] })],
);
