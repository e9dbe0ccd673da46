import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { agencies, users, workspaces } from "./core";
import { imports } from "./imports";
import { localities } from "./places";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const SPEND_CATEGORIES = [
  "children_and_families",
  "adults",
  "education",
  "justice",
  "health",
  "housing",
  "welfare",
  "universal",
] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

export const SPEND_APPROACHES = ["reactive", "preventative", "universal"] as const;
export type SpendApproach = (typeof SPEND_APPROACHES)[number];

/** One line of public spend in the place. Money in integer pence; the share in basis points. */
export const spendLines = sqliteTable(
  "spend_lines",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** First calendar year of the financial year: 2014 is 2014-15. */
    financialYear: integer("financial_year").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "set null" }),
    service: text("service").notNull().default(""),
    localityId: text("locality_id").references(() => localities.id, { onDelete: "set null" }),
    category: text("category", { enum: SPEND_CATEGORIES }).notNull(),
    amountPence: integer("amount_pence").notNull(),
    /** Share attributable to vulnerable families, 0–10000 (basis points). */
    vulnerableShareBp: integer("vulnerable_share_bp").notNull().default(0),
    approach: text("approach", { enum: SPEND_APPROACHES }).notNull().default("universal"),
    source: text("source").notNull().default(""),
    notes: text("notes").notNull().default(""),
    importId: text("import_id").references(() => imports.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("spend_lines_workspace_year_idx").on(t.workspaceId, t.financialYear),
    index("spend_lines_import_idx").on(t.importId),
  ],
);

/**
 * The place count's running totals, one row per workspace, year, agency, category, area and
 * approach, kept by triggers on spend_lines (db/migrate.ts) in the statement that writes the line,
 * so every write — import, form, retention, an agency or area deleted (its lines set to none) —
 * keeps them exact. "No agency" and "no area" are the empty key, not NULL, so each group is one
 * row. The share is kept as the two exact parts the place count combines (ADR 013).
 */
export const spendTotals = sqliteTable(
  "spend_totals",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    financialYear: integer("financial_year").notNull(),
    agencyKey: text("agency_key").notNull(),
    category: text("category", { enum: SPEND_CATEGORIES }).notNull(),
    localityKey: text("locality_key").notNull(),
    approach: text("approach", { enum: SPEND_APPROACHES }).notNull(),
    lines: integer("lines").notNull(),
    pence: integer("pence").notNull(),
    /** Σ (amount ÷ 10000, truncated) × share bp. */
    shareWhole: integer("share_whole").notNull(),
    /** Σ (amount mod 10000) × share bp. */
    shareRemainder: integer("share_remainder").notNull(),
  },
  (t) => [
    primaryKey({
      name: "spend_totals_pk",
      columns: [t.workspaceId, t.financialYear, t.agencyKey, t.category, t.localityKey, t.approach],
    }),
  ],
);

/**
 * How one publisher's service / expense-area value becomes Praxis spend: which agency, service,
 * category, vulnerable-family share and approach. Saved per workspace and source when an import
 * is committed and applied to that source's next file. `value_key` is the value lower-cased with
 * runs of spaces folded, so "Children's Services " and "children's services" are one rule.
 */
export const spendMappingRules = sqliteTable(
  "spend_mapping_rules",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sourceKey: text("source_key").notNull(),
    valueKey: text("value_key").notNull(),
    value: text("value").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "set null" }),
    service: text("service").notNull().default(""),
    category: text("category", { enum: SPEND_CATEGORIES }).notNull(),
    vulnerableShareBp: integer("vulnerable_share_bp").notNull().default(0),
    approach: text("approach", { enum: SPEND_APPROACHES }).notNull().default("universal"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("spend_mapping_rules_source_value_uq").on(t.workspaceId, t.sourceKey, t.valueKey)],
);
