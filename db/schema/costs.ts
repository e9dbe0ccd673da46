import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";
import { imports } from "./imports";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const CONFIDENCE_GRADES = ["high", "medium", "low"] as const;
export type ConfidenceGrade = (typeof CONFIDENCE_GRADES)[number];

/**
 * A unit cost, with the fields of the GMCA Unit Cost Database (HM Treasury Green Book
 * supplementary guidance). `agency` is the GMCA "agency" text (e.g. "Local authority"), not a
 * partner agency of the workspace. Every costed figure carries source, price year and grade.
 */
export const unitCosts = sqliteTable(
  "unit_costs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    costCode: text("cost_code").notNull().default(""),
    outcomeCategory: text("outcome_category").notNull().default(""),
    outcomeDetail: text("outcome_detail").notNull().default(""),
    description: text("description").notNull(),
    unit: text("unit").notNull(),
    fiscalCostPence: integer("fiscal_cost_pence").notNull(),
    agency: text("agency").notNull().default(""),
    agencyDetail: text("agency_detail").notNull().default(""),
    /** Financial year of the prices, "2015-16". */
    priceYear: text("price_year").notNull(),
    source: text("source").notNull(),
    confidence: text("confidence", { enum: CONFIDENCE_GRADES }).notNull().default("medium"),
    importId: text("import_id").references(() => imports.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("unit_costs_workspace_idx").on(t.workspaceId, t.costCode)],
);

/**
 * A price index series for uprating, in HM Treasury's "GDP deflators at market prices" layout:
 * one index per financial year. Each series states the release it was taken from and its source,
 * so an uprated figure can always say what it rests on.
 */
export const deflatorSeries = sqliteTable(
  "deflator_series",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** e.g. "September 2025 (Quarterly National Accounts)". */
    release: text("release").notNull(),
    source: text("source").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("deflator_series_workspace_idx").on(t.workspaceId)],
);

/**
 * One financial year's index. Stored in thousandths ("87.473" → 87473) so uprating is integer
 * arithmetic end to end; HM Treasury publishes the index to three decimal places.
 */
export const deflatorIndices = sqliteTable(
  "deflator_indices",
  {
    seriesId: text("series_id")
      .notNull()
      .references(() => deflatorSeries.id, { onDelete: "cascade" }),
    /** Financial year, "2015-16". */
    financialYear: text("financial_year").notNull(),
    indexMilli: integer("index_milli").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.financialYear] })],
);

/** Per-workspace settings of the unit-cost library (absent row: the defaults in unit-cost.policy.ts). */
export const unitCostSettings = sqliteTable("unit_cost_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** A cost whose price year is more than this many financial years before the current one is stale. */
  staleAfterYears: integer("stale_after_years").notNull(),
  /** A cost this many times above (or below) the median of its peers is implausible. */
  implausibleFactor: integer("implausible_factor").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});
