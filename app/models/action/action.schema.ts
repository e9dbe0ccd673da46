import { z } from "zod";

import { REPORT_OUTCOMES } from "../meeting/meeting.constants";

export const ACTION_TABS = ["mine", "sets", "workspace"] as const;
export type ActionTab = (typeof ACTION_TABS)[number];

/** A report-back outside a meeting: the new state of the action and what was learnt. */
export const actionReportSchema = z.object({
  intent: z.literal("report"),
  actionId: z.string().min(1).max(64),
  outcome: z.enum(REPORT_OUTCOMES, { error: "Choose done, partly or not yet" }),
  reflection: z.string().trim().max(2000, { error: "The report-back note must be 2,000 characters or fewer" }).optional().default(""),
});
