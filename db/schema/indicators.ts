import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { agencies, users, workspaces } from "./core";
import { CONFIDENCE_GRADES, unitCosts } from "./costs";
import { imports } from "./imports";
import { actions, decisions } from "./learning";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const INDICATOR_POLARITIES = ["higher_is_better", "lower_is_better"] as const;
export type IndicatorPolarity = (typeof INDICATOR_POLARITIES)[number];

/*
 * Indicator values may be fractional (rates, percentages). Each is stored twice: the decimal
 * string as entered (for display, exactly) and the value in millionths as an integer (for
 * sorting, charts and sums without floating point). See docs/decisions/014-indicators-and-savings.md.
 */

/** An outcome measure, Results-Based Accountability style. */
export const indicators = sqliteTable(
  "indicators",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    unit: text("unit").notNull().default(""),
    polarity: text("polarity", { enum: INDICATOR_POLARITIES }).notNull(),
    /** The story behind the curve. */
    story: text("story").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
    /** A published indicator code (e.g. an LGBF code such as "CHN9"), matched by imports. */
    code: text("code").notNull().default(""),
    baselinePeriod: text("baseline_period"),
    baselineValue: text("baseline_value"),
    baselineMicros: integer("baseline_micros"),
    targetPeriod: text("target_period"),
    targetValue: text("target_value"),
    targetMicros: integer("target_micros"),
  },
  (t) => [index("indicators_workspace_idx").on(t.workspaceId)],
);

/** One dated value of an indicator. `period` is the label as published ("2014", "2021-22"). */
export const indicatorValues = sqliteTable(
  "indicator_values",
  {
    id: text("id").primaryKey(),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    /** Midnight UTC of the period's first day, in ms: the order and the chart's x position. */
    periodStart: integer("period_start").notNull(),
    value: text("value").notNull(),
    valueMicros: integer("value_micros").notNull(),
    note: text("note").notNull().default(""),
    source: text("source").notNull().default(""),
    importId: text("import_id").references(() => imports.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("indicator_values_period_uq").on(t.indicatorId, t.period), index("indicator_values_order_idx").on(t.indicatorId, t.periodStart)],
);

/** The partner agencies that share an indicator. */
export const indicatorAgencies = sqliteTable(
  "indicator_agencies",
  {
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.agencyId] })],
);

export const indicatorActions = sqliteTable(
  "indicator_actions",
  {
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.actionId] }), index("indicator_actions_action_idx").on(t.actionId)],
);

export const indicatorDecisions = sqliteTable(
  "indicator_decisions",
  {
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    decisionId: text("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.decisionId] }), index("indicator_decisions_decision_idx").on(t.decisionId)],
);

/**
 * A cost-avoidance estimate (HM Treasury Green Book / GMCA method) from a change in an indicator
 * and a unit cost. The unit cost's figures are copied in when the estimate is made, so the
 * estimate keeps the assumptions it was built on if the library entry changes later.
 * Percentages are basis points (1% = 100); money is integer pence; the change is in millionths.
 */
export const savingsEstimates = sqliteTable(
  "savings_estimates",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    fromPeriod: text("from_period").notNull(),
    fromValue: text("from_value").notNull(),
    toPeriod: text("to_period").notNull(),
    toValue: text("to_value").notNull(),
    /** The improvement counted, in the indicator's units ("21"), and in millionths. */
    change: text("change").notNull(),
    changeMicros: integer("change_micros").notNull(),
    unitCostId: text("unit_cost_id").references(() => unitCosts.id, { onDelete: "set null" }),
    unitCostCode: text("unit_cost_code").notNull().default(""),
    unitCostDescription: text("unit_cost_description").notNull(),
    unitCostUnit: text("unit_cost_unit").notNull(),
    unitCostPence: integer("unit_cost_pence").notNull(),
    unitCostSource: text("unit_cost_source").notNull(),
    priceYear: text("price_year").notNull(),
    deadweightBp: integer("deadweight_bp").notNull(),
    attributionBp: integer("attribution_bp").notNull(),
    optimismBiasBp: integer("optimism_bias_bp").notNull(),
    confidence: text("confidence", { enum: CONFIDENCE_GRADES }).notNull(),
    /** What the estimate assumes, in the analyst's words (why these percentages). */
    assumptions: text("assumptions").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("savings_estimates_indicator_idx").on(t.workspaceId, t.indicatorId)],
);
