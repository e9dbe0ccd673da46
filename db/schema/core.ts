import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch; every timestamp in Praxis is stored this way. */
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const ROLES = ["owner", "facilitator", "analyst", "member", "evaluator"] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_KINDS = [
  "council",
  "police",
  "health",
  "education",
  "housing",
  "voluntary",
  "national",
  "other",
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

/**
 * Lucia v3 sessions. `expires_at` is in seconds as the Lucia drizzle adapter expects;
 * the extra columns let a person recognise and revoke their sessions on /account.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

export const agencies = sqliteTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("agencies_workspace_name_uq").on(t.workspaceId, t.name)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("memberships_workspace_user_uq").on(t.workspaceId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

/** The token itself is shown once to the inviter; only its SHA-256 is stored. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: ROLES }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    usedBy: text("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("invitations_workspace_idx").on(t.workspaceId)],
);

/** Sign-in attempts, for throttling per account and per address. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ipAddress, t.createdAt),
  ],
);

/**
 * Append-only (triggers in db/migrate.ts refuse UPDATE and DELETE): who read or changed what,
 * sign-ins, denied access, exports. `workspace_id` is null for account-level events.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // No foreign keys: the record must outlive the workspace or account it speaks of.
    workspaceId: text("workspace_id"),
    actorUserId: text("actor_user_id"),
    kind: text("kind").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    purpose: text("purpose"),
    ipAddress: text("ip_address"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("audit_workspace_idx").on(t.workspaceId, t.createdAt),
    index("audit_actor_idx").on(t.actorUserId, t.createdAt),
  ],
);
