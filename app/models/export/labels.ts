import type { LearningSummary } from "./export.schema";

export const KIND_LABELS: Record<LearningSummary["insights"][number]["kind"], string> = {
  finding: "Finding",
  barrier: "Barrier",
  opportunity: "Opportunity",
  question: "Question",
};

export const STATUS_LABELS: Record<LearningSummary["insights"][number]["status"], string> = {
  emerging: "Emerging",
  tested: "Tested",
  adopted: "Adopted",
  dropped: "Dropped",
};

export const ACTION_STATUS_LABELS: Record<LearningSummary["actions"][number]["status"], string> = {
  open: "Open",
  partly: "Partly done",
  done: "Done",
};

export const REPORT_LABELS: Record<"done" | "partly" | "not_yet", string> = {
  done: "Done",
  partly: "Partly done",
  not_yet: "Not yet",
};

export const INQUIRY_STATUS_LABELS: Record<LearningSummary["inquiries"][number]["status"], string> =
  {
    open: "Open",
    answered: "Answered",
    parked: "Parked",
  };

const GBP = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** Pence as pounds, en-GB ("£28,000.00"), through integer arithmetic until the last step. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const pounds = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${sign}${GBP.format(pounds).replace(/\.00$/, "")}.${String(rest).padStart(2, "0")}`;
}

export function formatIsoDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

export function formatIsoDateTime(value: string): string {
  return new Date(value).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  });
}

export function filtersText(summary: LearningSummary): string {
  const parts: string[] = [];
  const inquiry = summary.filters.inquiryId
    ? summary.inquiries.find((i) => i.id === summary.filters.inquiryId)
    : null;
  parts.push(inquiry ? `Inquiry: ${inquiry.question}` : "All inquiries");
  if (summary.filters.from && summary.filters.to)
    parts.push(`${formatIsoDay(summary.filters.from)} to ${formatIsoDay(summary.filters.to)}`);
  else if (summary.filters.from) parts.push(`From ${formatIsoDay(summary.filters.from)}`);
  else if (summary.filters.to) parts.push(`Up to ${formatIsoDay(summary.filters.to)}`);
  else parts.push("All dates");
  return parts.join(" · ");
}

/** What the reader should know about what is left out, in the document's own words. */
export const REDACTION_NOTE =
  "Redacted for sharing: only logs shared with the whole workspace are quoted; families appear by reference code and in aggregate, never by journey detail; counts under 5 are shown as “fewer than 5”; nothing said inside action learning sets is included.";
