import * as Y from "yjs";

import { deriveContent, ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { createDecision } from "../../../app/models/decision/decision.server";
import { createInquiry } from "../../../app/models/inquiry/inquiry.server";
import { onLogDerived } from "../../../app/models/log/log-document.server";
import { createMeeting, setMeetingNotes } from "../../../app/models/meeting/meeting.server";
import { createSet } from "../../../app/models/set/set.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { caseCriteria, cases, commonCriteria, journeyEvents } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import type { Role } from "../../../db/schema/core";
import { insightActions, insightCases, insightExcerpts, insightIndicators, insightInquiries, insights } from "../../../db/schema/insights";
import { actions } from "../../../db/schema/learning";
import { spendLines } from "../../../db/schema/spend";
import {
  makeIndicator,
  makeWorkspace,
  makeWorkspaceWithRoles,
  type TestUser,
  type TestWorkspace,
} from "../../helpers/factories";
import { actorFor, makeLog } from "../logs/world";

/** Words planted where an export must never look; each is unique so a leak is unmistakable. */
export const SECRET = {
  privateLog: "zqprivatelogword",
  setLog: "zqsetlogword",
  meetingNotes: "zqmeetingnotesword",
  setAction: "zqsetactionword",
  caseEvent: "zqcaseeventword",
  otherWorkspace: "zqotherworkspaceword",
} as const;

export const SHARED = {
  log: "Workspace reflection on early help",
  logWord: "zqsharedlogword",
  excerpt: "the same story three times",
  insight: "Duplicated assessments delay early help",
  decision: "Pool the early-help budget",
};

export async function writeLogText(logId: string, paragraphs: string[], editor: string) {
  const doc = ydocFromProsemirrorJson({
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  });
  const derived = deriveContent(doc);
  await onLogDerived(logId, {
    ...derived,
    state: Y.encodeStateAsUpdate(doc),
    editorUserIds: [editor],
    lastEditAt: Date.now(),
  });
}

export type ExportWorld = {
  ws: TestWorkspace & { users: Record<Role, TestUser> };
  other: TestWorkspace;
  inquiryId: string;
  otherInquiryId: string;
  sharedLogId: string;
};

/**
 * Workspace A with one person per role, an inquiry, a workspace log, a private log, a set with a
 * set log, a meeting with notes and a set action, a standing action, a decision, an insight, and
 * three pseudonymised cases; workspace B with a workspace log and an inquiry of its own.
 */
export async function makeExportWorld(): Promise<ExportWorld> {
  const ws = await makeWorkspaceWithRoles();
  const { users } = ws;
  const { id: inquiryId } = await createInquiry({ userId: users.owner.id }, ws.id, {
    question: "How can we prevent some families becoming increasingly chaotic and hitting crisis?",
    rationale: "Phase 2 inquiry",
    phase: "Phase 2",
    status: "open",
  });
  const member = actorFor(users.member, "member", ws.id);
  const shared = await makeLog(member, { title: SHARED.log, inquiryId });
  await writeLogText(
    shared.id,
    [`Families told us the same story three times. ${SHARED.logWord}`],
    users.member.id,
  );
  const priv = await makeLog(member, {
    title: "My private thoughts",
    visibility: "private",
    inquiryId,
  });
  await writeLogText(priv.id, [`Not for sharing ${SECRET.privateLog}`], users.member.id);

  const { id: setId } = await createSet({ userId: users.facilitator.id }, ws.id, {
    name: "Early help set",
    facilitatorId: users.facilitator.id,
    memberIds: [users.member.id, users.analyst.id],
    inquiryIds: [inquiryId],
    groundRules: "",
    rhythm: "",
    slotMinutes: 30,
  });
  const setLog = await makeLog(member, {
    title: "Set reflections",
    visibility: "set",
    setId,
    inquiryId,
  });
  await writeLogText(setLog.id, [`Said in the set ${SECRET.setLog}`], users.member.id);
  const { id: meetingId } = await createMeeting(
    { userId: users.facilitator.id },
    { id: setId, workspaceId: ws.id },
    {
      title: "First set meeting",
      date: "2015-04-15",
      startTime: "14:00",
      endTime: "16:30",
      location: "",
      agenda: "",
    },
  );
  await setMeetingNotes(meetingId, { text: `Notes ${SECRET.meetingNotes}`, json: null });
  const setActionId = newId();
  await db()
    .insert(actions)
    .values([
      {
        id: setActionId,
        workspaceId: ws.id,
        setId,
        meetingId,
        inquiryId,
        ownerId: users.member.id,
        description: `Try it ${SECRET.setAction}`,
      },
      {
        id: newId(),
        workspaceId: ws.id,
        inquiryId,
        ownerId: users.facilitator.id,
        description: '=HYPERLINK("http://evil.example","Map the referral routes")',
      },
    ]);
  await createDecision({ userId: users.owner.id }, ws.id, {
    decision: SHARED.decision,
    rationale: "Three agencies assess the same families",
    ownerId: users.owner.id,
    decidedOn: "2015-05-01",
    inquiryIds: [inquiryId],
  });
  const insightId = newId();
  await db().insert(insights).values({ id: insightId, workspaceId: ws.id, statement: SHARED.insight, kind: "barrier", barrierLevel: "local", status: "tested" });
  // The insight quotes the workspace log and the set log, and is linked to the set's action: only the first may leave.
  await db()
    .insert(insightExcerpts)
    .values([
      { id: newId(), workspaceId: ws.id, insightId, logId: shared.id, text: SHARED.excerpt, derivedAt: Date.now() },
      { id: newId(), workspaceId: ws.id, insightId, logId: setLog.id, text: `Said in the set ${SECRET.setLog}`, derivedAt: Date.now() },
    ]);
  await db().insert(insightInquiries).values({ insightId, inquiryId });
  await db().insert(insightActions).values({ insightId, actionId: setActionId });
  const { id: indicatorId } = await makeIndicator(ws, { name: "Children in external placements", values: [["2014", "26"], ["2018", "12"], ["2021-22", "5"]] });
  await db().insert(insightIndicators).values({ insightId, indicatorId });
  await db().insert(spendLines).values({ id: newId(), workspaceId: ws.id, financialYear: 2014, category: "children_and_families", amountPence: 123_456_789, vulnerableShareBp: 2500, service: "Children's services" });

  const [agency] = await db()
    .insert(agencies)
    .values({ id: newId(), workspaceId: ws.id, name: "Police Scotland", kind: "police" })
    .returning();
  const [criterion] = await db()
    .insert(commonCriteria)
    .values({ id: newId(), workspaceId: ws.id, label: "Domestic abuse" })
    .returning();
  for (const reference of ["MTP-001", "MTP-002", "MTP-003"]) {
    const caseId = newId();
    await db()
      .insert(cases)
      .values({ id: caseId, workspaceId: ws.id, reference, owningAgencyId: agency.id });
    if (reference === "MTP-001") await db().insert(insightCases).values({ insightId, caseId });
    await db().insert(caseCriteria).values({ caseId, commonCriterionId: criterion.id });
    await db()
      .insert(journeyEvents)
      .values({
        id: newId(),
        workspaceId: ws.id,
        caseId,
        occurredOn: Date.UTC(2014, 5, 1),
        agencyId: agency.id,
        kind: "crisis",
        description: `Call-out ${SECRET.caseEvent}`,
        costPence: 123456,
      });
  }

  const other = await makeWorkspace(undefined, "Other partnership");
  const { id: otherInquiryId } = await createInquiry({ userId: other.owner.id }, other.id, {
    question: "Another board's question",
    rationale: "",
    phase: "",
    status: "open",
  });
  const otherLog = await makeLog(actorFor(other.owner, "owner", other.id), {
    title: "Other board log",
    inquiryId: otherInquiryId,
  });
  await writeLogText(otherLog.id, [`Elsewhere ${SECRET.otherWorkspace}`], other.owner.id);

  return { ws, other, inquiryId, otherInquiryId, sharedLogId: shared.id };
}
