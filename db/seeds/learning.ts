import { eq, sql } from "drizzle-orm";
import * as Y from "yjs";

import { ydocFromProsemirrorJson } from "../../app/collab/content.server";
import { writeDocumentState } from "../../app/collab/storage.server";
import { dayToUtc, londonToUtc, utcToLondonInput } from "../../app/models/meeting/london-time";
import { DEFAULT_GROUND_RULES } from "../../app/models/set/set.policy";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { collabDocuments } from "../schema/collab";
import {
  actionReports,
  actions,
  airtimeQuestions,
  airtimes,
  decisionInquiries,
  decisions,
  inquiries,
  learningLines,
  learningSets,
  meetingAttendance,
  meetingRuns,
  meetings,
  setInquiries,
  setMembers,
} from "../schema/learning";
import { DAY_MS, type FoundationSeed } from "./foundation";

/*
 * The board's learning cycle for the demo, from the Musselburgh Total Place pilot (East Lothian
 * Partnership; source A of the project's data notes): set up January 2014; Phase 2, from March
 * 2015, takes a Collaborative Leadership / Action Learning approach within the Scottish
 * Government's Collaborative Leadership Pioneer programme, with four action inquiry questions
 * (copied verbatim below). Phase 1 mapped the journeys of six "high tariff" families; Wiltshire's
 * Total Place report (source B) found one family in contact with over 23 agencies.
 * Meeting dates are relative to today so "my next meetings" and "overdue" always mean something;
 * every other time follows the demo's clock (foundation.ts): the inquiries were framed in the
 * workspace's first week, the set formed a fortnight in, meetings were scheduled ahead of time.
 */

const PHASE = "Phase 2 (from March 2015)";

const INQUIRIES: Array<{ question: string; rationale: string; owner: string }> = [
  {
    question: "How can we minimise harm and maximise opportunities for children and individuals living in chaotic homes?",
    rationale:
      "Phase 1 mapped six high-tariff families from first contact to current status. The children in them met many services, but the journeys show intervention points where nobody looked at the whole family.",
    owner: "owner",
  },
  {
    question: "How can we prevent some families becoming increasingly chaotic and hitting crisis?",
    rationale:
      "The journeys show long gaps with no support after a crisis, then several agencies arriving at once. Earlier, co-ordinated work could change the course before crisis.",
    owner: "facilitator",
  },
  {
    question: "How can we build personal and family resilience so that families become and remain 'contributing citizens'?",
    rationale: "Services tend to withdraw once a crisis passes. The board wants to learn what helps families stay well, not only what stops harm.",
    owner: "owner",
  },
  {
    question: "How can we capture the learning from the project at all levels as we go forward?",
    rationale:
      "Collaborative leadership is practised across functional and organisational boundaries; the board, the sets and practitioners each learn something different, and it is lost unless written down.",
    owner: "evaluator",
  },
];

const DAY = 24 * 60 * 60 * 1000;

type Block = { p: string } | { h: string } | { ul: string[] };

function notesJson(blocks: Block[]) {
  const text = (t: string) => [{ type: "text", text: t }];
  return {
    type: "doc",
    content: blocks.map((b) => {
      if ("h" in b) return { type: "heading", attrs: { level: 2 }, content: text(b.h) };
      if ("ul" in b) return { type: "bulletList", content: b.ul.map((item) => ({ type: "listItem", content: [{ type: "paragraph", content: text(item) }] })) };
      return { type: "paragraph", content: text(b.p) };
    }),
  };
}

/** A London wall-clock time `daysFromNow` days from today. */
function londonAt(now: number, daysFromNow: number, time: string): number {
  const { date } = utcToLondonInput(now + daysFromNow * DAY);
  const at = londonToUtc(date, time);
  if (at === null) throw new Error(`Bad demo time ${date} ${time}`);
  return at;
}

function dayFromNow(now: number, days: number): number {
  const ms = dayToUtc(utcToLondonInput(now + days * DAY).date);
  if (ms === null) throw new Error("Bad demo day");
  return ms;
}

export type LearningSeed = {
  inquiryIds: string[];
  setId: string;
  meetingIds: { first: string; second: string; upcoming: string };
  decisionId: string;
  actionIds: string[];
};

export async function seedLearning(db: Database, foundation: FoundationSeed): Promise<LearningSeed> {
  const { workspaceId, users } = foundation;
  const u = (key: string) => users[key].id;
  const { now, startedAt } = foundation;
  const framedAt = startedAt + 3 * DAY_MS;
  const setFormedAt = startedAt + 14 * DAY_MS;

  const inquiryIds: string[] = [];
  for (const [position, inquiry] of INQUIRIES.entries()) {
    const id = newId();
    await db.insert(inquiries).values({ id, workspaceId, question: inquiry.question, rationale: inquiry.rationale, phase: PHASE, status: "open", position, ownerId: u(inquiry.owner), createdAt: framedAt, updatedAt: framedAt });
    inquiryIds.push(id);
  }
  const [harm, crisis, resilience] = inquiryIds;

  const setId = newId();
  const memberKeys = ["member", "healthVisitor", "housingOfficer", "headTeacher", "socialWorker"];
  await db.insert(learningSets).values({
    id: setId,
    workspaceId,
    name: "Board set: chaotic homes and crisis",
    facilitatorId: u("facilitator"),
    groundRules: DEFAULT_GROUND_RULES,
    rhythm: "Every four weeks, Wednesday 14:00–16:30, Brunton Hall, Musselburgh",
    slotMinutes: 30,
    createdAt: setFormedAt,
    updatedAt: setFormedAt,
  });
  await db.insert(setMembers).values(memberKeys.map((k, i) => ({ setId, userId: u(k), joinedAt: setFormedAt + i * 60_000 })));
  await db.insert(setInquiries).values([harm, crisis].map((inquiryId) => ({ setId, inquiryId })));

  const meetingSpecs = [
    { key: "first", title: "Meeting 1", days: -42, run: true },
    { key: "second", title: "Meeting 2", days: -14, run: true },
    { key: "upcoming", title: "Meeting 3", days: 7, run: false },
  ] as const;
  const meetingIds = {} as LearningSeed["meetingIds"];
  const startsAt: Record<string, number> = {};
  let scheduledAt = setFormedAt + DAY_MS;
  for (const m of meetingSpecs) {
    const id = newId();
    startsAt[m.key] = londonAt(now, m.days, "14:00");
    const endsAt = londonAt(now, m.days, "16:30");
    await db.insert(meetings).values({
      id,
      workspaceId,
      setId,
      title: m.title,
      startsAt: startsAt[m.key],
      endsAt,
      location: "Brunton Hall, Ladywell Way, Musselburgh",
      createdAt: scheduledAt,
      updatedAt: scheduledAt,
      agenda: "Opening round: report-back on actions\nBidding for airtime\nPresenters (30 minutes each)\nClosing round: one line of learning each",
    });
    meetingIds[m.key] = id;
    // Each meeting is scheduled the day after the one before it (the first, the day after the set formed).
    scheduledAt = startsAt[m.key] + DAY_MS;
    if (m.run) {
      const finishedAt = startsAt[m.key] + 150 * 60_000;
      await db.insert(meetingRuns).values({ meetingId: id, phase: "finished", startedAt: startsAt[m.key], phaseStartedAt: startsAt[m.key] + 140 * 60_000, finishedAt, updatedAt: finishedAt });
      await db.insert(meetingAttendance).values([
        { meetingId: id, userId: u("facilitator"), status: "present", updatedAt: startsAt[m.key] + 5 * 60_000 },
        ...memberKeys.map((k) => ({
          meetingId: id,
          userId: u(k),
          status: (m.key === "second" && k === "headTeacher" ? "apologies" : "present") as "present" | "apologies",
          updatedAt: startsAt[m.key] + 5 * 60_000,
        })),
      ]);
    }
  }

  type SlotSpec = {
    meeting: "first" | "second";
    presenter: string;
    issue: string;
    questions: Array<[string, string]>;
    actions: Array<{ owner: string; description: string; dueDays: number; inquiry: string }>;
  };
  const slots: SlotSpec[] = [
    {
      meeting: "first",
      presenter: "member",
      issue: "Police attend the same family's home again and again, and each call is handled as if it were the first.",
      questions: [
        ["healthVisitor", "What do you know about the family that the officers at the door do not?"],
        ["socialWorker", "Who else was at that door in the same month?"],
        ["housingOfficer", "What would have to be true for one call to lead to a different next step?"],
      ],
      actions: [{ owner: "member", description: "List every police contact with one of the six mapped families over the last two years and bring it to the set.", dueDays: -21, inquiry: crisis }],
    },
    {
      meeting: "first",
      presenter: "healthVisitor",
      issue: "A mother I visit has told me she is frightened of losing her tenancy; I don't know who to bring in without making it worse.",
      questions: [
        ["housingOfficer", "What does she think would happen if housing knew?"],
        ["headTeacher", "Who does she already trust?"],
      ],
      actions: [{ owner: "healthVisitor", description: "Meet the head teacher of the family's primary school to agree one shared point of contact.", dueDays: -18, inquiry: harm }],
    },
    {
      meeting: "second",
      presenter: "housingOfficer",
      issue: "Tenancy warnings go out to families with children without anyone else knowing.",
      questions: [
        ["member", "When a warning goes out, who would you want to know?"],
        ["healthVisitor", "What stops you telling the health visitor today?"],
      ],
      actions: [
        { owner: "housingOfficer", description: "Propose to Housing that a tenancy warning for a family with children triggers a conversation with the health visitor and the school.", dueDays: 6, inquiry: crisis },
        { owner: "member", description: "Share the police contact list with Children's Services under the information-sharing agreement.", dueDays: -3, inquiry: crisis },
      ],
    },
    {
      meeting: "second",
      presenter: "socialWorker",
      issue: "Adult services close a case when the adult is stable, while the children's services case for the same household stays open.",
      questions: [
        ["member", "Who decides that the family is 'stable'?"],
        ["housingOfficer", "What would a lead professional for the whole household change for you?"],
      ],
      actions: [{ owner: "socialWorker", description: "Draft a one-page role description for a lead professional for high-tariff families, with Children's Services.", dueDays: -5, inquiry: resilience }],
    },
  ];

  const actionIds: string[] = [];
  const committed: Record<string, string> = {};
  const positions: Record<string, number> = { first: 0, second: 0 };
  for (const s of slots) {
    const meetingId = meetingIds[s.meeting];
    const start = startsAt[s.meeting];
    const airtimeId = newId();
    const position = positions[s.meeting]++;
    await db.insert(airtimes).values({
      id: airtimeId,
      workspaceId,
      meetingId,
      presenterId: u(s.presenter),
      issue: s.issue,
      position,
      minutes: 30,
      phase: "done",
      phaseStartedAt: start + (40 + position * 32) * 60_000,
      timerStartedAt: null,
      timerElapsedMs: (28 + position * 3) * 60_000,
      createdAt: start + 20 * 60_000,
      updatedAt: start + (40 + position * 32 + 30) * 60_000,
    });
    for (const [i, [asker, text]] of s.questions.entries()) {
      await db.insert(airtimeQuestions).values({ id: newId(), airtimeId, askedBy: u(asker), text, createdAt: start + (30 + position * 32 + i) * 60_000 });
    }
    for (const a of s.actions) {
      const id = newId();
      await db.insert(actions).values({
        id,
        workspaceId,
        setId,
        meetingId,
        airtimeId,
        inquiryId: a.inquiry,
        ownerId: u(a.owner),
        description: a.description,
        dueOn: dayFromNow(now, a.dueDays),
        status: "open",
        createdBy: u("facilitator"),
        createdAt: start + (50 + position * 32) * 60_000,
        updatedAt: start + (50 + position * 32) * 60_000,
      });
      actionIds.push(id);
      committed[`${s.meeting}:${a.owner}`] = id;
    }
  }

  // Meeting 2's opening round: report-back on meeting 1's actions (the history is kept).
  const second = startsAt.second;
  await db.insert(actionReports).values([
    {
      id: newId(),
      actionId: committed["first:member"],
      meetingId: meetingIds.second,
      reporterId: u("member"),
      outcome: "done",
      reflection: "Thirty-one contacts in two years, eleven of them in one winter. Nobody at the door had the whole picture.",
      createdAt: second + 10 * 60_000,
    },
    {
      id: newId(),
      actionId: committed["first:healthVisitor"],
      meetingId: meetingIds.second,
      reporterId: u("healthVisitor"),
      outcome: "partly",
      reflection: "We met and agreed I would be the contact, but the school's family worker had not been told. Still to do.",
      createdAt: second + 14 * 60_000,
    },
  ]);
  await db.update(actions).set({ status: "done", completedAt: second + 10 * 60_000, updatedAt: second + 10 * 60_000 }).where(eqId(committed["first:member"]));
  await db.update(actions).set({ status: "partly", updatedAt: second + 14 * 60_000 }).where(eqId(committed["first:healthVisitor"]));

  const lines: Array<["first" | "second", string, string]> = [
    ["first", "member", "Asking questions instead of giving advice slowed me down, and I heard more."],
    ["first", "healthVisitor", "I had been carrying the family's fear on my own."],
    ["first", "housingOfficer", "Our warning letters are an intervention point we never counted."],
    ["first", "headTeacher", "The school sees the children every day; we could be the early signal."],
    ["first", "socialWorker", "Closing a case is also a decision about the rest of the family."],
    ["second", "member", "The contact list made the cost of doing the same thing again visible."],
    ["second", "healthVisitor", "'Partly done' is honest, and the set helped me see the next step."],
    ["second", "housingOfficer", "A warning letter could be a referral, not only a threat."],
    ["second", "socialWorker", "A lead professional needs authority across agencies, not only a title."],
  ];
  await db.insert(learningLines).values(lines.map(([m, k, text]) => ({ id: newId(), meetingId: meetingIds[m], userId: u(k), text, createdAt: startsAt[m] + 145 * 60_000 })));

  const notes: Record<"first" | "second", Block[]> = {
    first: [
      { h: "Ground rules" },
      { p: "We agreed the ground rules, confidentiality first: what is said in the set stays in the set." },
      { h: "Presenters" },
      { ul: ["Fiona: repeat police calls to one family's home", "Kirsty: a mother afraid of losing her tenancy"] },
      { p: "Questions only during the questions stage; the facilitator stopped advice twice." },
    ],
    second: [
      { h: "Report-back" },
      { p: "Fiona's list: 31 police contacts in two years with one of the six mapped families. Kirsty's action partly done." },
      { h: "Presenters" },
      { ul: ["Graeme: tenancy warnings to families with children", "Tom: adult and children's cases closing at different times"] },
      { p: "The set asked the board to consider a lead professional and a pooled budget for high-tariff families." },
    ],
  };
  for (const key of ["first", "second"] as const) {
    const doc = ydocFromProsemirrorJson(notesJson(notes[key]));
    const name = `meeting:${meetingIds[key]}`;
    await writeDocumentState(name, workspaceId, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    await db.update(collabDocuments).set({ updatedAt: startsAt[key] + 150 * 60_000 }).where(eq(collabDocuments.name, name));
  }

  const decisionId = newId();
  const decidedOn = dayFromNow(now, -10);
  await db.insert(decisions).values({
    id: decisionId,
    workspaceId,
    decision: "Pilot a lead professional and a pooled budget for the six high-tariff families whose journeys were mapped in Phase 1.",
    rationale:
      "The mapped journeys show many agencies in contact with each family and little co-ordinated whole-family work (Wiltshire found one family in contact with over 23 agencies). The board's set asked for one accountable person per family and a shared budget so that help is not held up by whose money it is.",
    ownerId: u("owner"),
    decidedOn,
    reviewOn: dayFromNow(now, 14),
    createdBy: u("owner"),
    // Recorded at the end of the board meeting that took it.
    createdAt: decidedOn + 17 * 3_600_000,
    updatedAt: decidedOn + 17 * 3_600_000,
  });
  await db.insert(decisionInquiries).values([crisis, resilience].map((inquiryId) => ({ decisionId, inquiryId })));

  return { inquiryIds, setId, meetingIds, decisionId, actionIds };
}

function eqId(id: string) {
  return sql`${actions.id} = ${id}`;
}
