import { eq } from "drizzle-orm";
import * as Y from "yjs";

import { documentName } from "../../../app/collab/document-name";
import { updateLog } from "../../../app/collab/update-log.server";
import { refreshCaseTotals } from "../../../app/models/case/case-totals.server";
import { createDecision } from "../../../app/models/decision/decision.server";
import { createInquiry } from "../../../app/models/inquiry/inquiry.server";
import { saveNamedVersion } from "../../../app/models/log/log-history.server";
import { createLog } from "../../../app/models/log/log.server";
import { createMeeting, setMeetingNotes } from "../../../app/models/meeting/meeting.server";
import { createInvitation } from "../../../app/models/membership/invitation.server";
import { setRetention } from "../../../app/models/retention/retention.server";
import { createSet } from "../../../app/models/set/set.server";
import {
  addLocality,
  updateWorkspaceDetails,
} from "../../../app/models/workspace/workspace-settings.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import {
  agencyCriteria,
  caseReadPurposes,
  caseSettings,
  caseCriteria,
  caseHouseholdMembers,
  cases,
  commonCriteria,
  journeyEvents,
} from "../../../db/schema/cases";
import { commentMentions, comments, commentThreads } from "../../../db/schema/comments";
import { agencies, memberships, sessions, workspaces, type Role } from "../../../db/schema/core";
import { deflatorIndices, deflatorSeries, unitCosts, unitCostSettings } from "../../../db/schema/costs";
import { imports } from "../../../db/schema/imports";
import { indicatorActions, indicatorAgencies, indicatorDecisions, indicators, indicatorValues, savingsEstimates } from "../../../db/schema/indicators";
import {
  insightActions,
  insightCases,
  insightDecisions,
  insightExcerpts,
  insightIndicators,
  insightInquiries,
  insightJourneyEvents,
  insights,
  insightSpendLines,
  insightUnitCosts,
} from "../../../db/schema/insights";
import {
  actionReports,
  actions,
  decisions,
  inquiries,
  airtimeQuestions,
  airtimes,
  learningLines,
  meetingAttendance,
  meetingRuns,
} from "../../../db/schema/learning";
import { logs } from "../../../db/schema/logs";
import { localities } from "../../../db/schema/places";
import { spendLines, spendMappingRules } from "../../../db/schema/spend";
import {
  makeUser,
  makeWorkspace,
  type TestUser,
  type TestWorkspace,
} from "../../helpers/factories";

export type People = Record<Role, TestUser>;

/** One account per role, made before their workspace so a baseline can be taken in between. */
export async function makePeople(): Promise<People> {
  return {
    owner: await makeUser(),
    facilitator: await makeUser(),
    analyst: await makeUser(),
    member: await makeUser(),
    evaluator: await makeUser(),
  };
}

export async function joinWorkspace(ws: TestWorkspace, people: People): Promise<void> {
  for (const role of ["facilitator", "analyst", "member", "evaluator"] as const) {
    await db()
      .insert(memberships)
      .values({ id: newId(), workspaceId: ws.id, userId: people[role].id, role });
  }
}

/** A workspace whose owner is `people.owner`, with the other people as members. */
export async function makeWorkspaceFor(
  people: People,
  name = "Test partnership",
): Promise<TestWorkspace> {
  const ws = await makeWorkspace(people.owner, name);
  await joinWorkspace(ws, people);
  return ws;
}

/** Appends a Yjs update that inserts `text` at the end of the log's document, straight to the update log. */
export async function appendLoggedText(
  ws: { id: string },
  logId: string,
  userId: string,
  text: string,
): Promise<void> {
  const doc = new Y.Doc();
  doc.getXmlFragment("default").insert(0, [new Y.XmlText(text)]);
  await updateLog().append({
    documentName: documentName("log", logId),
    workspaceId: ws.id,
    update: Y.encodeStateAsUpdate(doc),
    userId,
    createdAt: Date.now(),
  });
  doc.destroy();
}

/**
 * Puts a row in every table that holds a workspace's material, through the domains' own
 * functions where they exist and plain inserts for the evidence tables (whose domains are being
 * built alongside): learning (sets, meetings and their runner records, inquiries, actions,
 * decisions), logs with collaboration state, update log, versions and search rows, settings
 * (renamed slug, retention, localities), invitations, and every evidence table.
 */
export async function populateWorkspace(
  ws: TestWorkspace,
  people: People,
): Promise<{ logId: string; meetingId: string }> {
  const owner = { userId: people.owner.id };
  const inquiry = await createInquiry(owner, ws.id, {
    question: "How do we hear families?",
    rationale: "",
    phase: "",
    status: "open",
  });
  const set = await createSet({ userId: people.facilitator.id }, ws.id, {
    name: "Set one",
    facilitatorId: people.facilitator.id,
    memberIds: [people.member.id, people.analyst.id],
    inquiryIds: [inquiry.id],
    groundRules: "",
    rhythm: "",
    slotMinutes: 30,
  });
  const meeting = await createMeeting(
    { userId: people.facilitator.id },
    { id: set.id, workspaceId: ws.id },
    {
      title: "First meeting",
      date: "2015-04-15",
      startTime: "14:00",
      endTime: "16:30",
      location: "",
      agenda: "Report back",
    },
  );
  await setMeetingNotes(meeting.id, { text: "Notes of the first meeting", json: null });
  await db().insert(meetingRuns).values({ meetingId: meeting.id, phase: "finished" });
  await db()
    .insert(meetingAttendance)
    .values({ meetingId: meeting.id, userId: people.member.id, status: "present" });
  const airtimeId = newId();
  await db().insert(airtimes).values({
    id: airtimeId,
    workspaceId: ws.id,
    meetingId: meeting.id,
    presenterId: people.member.id,
    issue: "Housing waits",
  });
  await db()
    .insert(airtimeQuestions)
    .values({ id: newId(), airtimeId, askedBy: people.analyst.id, text: "What have you tried?" });
  const actionId = newId();
  await db().insert(actions).values({
    id: actionId,
    workspaceId: ws.id,
    setId: set.id,
    meetingId: meeting.id,
    ownerId: people.member.id,
    description: "Call housing",
  });
  await db()
    .insert(actionReports)
    .values({ id: newId(), actionId, reporterId: people.member.id, outcome: "done" });
  await db().insert(learningLines).values({
    id: newId(),
    meetingId: meeting.id,
    userId: people.member.id,
    text: "Ask before telling",
  });
  await createDecision(owner, ws.id, {
    decision: "Pool the budget",
    rationale: "",
    decidedOn: "2015-06-01",
    inquiryIds: [inquiry.id],
  });

  const log = await createLog(
    { userId: people.member.id, role: "member", workspaceId: ws.id },
    { title: "A reflective log", visibility: "workspace", tags: ["housing"], template: "blank" },
  );
  await saveNamedVersion(
    { userId: people.member.id, role: "member", workspaceId: ws.id },
    log.id,
    "First draft",
  );
  await appendLoggedText(ws, log.id, people.member.id, "typed after the last compaction");
  await createInvitation(owner, ws.id, { role: "member" });

  await addLocality(owner, ws.id, "Musselburgh East");
  const [current] = await db()
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ws.id));
  await updateWorkspaceDetails(owner, ws.id, {
    name: current?.name ?? "",
    slug: `${ws.slug}-renamed`,
    description: "",
  });
  ws.slug = `${ws.slug}-renamed`;
  await setRetention(owner, ws.id, { learningMonths: 36, evidenceMonths: 24 });

  await populateEvidence(ws, people);
  return { logId: log.id, meetingId: meeting.id };
}

/** One row in each evidence table. */
export async function populateEvidence(
  ws: { id: string },
  people: People,
  at = Date.now(),
): Promise<{ caseId: string; importId: string; spendLineId: string }> {
  const agencyId = newId();
  await db()
    .insert(agencies)
    .values({
      id: agencyId,
      workspaceId: ws.id,
      name: `Police ${agencyId.slice(0, 4)}`,
      kind: "police",
    });
  const [locality] = await db()
    .select({ id: localities.id })
    .from(localities)
    .where(eq(localities.workspaceId, ws.id))
    .limit(1);
  const importId = newId();
  await db()
    .insert(imports)
    .values({
      id: importId,
      workspaceId: ws.id,
      kind: "spend",
      status: "committed",
      fileName: "spend.csv",
      fileSha256: "0".repeat(64),
      createdAt: at,
      committedAt: at,
    });
  const unitCostId = newId();
  await db().insert(unitCosts).values({
    id: unitCostId,
    workspaceId: ws.id,
    description: "Police call-out",
    unit: "incident",
    fiscalCostPence: 50_000,
    priceYear: "2015-16",
    source: "GMCA",
  });
  const seriesId = newId();
  await db().insert(deflatorSeries).values({ id: seriesId, workspaceId: ws.id, name: "GDP deflators", release: "March 2025", source: "HM Treasury" });
  await db().insert(deflatorIndices).values({ seriesId, financialYear: "2015-16", indexMilli: 87_473 });
  await db().insert(unitCostSettings).values({ workspaceId: ws.id, staleAfterYears: 5, implausibleFactor: 10 }).onConflictDoNothing();
  const criterionId = newId();
  await db()
    .insert(commonCriteria)
    .values({
      id: criterionId,
      workspaceId: ws.id,
      label: `Domestic abuse ${criterionId.slice(0, 4)}`,
    });
  await db().insert(agencyCriteria).values({
    id: newId(),
    workspaceId: ws.id,
    agencyId,
    label: "3+ incidents",
    commonCriterionId: criterionId,
  });
  const caseId = newId();
  await db()
    .insert(cases)
    .values({
      id: caseId,
      workspaceId: ws.id,
      reference: `F-${caseId.slice(0, 6)}`,
      localityId: locality?.id ?? null,
      createdAt: at,
      updatedAt: at,
    });
  const memberId = newId();
  await db()
    .insert(caseHouseholdMembers)
    .values({ id: memberId, caseId, role: "adult", label: "Adult 1" });
  await db().insert(caseCriteria).values({ caseId, commonCriterionId: criterionId });
  await db()
    .insert(journeyEvents)
    .values({
      id: newId(),
      workspaceId: ws.id,
      caseId,
      occurredOn: Date.UTC(2015, 3, 1),
      kind: "crisis",
      householdMemberId: memberId,
      unitCostId,
      quantityMilli: 1000,
      importId,
      createdAt: at,
      updatedAt: at,
    });
  await refreshCaseTotals(db(), [caseId]);
  const spendLineId = newId();
  await db().insert(spendLines).values({
    id: spendLineId,
    workspaceId: ws.id,
    financialYear: 2014,
    category: "justice",
    amountPence: 1_234_500,
    importId,
    createdAt: at,
    updatedAt: at,
  });
  const indicatorId = newId();
  await db().insert(indicators).values({
    id: indicatorId,
    workspaceId: ws.id,
    name: "Repeat call-outs",
    polarity: "lower_is_better",
  });
  const insightId = newId();
  await db().insert(insights).values({
    id: insightId,
    workspaceId: ws.id,
    statement: "Families tell their story many times",
    kind: "finding",
    createdBy: people.analyst.id,
  });
  await linkInsightEverywhere(ws, insightId, { caseId, unitCostId, spendLineId, indicatorId });
  await fillIndicator(ws, indicatorId, { agencyId, unitCostId });
  await db().insert(caseSettings).values({ workspaceId: ws.id, minCriteria: 3, minAgencies: 5 }).onConflictDoNothing();
  // A session's purpose for reading case detail here: a session's reference to the workspace.
  const [session] = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, people.analyst.id)).limit(1);
  if (session) await db().insert(caseReadPurposes).values({ sessionId: session.id, workspaceId: ws.id, purpose: "analysis" }).onConflictDoNothing();
  await db().insert(spendMappingRules).values({ id: newId(), workspaceId: ws.id, sourceKey: "council", valueKey: "children", value: "Children", category: "children_and_families" }).onConflictDoNothing();
  await commentOnALog(ws, people, at);
  return { caseId, importId, spendLineId };
}

/** One row in each insight link table, pointing at the workspace's own rows. */
async function linkInsightEverywhere(
  ws: { id: string },
  insightId: string,
  ids: { caseId: string; unitCostId: string; spendLineId: string; indicatorId: string },
) {
  const one = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows)[0]?.id;
  const inquiryId = await one(db().select({ id: inquiries.id }).from(inquiries).where(eq(inquiries.workspaceId, ws.id)).limit(1));
  const logId = await one(db().select({ id: logs.id }).from(logs).where(eq(logs.workspaceId, ws.id)).limit(1));
  const actionId = await one(db().select({ id: actions.id }).from(actions).where(eq(actions.workspaceId, ws.id)).limit(1));
  const decisionId = await one(db().select({ id: decisions.id }).from(decisions).where(eq(decisions.workspaceId, ws.id)).limit(1));
  const eventId = await one(db().select({ id: journeyEvents.id }).from(journeyEvents).where(eq(journeyEvents.caseId, ids.caseId)).limit(1));
  await db().insert(insightCases).values({ insightId, caseId: ids.caseId });
  await db().insert(insightUnitCosts).values({ insightId, unitCostId: ids.unitCostId });
  await db().insert(insightSpendLines).values({ insightId, spendLineId: ids.spendLineId });
  await db().insert(insightIndicators).values({ insightId, indicatorId: ids.indicatorId });
  if (eventId) await db().insert(insightJourneyEvents).values({ insightId, journeyEventId: eventId });
  if (inquiryId) await db().insert(insightInquiries).values({ insightId, inquiryId });
  if (actionId) await db().insert(insightActions).values({ insightId, actionId });
  if (decisionId) await db().insert(insightDecisions).values({ insightId, decisionId });
  if (logId) await db().insert(insightExcerpts).values({ id: newId(), workspaceId: ws.id, insightId, logId, text: "their story" });
}

/** A comment thread with a comment and a mention on one of the workspace's logs. */
async function commentOnALog(ws: { id: string }, people: People, at: number) {
  const [log] = await db().select({ id: logs.id }).from(logs).where(eq(logs.workspaceId, ws.id)).limit(1);
  if (!log) return;
  const threadId = newId();
  const commentId = newId();
  await db().insert(commentThreads).values({ id: threadId, workspaceId: ws.id, logId: log.id, anchorText: "their story", createdBy: people.analyst.id, createdAt: at, updatedAt: at });
  await db().insert(comments).values({ id: commentId, threadId, workspaceId: ws.id, authorId: people.analyst.id, body: "Which agencies?", createdAt: at, updatedAt: at });
  await db().insert(commentMentions).values({ id: newId(), commentId, workspaceId: ws.id, userId: people.member.id });
}

/** A value, partner, linked action and decision, and a savings estimate for the indicator. */
async function fillIndicator(ws: { id: string }, indicatorId: string, ids: { agencyId: string; unitCostId: string }) {
  await db().insert(indicatorValues).values({ id: newId(), indicatorId, period: "2014", periodStart: Date.UTC(2014, 0, 1), value: "26", valueMicros: 26_000_000 });
  await db().insert(indicatorAgencies).values({ indicatorId, agencyId: ids.agencyId });
  const [action] = await db().select({ id: actions.id }).from(actions).where(eq(actions.workspaceId, ws.id)).limit(1);
  if (action) await db().insert(indicatorActions).values({ indicatorId, actionId: action.id });
  const [decision] = await db().select({ id: decisions.id }).from(decisions).where(eq(decisions.workspaceId, ws.id)).limit(1);
  if (decision) await db().insert(indicatorDecisions).values({ indicatorId, decisionId: decision.id });
  await db().insert(savingsEstimates).values({
    id: newId(),
    workspaceId: ws.id,
    indicatorId,
    title: "Fewer placements",
    fromPeriod: "2014",
    fromValue: "26",
    toPeriod: "2021-22",
    toValue: "5",
    change: "21",
    changeMicros: 21_000_000,
    unitCostId: ids.unitCostId,
    unitCostDescription: "Foster care place",
    unitCostUnit: "per year",
    unitCostPence: 2_800_000,
    unitCostSource: "Test",
    priceYear: "2015-16",
    deadweightBp: 2000,
    attributionBp: 5000,
    optimismBiasBp: 2500,
    confidence: "low",
    assumptions: "Test assumptions",
  });
}
