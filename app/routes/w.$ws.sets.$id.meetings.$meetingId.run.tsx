import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";

import { ErrorSummary } from "../components/forms";
import { formatDay, formatMeetingWhen } from "../components/learning/format";
import { ReportHistory } from "../components/learning/meeting-record";
import { SlotTimer } from "../components/learning/runner/slot-timer";
import { listInquiryOptions } from "../models/inquiry/inquiry.server";
import { utcDayToInput } from "../models/meeting/london-time";
import { applyRunnerAction, getRunnerState } from "../models/meeting/meeting-runner.server";
import { AIRTIME_PHASE_LABELS, MEETING_PHASE_LABELS, REPORT_OUTCOME_LABELS, REPORT_OUTCOMES } from "../models/meeting/meeting.constants";
import { runnerActionSchema } from "../models/meeting/meeting.schema";
import { requireMeeting } from "../models/meeting/require-meeting.server";
import { ForbiddenError, InputError, replyOptions } from "../models/set/input-error";
import { canFacilitateSet } from "../models/set/set.policy";
import { getSet } from "../models/set/set.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Run meeting${data ? ` · ${data.meeting.setName}` : ""} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const meeting = await requireMeeting(access, request, params);
  const [state, set, inquiries] = await Promise.all([
    getRunnerState(meeting),
    getSet({ workspaceId: access.workspace.id, setId: meeting.setId, userId: access.user.id }),
    listInquiryOptions(access.workspace.id),
  ]);
  const focus = new Set(set?.focus.map((f) => f.id) ?? []);
  const now = Date.now();
  return {
    slug: access.workspace.slug,
    userId: access.user.id,
    isFacilitator: canFacilitateSet(access.user.id, { facilitatorId: meeting.setFacilitatorId }),
    meeting: { id: meeting.id, setId: meeting.setId, setName: meeting.setName, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, slotMinutes: meeting.slotMinutes },
    state,
    // The set's focus inquiries first: actions usually serve them.
    inquiries: [...inquiries.filter((i) => focus.has(i.id)), ...inquiries.filter((i) => !focus.has(i.id))],
    defaultDue: utcDayToInput(now + 28 * 24 * 60 * 60 * 1000),
    now,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "set:read");
  const meeting = await requireMeeting(access, request, params);
  const submission = parseWithZod(await request.formData(), { schema: runnerActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const message = await applyRunnerAction(
      { actor: { userId: access.user.id, ipAddress: getClientIp(request) }, role: access.role, meeting },
      submission.value,
    );
    const anchor = "airtimeId" in submission.value ? `#slot-${submission.value.airtimeId}` : "";
    return redirectWithFlash(`/w/${access.workspace.slug}/sets/${meeting.setId}/meetings/${meeting.id}/run${anchor}`, { kind: "success", message });
  } catch (error) {
    if (error instanceof ForbiddenError) throw await denyAccess(access, request, 403, { reason: "runner-not-allowed", intent: submission.value.intent, meetingId: meeting.id });
    if (error instanceof InputError) return data({ result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Slot = LoaderData["state"]["slots"][number];

const ROUNDS = ["opening", "bidding", "presenting", "closing", "finished"] as const;
const ROUND_BUTTON: Record<(typeof ROUNDS)[number], string> = {
  opening: "Start the opening round",
  bidding: "Move to bidding for airtime",
  presenting: "Move to the presenters",
  closing: "Move to the closing round",
  finished: "Finish the meeting",
};
const NEXT_STAGE = { present: "questions", questions: "actions", actions: "done" } as const;
const NEXT_STAGE_BUTTON = { present: "Next: questions only", questions: "Next: agree actions", actions: "Finish this slot" } as const;

/*
 * Forms are keyed by how many items they have added, so after a successful post (the page stays
 * mounted) each form comes back empty for the next question, action or line.
 */
function Hidden({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** One button posting fixed values. Never disabled while posting: a dimmed button would fail contrast mid-meeting. */
function PostButton({ values, children, className = "btn-secondary", label }: { values: Record<string, string>; children: ReactNode; className?: string; label?: string }) {
  return (
    <Form method="post" preventScrollReset className="inline">
      <Hidden values={values} />
      <button type="submit" className={className} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

type Round = (typeof ROUNDS)[number];

/** The round shown open and first: the one under way (before the start, the opening round; after the end, none). */
function currentRound(phase: LoaderData["state"]["phase"]): Round | null {
  if (phase === "not_started") return "opening";
  if (phase === "finished") return null;
  return phase;
}

function previousRound(phase: LoaderData["state"]["phase"]): Round | null {
  const i = (ROUNDS as readonly string[]).indexOf(phase);
  return i > 0 ? ROUNDS[i - 1] : null;
}

export default function MeetingRunner() {
  const { slug, userId, isFacilitator, meeting, state, inquiries, defaultDue, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData
    ? [...(actionData.result.error?.[""] ?? []), ...Object.entries(actionData.result.error ?? {}).filter(([k]) => k !== "").flatMap(([, v]) => v ?? [])].map((message) => ({ message }))
    : [];
  const active = state.slots.find((s) => s.phase === "present" || s.phase === "questions" || s.phase === "actions") ?? null;
  const announcement = active
    ? `${MEETING_PHASE_LABELS[state.phase]}. ${active.presenterName}: ${AIRTIME_PHASE_LABELS[active.phase]}.`
    : `${MEETING_PHASE_LABELS[state.phase]}.`;
  const others = state.participants;
  const closed = state.phase === "finished";
  const current = currentRound(state.phase);
  const slotProps = { isFacilitator, userId, participants: others, inquiries, defaultDue, now, closed };
  // During a presentation the presenter's slot comes first, so its timer is on the first screen.
  const orderedSlots = active ? [active, ...state.slots.filter((s) => s.id !== active.id)] : state.slots;

  const sections: Record<Round, { title: string; summary: string; body: ReactNode } | null> = {
    opening: {
      title: "1. Opening round: report-back",
      summary: `${state.reportBack.length} ${state.reportBack.length === 1 ? "action" : "actions"} to report on`,
      body: <OpeningRound reportBack={state.reportBack} userId={userId} isFacilitator={isFacilitator} closed={closed} />,
    },
    bidding: {
      title: "2. Bidding for airtime",
      summary: `${state.slots.length} ${state.slots.length === 1 ? "bid" : "bids"}`,
      body: <BiddingRound slots={state.slots} userId={userId} isFacilitator={isFacilitator} closed={closed} participants={others} slotMinutes={meeting.slotMinutes} />,
    },
    presenting: {
      title: "3. Presenters",
      summary: `${state.slots.filter((s) => s.phase === "done").length} of ${state.slots.length} presented`,
      body: (
        <>
          {state.slots.length === 0 ? <p className="mt-3 text-sm">No presenters yet: add a bid first.</p> : null}
          <div className="mt-3 space-y-4">
            {orderedSlots.map((s) => (
              <SlotPanel key={s.id} slot={s} {...slotProps} />
            ))}
          </div>
          <p className="mt-3 text-sm text-slate-700">Each slot moves through: present the issue → questions only → agree actions.</p>
        </>
      ),
    },
    closing: {
      title: "4. Closing round: one line of learning",
      summary: `${state.lines.length} ${state.lines.length === 1 ? "line" : "lines"} recorded`,
      body: <ClosingRound lines={state.lines} phase={state.phase} isFacilitator={isFacilitator} participants={others} userId={userId} />,
    },
    finished: null,
  };
  const order: Round[] = current ? [current, ...ROUNDS.filter((r) => r !== current)] : [...ROUNDS];

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-6">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/sets/${meeting.setId}/meetings/${meeting.id}`}>Back to the meeting page</Link>
      </p>
      <h1 className="page-title">Meeting runner: {meeting.setName}</h1>
      <p className="mt-1 text-sm text-slate-700">
        {meeting.title ? `${meeting.title} · ` : ""}
        {formatMeetingWhen(meeting.startsAt, meeting.endsAt)}
      </p>
      <p className="mt-3 rounded-md bg-brand-50 px-4 py-2 text-lg font-semibold text-brand-900" role="status" aria-live="polite" aria-atomic="true" data-testid="runner-phase">
        Now: {announcement}
      </p>
      <ErrorSummary id="runner-errors" errors={errors} />
      {/* While someone presents, the slot comes first and moving the meeting on waits below it. */}
      {isFacilitator && !active ? <RoundControls phase={state.phase} /> : null}

      {order.map((round) => {
        const section = sections[round];
        if (!section) return null;
        return round === current ? (
          <Fragment key={round}>
            <section className="card mt-4 ring-2 ring-brand-700" aria-labelledby={`${round}-title`}>
              <h2 id={`${round}-title`} className="text-xl font-bold">
                {section.title}
              </h2>
              {section.body}
            </section>
            {isFacilitator && active ? <RoundControls phase={state.phase} /> : null}
          </Fragment>
        ) : (
          <details key={round} className="card mt-4">
            <summary className="cursor-pointer">
              <h2 id={`${round}-title`} className="inline text-lg font-bold">
                {section.title}
              </h2>
              <span className="ml-2 text-sm text-slate-700">({section.summary})</span>
            </summary>
            {section.body}
          </details>
        );
      })}

      {!isFacilitator ? (
        <p className="mt-6 text-sm text-slate-700">The set&apos;s facilitator runs the meeting. You can report back on your actions, bid for airtime and record your line of learning here.</p>
      ) : null}
      <nav aria-label="Rounds of the meeting" className="mt-6">
        <ol className="flex flex-wrap gap-2">
          {ROUNDS.map((round, i) => {
            const isCurrent = state.phase === round;
            return (
              <li key={round}>
                <span
                  aria-current={isCurrent ? "step" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 text-sm ${isCurrent ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-slate-400 bg-white text-slate-800"}`}
                >
                  {i + 1}. {MEETING_PHASE_LABELS[round]}
                  {isCurrent ? <span className="sr-only"> (current round)</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      </nav>
    </main>
  );
}

/** Only the moves that make sense now: the next round, and one step back to correct a slip. */
function RoundControls({ phase }: { phase: LoaderData["state"]["phase"] }) {
  const next = phase === "finished" ? null : nextRound(phase);
  const back = phase === "finished" ? "closing" : previousRound(phase);
  return (
    <div className="mt-3 flex flex-wrap gap-2">
      {next ? (
        <PostButton values={{ intent: "phase", phase: next }} className="btn-primary">
          {ROUND_BUTTON[next]}
        </PostButton>
      ) : null}
      {back ? (
        <PostButton values={{ intent: "phase", phase: back }}>{phase === "finished" ? "Reopen the closing round" : `Back to: ${MEETING_PHASE_LABELS[back]}`}</PostButton>
      ) : null}
    </div>
  );
}

function OpeningRound({ reportBack, userId, isFacilitator, closed }: { reportBack: LoaderData["state"]["reportBack"]; userId: string; isFacilitator: boolean; closed: boolean }) {
  return (
    <>
      <p className="mt-1 text-sm text-slate-700">Every open action from earlier meetings of the set, for its owner to report on.</p>
      {reportBack.length === 0 ? <p className="mt-3 text-sm">No open actions from earlier meetings.</p> : null}
      <ul className="mt-3 space-y-4">
        {reportBack.map((a) => {
          const mayReport = !closed && (a.ownerId === userId || isFacilitator);
          return (
            <li key={a.id} id={`report-${a.id}`} className="rounded-md border border-slate-200 p-4">
              <h3 className="font-semibold">{a.description}</h3>
              <p className="text-sm text-slate-700">
                {a.ownerName} · committed {formatDay(a.committedAt)} · due {formatDay(a.dueOn)}
                {a.reportedHere ? " · reported at this meeting" : ""}
              </p>
              <div className="mt-2">
                <ReportHistory reports={a.reports} />
              </div>
              {mayReport ? (
                <Form key={`report-${a.id}-${a.reports.length}`} method="post" preventScrollReset className="mt-3">
                  <Hidden values={{ intent: "report-back", actionId: a.id }} />
                  <fieldset>
                    <legend className="label">How did it go?</legend>
                    <div className="flex flex-wrap gap-4 text-sm">
                      {REPORT_OUTCOMES.map((o) => (
                        <label key={o} className="flex items-center gap-1">
                          <input type="radio" name="outcome" value={o} required />
                          {REPORT_OUTCOME_LABELS[o]}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <label className="label mt-2" htmlFor={`reflection-${a.id}`}>
                    Reflection (optional)
                  </label>
                  <textarea id={`reflection-${a.id}`} name="reflection" className="input" rows={2} />
                  <button type="submit" className="btn-secondary mt-2">
                    Record report-back{a.ownerId === userId ? "" : ` for ${a.ownerName}`}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function BiddingRound({
  slots,
  userId,
  isFacilitator,
  closed,
  participants,
  slotMinutes,
}: {
  slots: Slot[];
  userId: string;
  isFacilitator: boolean;
  closed: boolean;
  participants: LoaderData["state"]["participants"];
  slotMinutes: number;
}) {
  const firstWaiting = slots.find((s) => s.phase === "waiting");
  return (
    <>
      <p className="mt-1 text-sm text-slate-700">Members bid for time to bring an issue; the facilitator sets the order of presenters.</p>
      {slots.length === 0 ? <p className="mt-3 text-sm">No bids yet.</p> : null}
      <ol className="mt-3 space-y-2">
        {slots.map((s, i) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3">
            <span>
              <span className="font-semibold">
                {i + 1}. {s.presenterName}
              </span>
              : {s.issue} <span className="text-sm text-slate-700">({s.minutes} min · {AIRTIME_PHASE_LABELS[s.phase]})</span>
            </span>
            {!closed ? (
              <span className="flex flex-wrap gap-2">
                {isFacilitator && s.id === firstWaiting?.id ? (
                  <PostButton values={{ intent: "slot-phase", airtimeId: s.id, phase: "present" }} className="btn-primary" label={`Start ${s.presenterName}'s slot`}>
                    Start this slot
                  </PostButton>
                ) : null}
                {isFacilitator && slots.length > 1 ? (
                  <>
                    <PostButton values={{ intent: "move-bid", airtimeId: s.id, direction: "up" }} label={`Move ${s.presenterName}'s bid up`}>
                      <span aria-hidden="true">↑</span> Up
                    </PostButton>
                    <PostButton values={{ intent: "move-bid", airtimeId: s.id, direction: "down" }} label={`Move ${s.presenterName}'s bid down`}>
                      <span aria-hidden="true">↓</span> Down
                    </PostButton>
                  </>
                ) : null}
                {s.phase === "waiting" && (isFacilitator || s.presenterId === userId) ? (
                  <PostButton values={{ intent: "withdraw-bid", airtimeId: s.id }} label={`Withdraw ${s.presenterName}'s bid`}>
                    Withdraw
                  </PostButton>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {!closed ? (
        <Form key={`bid-${slots.length}`} method="post" preventScrollReset className="mt-4 max-w-2xl">
          <Hidden values={{ intent: "bid" }} />
          <h3 className="text-lg font-semibold">Add a bid</h3>
          {isFacilitator ? <ParticipantSelect id="bid-presenter" name="presenterId" label="Presenter" labelClassName="label mt-2" people={participants} defaultValue={userId} /> : null}
          <label className="label mt-2" htmlFor="bid-issue">
            The issue to bring
          </label>
          <textarea id="bid-issue" name="issue" className="input" rows={2} required maxLength={500} />
          <label className="label mt-2" htmlFor="bid-minutes">
            Minutes
          </label>
          <input id="bid-minutes" name="minutes" className="input w-32" inputMode="numeric" defaultValue={slotMinutes} />
          <button type="submit" className="btn-secondary mt-3">
            Add bid
          </button>
        </Form>
      ) : null}
    </>
  );
}

function ClosingRound({
  lines,
  phase,
  isFacilitator,
  participants,
  userId,
}: {
  lines: LoaderData["state"]["lines"];
  phase: LoaderData["state"]["phase"];
  isFacilitator: boolean;
  participants: LoaderData["state"]["participants"];
  userId: string;
}) {
  return (
    <>
      {lines.length === 0 ? <p className="mt-3 text-sm">No lines recorded yet.</p> : null}
      <ul className="mt-3 list-disc space-y-1 pl-5">
        {lines.map((l) => (
          <li key={l.userId}>
            <span className="font-semibold">{l.displayName}:</span> {l.text}
          </li>
        ))}
      </ul>
      {phase === "closing" ? (
        <Form key={`line-${lines.length}`} method="post" preventScrollReset className="mt-4 max-w-2xl">
          <Hidden values={{ intent: "learning-line" }} />
          {isFacilitator ? <ParticipantSelect id="line-user" name="userId" label="Whose line" labelClassName="label" people={participants} defaultValue={userId} /> : null}
          <label className="label mt-2" htmlFor="line-text">
            One line of learning
          </label>
          <input id="line-text" name="text" className="input" required maxLength={500} />
          <button type="submit" className="btn-secondary mt-3">
            Record line of learning
          </button>
        </Form>
      ) : (
        <p className="mt-3 text-sm text-slate-700">Lines of learning are recorded once the facilitator opens the closing round.</p>
      )}
    </>
  );
}

function nextRound(phase: LoaderData["state"]["phase"]): Round {
  if (phase === "not_started") return "opening";
  return ROUNDS[Math.min(ROUNDS.indexOf(phase) + 1, ROUNDS.length - 1)];
}

function SlotPanel({
  slot,
  isFacilitator,
  userId,
  participants,
  inquiries,
  defaultDue,
  now,
  closed,
}: {
  slot: Slot;
  isFacilitator: boolean;
  userId: string;
  participants: LoaderData["state"]["participants"];
  inquiries: LoaderData["inquiries"];
  defaultDue: string;
  now: number;
  closed: boolean;
}) {
  const active = slot.phase === "present" || slot.phase === "questions" || slot.phase === "actions";
  const headingId = `slot-title-${slot.id}`;
  return (
    <article id={`slot-${slot.id}`} aria-labelledby={headingId} className={`rounded-md border p-4 ${active ? "border-brand-700 border-2" : "border-slate-200"}`}>
      <h3 id={headingId} className="text-lg font-semibold">
        {slot.presenterName}: {slot.issue}
      </h3>
      {active ? (
        <div className="mt-4 grid gap-4 md:grid-cols-[16rem_1fr]">
          {/* On a phone the clock stays in view while the facilitator scrolls through the slot's forms. */}
          <div className="sticky top-0 z-10 -mx-1 bg-white px-1 py-1 md:static">
            <SlotTimer minutes={slot.minutes} timerStartedAt={slot.timerStartedAt} timerElapsedMs={slot.timerElapsedMs} serverNow={now} presenterName={slot.presenterName} />
          </div>
          {isFacilitator && !closed ? (
            <div className="space-y-3">
              <div className="flex flex-wrap gap-2">
                {slot.timerStartedAt === null ? (
                  <PostButton values={{ intent: "timer", airtimeId: slot.id, command: "start" }}>Start timer</PostButton>
                ) : (
                  <PostButton values={{ intent: "timer", airtimeId: slot.id, command: "pause" }}>Pause timer</PostButton>
                )}
                <PostButton values={{ intent: "slot-phase", airtimeId: slot.id, phase: NEXT_STAGE[slot.phase as keyof typeof NEXT_STAGE] }} className="btn-primary">
                  {NEXT_STAGE_BUTTON[slot.phase as keyof typeof NEXT_STAGE_BUTTON]}
                </PostButton>
              </div>
              <Form key={`minutes-${slot.minutes}`} method="post" preventScrollReset className="flex flex-wrap items-end gap-2">
                <Hidden values={{ intent: "slot-minutes", airtimeId: slot.id }} />
                <div>
                  <label className="label" htmlFor={`minutes-${slot.id}`}>
                    Slot length (minutes)
                  </label>
                  <input id={`minutes-${slot.id}`} name="minutes" className="input w-28" inputMode="numeric" defaultValue={slot.minutes} />
                </div>
                <button type="submit" className="btn-secondary">
                  Change length
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      ) : null}
      <ol className="mt-3 flex flex-wrap gap-2 text-sm" aria-label={`Stages of ${slot.presenterName}'s slot`}>
        {(["present", "questions", "actions", "done"] as const).map((stage) => (
          <li
            key={stage}
            aria-current={slot.phase === stage ? "step" : undefined}
            className={`rounded px-2 py-1 ${slot.phase === stage ? "bg-brand-700 font-semibold text-white" : "bg-slate-100 text-slate-800"}`}
          >
            {AIRTIME_PHASE_LABELS[stage]}
          </li>
        ))}
      </ol>
      {slot.phase === "waiting" && isFacilitator && !closed ? (
        <div className="mt-3">
          <PostButton values={{ intent: "slot-phase", airtimeId: slot.id, phase: "present" }} className="btn-primary" label={`Start ${slot.presenterName}'s slot`}>
            Start this slot
          </PostButton>
        </div>
      ) : null}

      <h4 className="mt-4 font-semibold">Questions asked ({slot.questions.length})</h4>
      {slot.questions.length ? (
        <ul className="list-disc pl-5 text-sm">
          {slot.questions.map((q) => (
            <li key={q.id}>
              {q.text}
              {q.askedByName ? <span className="text-slate-700"> ({q.askedByName})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {(slot.phase === "questions" || slot.phase === "actions") && !closed ? (
        <Form key={`question-${slot.questions.length}`} method="post" preventScrollReset className="mt-2 max-w-2xl">
          <Hidden values={{ intent: "question", airtimeId: slot.id }} />
          {isFacilitator ? (
            <>
              <label className="label" htmlFor={`asker-${slot.id}`}>
                Asked by
              </label>
              <select id={`asker-${slot.id}`} name="askedBy" className="input" defaultValue={userId}>
                {participants.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <label className="label mt-2" htmlFor={`question-${slot.id}`}>
            Question (a question, not advice)
          </label>
          <input id={`question-${slot.id}`} name="text" className="input" required maxLength={1000} />
          <button type="submit" className="btn-secondary mt-2">
            Record question
          </button>
        </Form>
      ) : null}

      <h4 className="mt-4 font-semibold">Actions committed ({slot.actions.length})</h4>
      {slot.actions.length ? (
        <ul className="space-y-1 text-sm">
          {slot.actions.map((a) => (
            <li key={a.id}>
              {a.description} — {a.ownerName}, due {formatDay(a.dueOn)}
            </li>
          ))}
        </ul>
      ) : null}
      {slot.phase === "actions" && !closed && (isFacilitator || slot.presenterId === userId) ? (
        <Form key={`action-${slot.actions.length}`} method="post" preventScrollReset className="mt-2 max-w-2xl">
          <Hidden values={{ intent: "commit-action", airtimeId: slot.id }} />
          <label className="label" htmlFor={`action-${slot.id}`}>
            Action
          </label>
          <textarea id={`action-${slot.id}`} name="description" className="input" rows={2} required maxLength={1000} />
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <div>
              <label className="label" htmlFor={`owner-${slot.id}`}>
                Owner
              </label>
              <select id={`owner-${slot.id}`} name="ownerId" className="input" defaultValue={slot.presenterId}>
                {participants.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor={`due-${slot.id}`}>
                Due date
              </label>
              <input id={`due-${slot.id}`} name="dueOn" type="date" className="input" required defaultValue={defaultDue} />
            </div>
          </div>
          <label className="label mt-2" htmlFor={`inquiry-${slot.id}`}>
            Inquiry (optional)
          </label>
          <select id={`inquiry-${slot.id}`} name="inquiryId" className="input" defaultValue={inquiries[0]?.id ?? ""}>
            <option value="">No inquiry</option>
            {inquiries.map((i) => (
              <option key={i.id} value={i.id}>
                {i.question}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary mt-3">
            Commit action
          </button>
        </Form>
      ) : null}
    </article>
  );
}

/** The facilitator chooses on whose behalf a bid or a line of learning is recorded. */
function ParticipantSelect({
  id,
  name,
  label,
  labelClassName,
  people,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  labelClassName: string;
  people: Array<{ id: string; displayName: string }>;
  defaultValue: string;
}) {
  return (
    <>
      <label className={labelClassName} htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} className="input" defaultValue={defaultValue}>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
      </select>
    </>
  );
}
