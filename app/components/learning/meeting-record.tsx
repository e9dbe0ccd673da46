import { AIRTIME_PHASE_LABELS, REPORT_OUTCOME_LABELS } from "../../models/meeting/meeting.constants";
import { ActionStatusBadge } from "./badges";
import { formatDay } from "./format";

type Slot = {
  id: string;
  presenterName: string;
  issue: string;
  minutes: number;
  phase: keyof typeof AIRTIME_PHASE_LABELS;
  questions: Array<{ id: string; text: string; askedByName: string | null }>;
  actions: Array<{ id: string; description: string; dueOn: number | null; status: "open" | "partly" | "done"; ownerName: string | null }>;
};

type Report = { id: string; outcome: keyof typeof REPORT_OUTCOME_LABELS; reflection: string; reporterName: string | null; meetingId: string | null; createdAt: number };

export function ReportHistory({ reports }: { reports: Report[] }) {
  if (reports.length === 0) return <p className="text-sm text-slate-700">No report-back yet.</p>;
  return (
    <ol className="space-y-1 text-sm">
      {reports.map((r) => (
        <li key={r.id}>
          <span className="font-semibold">{REPORT_OUTCOME_LABELS[r.outcome]}</span> — {formatDay(r.createdAt)}
          {r.reporterName ? `, by ${r.reporterName}` : ""}
          {r.reflection ? <span className="block text-slate-700">“{r.reflection}”</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** What happened in a meeting: each presenter's issue, the questions asked, the actions committed. */
export function MeetingRecord({
  slots,
  lines,
  headingLevel = 3,
}: {
  slots: Slot[];
  lines: Array<{ userId: string; displayName: string; text: string }>;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <div className="space-y-4">
      <H className="text-lg font-bold">Presenters</H>
      {slots.length === 0 ? <p className="text-sm text-slate-700">No presenters recorded.</p> : null}
      {slots.map((s) => (
        <article key={s.id} className="rounded-md border border-slate-200 p-4">
          <Sub className="font-semibold">
            {s.presenterName}: {s.issue}
          </Sub>
          <p className="text-sm text-slate-700">
            {s.minutes} minutes · {AIRTIME_PHASE_LABELS[s.phase]}
          </p>
          {s.questions.length ? (
            <>
              <p className="mt-2 text-sm font-semibold">Questions asked</p>
              <ul className="list-disc pl-5 text-sm">
                {s.questions.map((q) => (
                  <li key={q.id}>
                    {q.text}
                    {q.askedByName ? <span className="text-slate-700"> ({q.askedByName})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {s.actions.length ? (
            <>
              <p className="mt-2 text-sm font-semibold">Actions committed</p>
              <ul className="space-y-1 text-sm">
                {s.actions.map((a) => (
                  <li key={a.id}>
                    {a.description} — {a.ownerName ?? "unknown"}, due {formatDay(a.dueOn)} <ActionStatusBadge status={a.status} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ))}
      <H className="text-lg font-bold">Closing round: lines of learning</H>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-700">No lines of learning recorded.</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {lines.map((l) => (
            <li key={l.userId}>
              <span className="font-semibold">{l.displayName}:</span> {l.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
