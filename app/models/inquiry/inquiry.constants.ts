export const INQUIRY_STATUSES = ["open", "answered", "parked"] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, string> = {
  open: "Open",
  answered: "Answered",
  parked: "Parked",
};
