import { ACTION_STATUS_LABELS } from "../../models/action/action.constants";
import { INQUIRY_STATUS_LABELS, type InquiryStatus } from "../../models/inquiry/inquiry.constants";
import { WarningIcon } from "./icons";

const INQUIRY_STYLES: Record<InquiryStatus, string> = {
  open: "bg-sky-100 text-sky-900",
  answered: "bg-green-100 text-green-900",
  parked: "bg-slate-200 text-slate-800",
};

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  return <span className={`badge ${INQUIRY_STYLES[status]}`}>{INQUIRY_STATUS_LABELS[status]}</span>;
}

const ACTION_STYLES = {
  open: "bg-amber-100 text-amber-900",
  partly: "bg-sky-100 text-sky-900",
  done: "bg-green-100 text-green-900",
} as const;

export function ActionStatusBadge({ status }: { status: keyof typeof ACTION_STATUS_LABELS }) {
  return <span className={`badge ${ACTION_STYLES[status]}`}>{ACTION_STATUS_LABELS[status]}</span>;
}

/** Overdue is said in words and marked with an icon, never by colour alone. */
export function OverdueBadge() {
  return (
    <span className="badge gap-1 border border-red-800 bg-red-50 text-red-800">
      <WarningIcon />
      Overdue
    </span>
  );
}
