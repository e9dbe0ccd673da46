import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
