import { Link } from "@remix-run/react";

import { ActionList, type ActionItem } from "./action-list";
import { formatActionCounts, formatDay, formatMeetingWhen } from "./format";

type Props = {
  slug: string;
  now: number;
  openInquiries: Array<{ id: string; question: string; logCount: number; actionCount: number; openActionCount: number; hiddenActionCount: number }>;
  nextMeetings: Array<{ id: string; setId: string; setName: string; title: string; startsAt: number; endsAt: number; location: string }>;
  overdueActions: ActionItem[];
  /** Others' overdue actions in the sets this person facilitates; null when they facilitate none. */
  setOverdueActions: ActionItem[] | null;
  decisionsDue: Array<{ id: string; decision: string; reviewOn: number | null; ownerName: string | null }>;
};

/** The workspace home's learning-cycle sections: inquiries, my meetings, my overdue actions, reviews due. */
export function LearningHomeSections({ slug, now, openInquiries, nextMeetings, overdueActions, setOverdueActions, decisionsDue }: Props) {
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-2">
      <section className="card" aria-labelledby="home-inquiries">
        <h2 id="home-inquiries" className="text-lg font-bold">
          Open inquiry questions
        </h2>
        {openInquiries.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No open inquiry questions.</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {openInquiries.map((i) => (
              <li key={i.id}>
                <Link to={`/w/${slug}/inquiries/${i.id}`} className="font-medium">
                  {i.question}
                </Link>
                <span className="block text-sm text-slate-700">
                  {i.logCount} {i.logCount === 1 ? "log" : "logs"} · {formatActionCounts(i)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card" aria-labelledby="home-meetings">
        <h2 id="home-meetings" className="text-lg font-bold">
          My next meetings
        </h2>
        {nextMeetings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No meetings coming up in your sets.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {nextMeetings.map((m) => (
              <li key={m.id}>
                <Link to={`/w/${slug}/sets/${m.setId}/meetings/${m.id}`} className="font-medium">
                  {m.setName}
                  {m.title ? `: ${m.title}` : ""}
                </Link>
                <span className="block text-sm text-slate-700">
                  {formatMeetingWhen(m.startsAt, m.endsAt)}
                  {m.location ? ` · ${m.location}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="home-overdue">
        <h2 id="home-overdue" className="text-lg font-bold">
          My overdue actions
        </h2>
        {overdueActions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">None of your actions is overdue.</p>
        ) : (
          <div className="mt-2">
            <ActionList slug={slug} actions={overdueActions} now={now} />
            <p className="mt-2 text-sm">
              <Link to={`/w/${slug}/actions?tab=mine`}>Report back on my actions</Link>
            </p>
          </div>
        )}
      </section>
      {setOverdueActions ? (
        <section className="card" aria-labelledby="home-set-overdue">
          <h2 id="home-set-overdue" className="text-lg font-bold">
            Overdue in the sets I facilitate
          </h2>
          {setOverdueActions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No action in your sets is overdue.</p>
          ) : (
            <div className="mt-2">
              <ActionList slug={slug} actions={setOverdueActions} now={now} />
              <p className="mt-2 text-sm">
                <Link to={`/w/${slug}/actions?tab=sets`}>Follow up in my sets&apos; actions</Link>
              </p>
            </div>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="home-decisions">
        <h2 id="home-decisions" className="text-lg font-bold">
          Decisions due for review
        </h2>
        {decisionsDue.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No decision is due for review.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {decisionsDue.map((d) => (
              <li key={d.id}>
                <Link to={`/w/${slug}/decisions#decision-${d.id}`} className="font-medium">
                  {d.decision}
                </Link>
                <span className="block text-sm text-slate-700">
                  Review by {formatDay(d.reviewOn)}
                  {d.reviewOn !== null && d.reviewOn < now ? " (past its review date)" : ""}
                  {d.ownerName ? ` · ${d.ownerName}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
