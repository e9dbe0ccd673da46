import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users, workspaces } from "./core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * An action learning set: a facilitator and 4–8 members. What is said in the set stays in the
 * set — its meetings, notes and `set` logs are visible to its participants only.
 */
export const learningSets = sqliteTable(
  "learning_sets",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    facilitatorId: text("facilitator_id").references(() => users.id, { onDelete: "set null" }),
    groundRules: text("ground_rules").notNull().default(""),
    rhythm: text("rhythm").notNull().default(""),
    /** Default length of a presenter's slot in this set's meetings. */
    slotMinutes: integer("slot_minutes").notNull().default(30),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("learning_sets_workspace_idx").on(t.workspaceId)],
);

export const setMembers = sqliteTable(
  "set_members",
  {
    setId: text("set_id")
      .notNull()
      .references(() => learningSets.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: integer("joined_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.setId, t.userId] }), index("set_members_user_idx").on(t.userId)],
);

export const INQUIRY_STATUSES = ["open", "answered", "parked"] as const;

/** An action inquiry question; its page is the learning trail. */
export const inquiries = sqliteTable(
  "inquiries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    rationale: text("rationale").notNull().default(""),
    phase: text("phase").notNull().default(""),
    status: text("status", { enum: INQUIRY_STATUSES }).notNull().default("open"),
    position: integer("position").notNull().default(0),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("inquiries_workspace_idx").on(t.workspaceId, t.position)],
);

/** A meeting of a learning set; its shared notes are the collaborative document `meeting:<id>`. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    setId: text("set_id")
      .notNull()
      .references(() => learningSets.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    title: text("title").notNull().default(""),
    location: text("location").notNull().default(""),
    agenda: text("agenda").notNull().default(""),
    notesText: text("notes_text").notNull().default(""),
    /** ProseMirror JSON derived from the notes document, for the page without JavaScript. */
    notesJson: text("notes_json", { mode: "json" }).$type<unknown>(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("meetings_set_idx").on(t.setId, t.startsAt)],
);

/** The inquiries a set works on. */
export const setInquiries = sqliteTable(
  "set_inquiries",
  {
    setId: text("set_id")
      .notNull()
      .references(() => learningSets.id, { onDelete: "cascade" }),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.setId, t.inquiryId] }), index("set_inquiries_inquiry_idx").on(t.inquiryId)],
);

/**
 * Where a meeting's runner stands. Kept in the database (with the moment it entered the phase)
 * so a reload, or a second screen, shows the same state.
 */
export const MEETING_PHASES = ["not_started", "opening", "bidding", "presenting", "closing", "finished"] as const;
export type MeetingPhase = (typeof MEETING_PHASES)[number];

export const meetingRuns = sqliteTable("meeting_runs", {
  meetingId: text("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  phase: text("phase", { enum: MEETING_PHASES }).notNull().default("not_started"),
  startedAt: integer("started_at"),
  phaseStartedAt: integer("phase_started_at"),
  finishedAt: integer("finished_at"),
  updatedAt: integer("updated_at").notNull().default(now),
});

export const ATTENDANCE_STATUSES = ["present", "apologies", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const meetingAttendance = sqliteTable(
  "meeting_attendance",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull(),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

/**
 * A presenter's airtime: first a bid in the bidding round, then a timed slot moving through
 * present the issue → questions only → agree actions → done.
 */
export const AIRTIME_PHASES = ["waiting", "present", "questions", "actions", "done"] as const;
export type AirtimePhase = (typeof AIRTIME_PHASES)[number];

export const airtimes = sqliteTable(
  "airtimes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    presenterId: text("presenter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issue: text("issue").notNull(),
    position: integer("position").notNull().default(0),
    minutes: integer("minutes").notNull().default(30),
    phase: text("phase", { enum: AIRTIME_PHASES }).notNull().default("waiting"),
    phaseStartedAt: integer("phase_started_at"),
    /** Null while the timer is paused; elapsed time so far is in timer_elapsed_ms. */
    timerStartedAt: integer("timer_started_at"),
    timerElapsedMs: integer("timer_elapsed_ms").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("airtimes_meeting_idx").on(t.meetingId, t.position)],
);

/** A question asked of a presenter (questions, not advice). */
export const airtimeQuestions = sqliteTable(
  "airtime_questions",
  {
    id: text("id").primaryKey(),
    airtimeId: text("airtime_id")
      .notNull()
      .references(() => airtimes.id, { onDelete: "cascade" }),
    askedBy: text("asked_by").references(() => users.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("airtime_questions_airtime_idx").on(t.airtimeId, t.createdAt)],
);

export const ACTION_STATUSES = ["open", "partly", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A committed action. Committed in a meeting (set, meeting, airtime) or standing on its own. */
export const actions = sqliteTable(
  "actions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    setId: text("set_id").references(() => learningSets.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    airtimeId: text("airtime_id").references(() => airtimes.id, { onDelete: "set null" }),
    inquiryId: text("inquiry_id").references(() => inquiries.id, { onDelete: "set null" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    /** Midnight UTC of the due day, in ms. */
    dueOn: integer("due_on"),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    completedAt: integer("completed_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("actions_workspace_idx").on(t.workspaceId, t.status, t.dueOn),
    index("actions_owner_idx").on(t.ownerId),
    index("actions_set_idx").on(t.setId),
    index("actions_inquiry_idx").on(t.inquiryId),
  ],
);

export const REPORT_OUTCOMES = ["done", "partly", "not_yet"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** The report-back history of an action: every report is kept, newest last. */
export const actionReports = sqliteTable(
  "action_reports",
  {
    id: text("id").primaryKey(),
    actionId: text("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    /** The meeting whose opening round heard the report, if any. */
    meetingId: text("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    outcome: text("outcome", { enum: REPORT_OUTCOMES }).notNull(),
    reflection: text("reflection").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("action_reports_action_idx").on(t.actionId, t.createdAt)],
);

/** The closing round: one line of learning per person per meeting. */
export const learningLines = sqliteTable(
  "learning_lines",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("learning_lines_meeting_user_uq").on(t.meetingId, t.userId)],
);

/** What the board decided, why, who owns it and when to look at it again. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    decision: text("decision").notNull(),
    rationale: text("rationale").notNull().default(""),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** Midnight UTC of the day, in ms. */
    decidedOn: integer("decided_on").notNull(),
    reviewOn: integer("review_on"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("decisions_workspace_idx").on(t.workspaceId, t.reviewOn)],
);

export const decisionInquiries = sqliteTable(
  "decision_inquiries",
  {
    decisionId: text("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.inquiryId] }), index("decision_inquiries_inquiry_idx").on(t.inquiryId)],
);
