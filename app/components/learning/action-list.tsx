import { Link } from "@remix-run/react";

import { isOverdue } from "../../models/action/action.policy";
import { ActionStatusBadge, OverdueBadge } from "./badges";
import { formatDay } from "./format";

export type ActionItem = {
  id: string;
  description: string;
  status: "open" | "partly" | "done";
  dueOn: number | null;
  ownerName: string | null;
  setId: string | null;
  setName: string | null;
  inquiryId: string | null;
  inquiryQuestion: string | null;
};

/** A compact list of actions (inquiry trail, home page). */
export function ActionList({ slug, actions, now, showInquiry = true }: { slug: string; actions: ActionItem[]; now: number; showInquiry?: boolean }) {
  return (
    <ul className="space-y-2">
      {actions.map((a) => {
        const overdue = isOverdue(a, now);
        return (
          <li key={a.id} className={`rounded-md border p-3 ${overdue ? "border-l-4 border-red-800" : "border-slate-200"}`}>
            <p className="font-medium">{a.description}</p>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <ActionStatusBadge status={a.status} />
              {overdue ? <OverdueBadge /> : null}
              <span>Owner: {a.ownerName ?? "unknown"}</span>
              <span>Due: {formatDay(a.dueOn)}</span>
              {a.setId && a.setName ? (
                <span>
                  Set: <Link to={`/w/${slug}/sets/${a.setId}`}>{a.setName}</Link>
                </span>
              ) : null}
              {showInquiry && a.inquiryId && a.inquiryQuestion ? (
                <span>
                  Inquiry: <Link to={`/w/${slug}/inquiries/${a.inquiryId}`}>{a.inquiryQuestion}</Link>
                </span>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
