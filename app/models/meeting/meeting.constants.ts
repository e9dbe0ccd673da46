export const ATTENDANCE_STATUSES = ["present", "apologies", "absent"] as const;
export const REPORT_OUTCOMES = ["done", "partly", "not_yet"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const REPORT_OUTCOME_LABELS: Record<ReportOutcome, string> = {
  done: "Done",
  partly: "Partly done",
  not_yet: "Not yet",
};

export const MEETING_PHASE_LABELS = {
  not_started: "Not started",
  opening: "Opening round: report-back",
  bidding: "Bidding for airtime",
  presenting: "Presenters",
  closing: "Closing round: one line of learning",
  finished: "Finished",
} as const;

export const AIRTIME_PHASE_LABELS = {
  waiting: "Waiting",
  present: "Present the issue",
  questions: "Questions only",
  actions: "Agree actions",
  done: "Done",
} as const;
