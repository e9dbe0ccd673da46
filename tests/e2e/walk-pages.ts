import type { Page } from "playwright-core";

import type { Role } from "../../db/schema/core";

/*
 * Every page of the demo, and who may open it, for the newcomer's walk (walk.test.ts): each role
 * signs in once and opens each of its pages at 1280 px and 390 px. A domain adds its pages by
 * appending entries here; `path` may use the demo's ids, read from the seeded database.
 */
export type DemoIds = {
  inquiryId: string;
  setId: string;
  heldMeetingId: string;
  upcomingMeetingId: string;
  workspaceLogId: string;
  insightId: string;
  caseId: string;
  indicatorId: string;
};

export const WALK_ROLES: Record<Role, string> = {
  owner: "owner@demo.test",
  facilitator: "facilitator@demo.test",
  analyst: "analyst@demo.test",
  member: "member@demo.test",
  evaluator: "evaluator@demo.test",
};

export type WalkPage = {
  name: string;
  path: (ids: DemoIds) => string;
  roles: readonly Role[];
  /** Extra checks on what this page shows (run at each width). */
  check?: (page: Page) => Promise<void>;
};

const EVERYONE = ["owner", "facilitator", "analyst", "member", "evaluator"] as const;
const WRITERS = ["owner", "facilitator", "analyst", "member"] as const;
/** The demo set's participants: its facilitator and the member (Sergeant Fiona Baird). */
const IN_THE_SET = ["facilitator", "member"] as const;

export const WALK_PAGES: WalkPage[] = [
  { name: "My workspaces", path: () => "/w", roles: EVERYONE },
  { name: "Workspace home", path: () => "/w/demo", roles: EVERYONE },
  { name: "Inquiry questions", path: () => "/w/demo/inquiries", roles: EVERYONE },
  { name: "Inquiry trail", path: (d) => `/w/demo/inquiries/${d.inquiryId}`, roles: EVERYONE },
  { name: "Learning sets", path: () => "/w/demo/sets", roles: EVERYONE },
  { name: "A learning set", path: (d) => `/w/demo/sets/${d.setId}`, roles: EVERYONE },
  { name: "A held meeting", path: (d) => `/w/demo/sets/${d.setId}/meetings/${d.heldMeetingId}`, roles: IN_THE_SET },
  { name: "An upcoming meeting", path: (d) => `/w/demo/sets/${d.setId}/meetings/${d.upcomingMeetingId}`, roles: IN_THE_SET },
  { name: "The runner of a held meeting", path: (d) => `/w/demo/sets/${d.setId}/meetings/${d.heldMeetingId}/run`, roles: IN_THE_SET },
  { name: "Actions", path: () => "/w/demo/actions", roles: EVERYONE },
  { name: "Board decisions", path: () => "/w/demo/decisions", roles: EVERYONE },
  { name: "Learning logs", path: () => "/w/demo/logs", roles: EVERYONE },
  {
    name: "Write a new log",
    path: () => "/w/demo/logs/new",
    roles: WRITERS,
    // Reflective writing starts private (issue 8, item 10).
    check: async (page) => {
      if (!(await page.getByRole("radio", { name: /^Private/ }).isChecked())) throw new Error("a new log should default to Private");
    },
  },
  { name: "A workspace log", path: (d) => `/w/demo/logs/${d.workspaceLogId}`, roles: EVERYONE },
  { name: "A log's history", path: (d) => `/w/demo/logs/${d.workspaceLogId}/history`, roles: EVERYONE },
  { name: "The bin", path: () => "/w/demo/logs/bin", roles: WRITERS },
  { name: "Search", path: () => "/w/demo/search?q=family", roles: EVERYONE },
  { name: "Members", path: () => "/w/demo/members", roles: WRITERS },
  { name: "Partner agencies", path: () => "/w/demo/agencies", roles: EVERYONE },
  { name: "Audit log", path: () => "/w/demo/audit", roles: ["owner"] },
  { name: "My account", path: () => "/account", roles: EVERYONE },
  { name: "Comments on a log", path: (d) => `/w/demo/logs/${d.workspaceLogId}/comments`, roles: EVERYONE },
  { name: "Mentions", path: () => "/w/demo/mentions", roles: EVERYONE },
  { name: "Insights", path: () => "/w/demo/insights", roles: EVERYONE },
  { name: "An insight", path: (d) => `/w/demo/insights/${d.insightId}`, roles: EVERYONE },
  { name: "Barrier register", path: () => "/w/demo/barriers", roles: EVERYONE },
  { name: "Cases", path: () => "/w/demo/cases", roles: EVERYONE },
  // The first detailed read of a session asks for a purpose: the page a reader meets first.
  { name: "A case (purpose first)", path: (d) => `/w/demo/cases/${d.caseId}`, roles: EVERYONE },
  { name: "Criteria and the high-tariff list", path: () => "/w/demo/criteria", roles: EVERYONE },
  { name: "The place count", path: () => "/w/demo/spend", roles: EVERYONE },
  { name: "Spend lines", path: () => "/w/demo/spend/lines", roles: EVERYONE },
  { name: "Unit costs", path: () => "/w/demo/unit-costs", roles: EVERYONE },
  { name: "Deflators", path: () => "/w/demo/unit-costs/deflators", roles: EVERYONE },
  { name: "Outcome indicators", path: () => "/w/demo/indicators", roles: EVERYONE },
  { name: "An indicator", path: (d) => `/w/demo/indicators/${d.indicatorId}`, roles: EVERYONE },
  { name: "Export a learning summary", path: () => "/w/demo/export", roles: ["owner", "facilitator", "evaluator"] },
  { name: "Workspace settings", path: () => "/w/demo/settings", roles: ["owner"] },
];
