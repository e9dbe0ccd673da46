import { and, asc, eq, inArray, like } from "drizzle-orm";

import { ydocFromProsemirrorJson } from "../../app/collab/content.server";
import { editDocument } from "../../app/collab/storage.server";
import { DOCUMENT_FIELD } from "../../app/components/editor/extensions";
import { copyNodes, saveNamedVersion } from "../../app/models/log/log-history.server";
import type { LogTemplate, LogVisibility } from "../../app/models/log/log.constants";
import { createLog, type LogActor } from "../../app/models/log/log.server";
import type { Database } from "../client";
import { collabDocuments, collabUpdates } from "../schema/collab";
import { inquiries, learningSets, setMembers } from "../schema/learning";
import { logAuthors, logs, logVersions } from "../schema/logs";
import { DAY_MS, type FoundationSeed } from "./foundation";

/*
 * Demo learning logs, written as board members of the Musselburgh Total Place pilot might have
 * written them in Phase 2 (from March 2015), dated on the demo's clock (foundation.ts): each log
 * was written and edited on its own day in the past weeks, around the set's two meetings (42 and
 * 14 days before the install). The facts are from the public documents summarised in
 * shared/data/README.md, copied here because a clone has no shared/:
 * - Musselburgh pilot (East Lothian Partnership): set up January 2014; Phase 1 mapped the journey
 *   of six "high tariff" cases from beginning to current status, with intervention points and
 *   multi-agency contacts across the extended family; Phase 2 (from March 2015) takes a
 *   collaborative leadership / action learning approach with four inquiry questions.
 * - Wiltshire cabinet report (26 January 2010): one family mapped over 23 agencies in contact with
 *   them, with little co-ordinated whole-family work.
 * - Midlothian Preventative Outreach Service (June 2016): residential workforce reconfigured into
 *   24/7 outreach over 12 weeks; 82 children and young people enabled to remain with their
 *   families; a foster care place costs on average £28,000 a year; 15% reduction in the budget
 *   for external residential and educational placements.
 * - Total Place conference report (March 2010): Westminster family recovery programme, 40
 *   families; 78% went on parenting courses, 39% reduced anti-social behaviour, 50% improved
 *   school attendance; "too many interventions were outcome-free".
 */

type Inline = string | { bold: string } | { italic: string };
type Block = { h: string } | { p: Inline[] } | { ul: string[] } | { quote: string };

function inline(parts: Inline[]) {
  return parts.map((part) => {
    if (typeof part === "string") return { type: "text", text: part };
    if ("bold" in part) return { type: "text", text: part.bold, marks: [{ type: "bold" }] };
    return { type: "text", text: part.italic, marks: [{ type: "italic" }] };
  });
}

function toDoc(blocks: Block[]) {
  return {
    type: "doc",
    content: blocks.map((b) => {
      if ("h" in b) return { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: b.h }] };
      if ("p" in b) return { type: "paragraph", content: inline(b.p) };
      if ("quote" in b) return { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: b.quote }] }] };
      return {
        type: "bulletList",
        content: b.ul.map((item) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: item }] }] })),
      };
    }),
  };
}

type SeedLog = {
  author: string;
  coAuthor?: { person: string; blocks: Block[] };
  title: string;
  visibility: LogVisibility;
  template: LogTemplate;
  tags: string[];
  /** Words of the inquiry question to link the log to, when inquiries have been seeded. */
  inquiry?: string;
  blocks: Block[];
  namedVersion?: { name: string; daysAgo: number };
  /** Days before the install when the author wrote it, and when the co-author added to it. */
  writtenDaysAgo: number;
  coAuthorDaysAgo?: number;
};

const LOGS: SeedLog[] = [
  {
    author: "analyst",
    title: "Mapping the six case journeys",
    writtenDaysAgo: 95,
    coAuthorDaysAgo: 88,
    visibility: "workspace",
    template: "what-so-what-now-what",
    tags: ["case journeys", "high tariff", "phase 1"],
    inquiry: "increasingly chaotic",
    blocks: [
      { h: "What?" },
      {
        p: [
          "We finished mapping the journey of ",
          { bold: "six high-tariff cases" },
          " from their first contact to where they are now, with every intervention point and every multi-agency contact across the extended family, not just the parent named on the referral.",
        ],
      },
      { p: ["Each agency brought its own chronology. We laid them side by side rather than merging them, so each account kept its own voice."] },
      { h: "So what?" },
      {
        p: [
          "The same moments were assessed again and again by different services, weeks apart, and after each crisis there were long spells when nobody was working with the family at all. ",
          { italic: "The gaps matter as much as the duplication." },
        ],
      },
      { h: "Now what?" },
      { ul: ["Bring the six journeys to the next set meeting as a swim-lane picture", "Ask each agency to check its own account before the board sees it", "Estimate the cost of each journey to date"] },
    ],
    coAuthor: {
      person: "owner",
      blocks: [{ p: ["Morag: the board should see the gaps after crisis first. That is where our inquiry question about families hitting crisis starts."] }],
    },
  },
  {
    author: "member",
    title: "One family, 23 agencies",
    writtenDaysAgo: 41,
    visibility: "workspace",
    template: "gibbs",
    tags: ["whole family", "duplication"],
    namedVersion: { name: "Shared with the board after Meeting 1", daysAgo: 35 },
    blocks: [
      { h: "Description" },
      { p: ["At the set we read the Wiltshire Total Place report. One family there was mapped with ", { bold: "over 23 agencies" }, " in contact with them, and little co-ordinated whole-family work."] },
      { h: "Feelings" },
      { p: ["Uncomfortable. I could name at least one family in Musselburgh where the police alone have been out more times than I can count, and I do not know who else is involved."] },
      { h: "Evaluation" },
      { p: ["Good: everyone in the room recognised the pattern. Not good: nobody could say who holds the whole picture for a family."] },
      { h: "Analysis" },
      { p: ["Each of us acts correctly inside our own criteria. The duplication is a property of the system, not of any one service."] },
      { h: "Conclusion" },
      { p: ["We need one shared view of who is involved with a family, agreed across partners, before we can talk about savings."] },
      { h: "Action plan" },
      { p: ["Before the next meeting I will list every police contact with one of the six mapped families over the last two years and bring it to the set."] },
    ],
  },
  {
    author: "socialWorker",
    title: "What Midlothian's outreach service tells us about prevention",
    writtenDaysAgo: 30,
    visibility: "workspace",
    template: "what-so-what-now-what",
    tags: ["prevention", "outreach", "costs"],
    inquiry: "minimise harm",
    blocks: [
      { h: "What?" },
      {
        p: [
          "Midlothian reconfigured its residential workforce into a 24/7 community outreach service over 12 weeks, for children at risk of being accommodated. ",
          { bold: "82 children and young people" },
          " were enabled to remain with their families.",
        ],
      },
      { h: "So what?" },
      {
        p: [
          "A foster care place costs on average £28,000 a year, and they report a 15% reduction in the budget for external residential and educational placements. The money followed the families rather than the buildings.",
        ],
      },
      { quote: "Prevention here was not a new service; it was the same staff working at a different time of day, in the family's home." },
      { h: "Now what?" },
      { p: ["Ask our own children's services what a 12-week reconfiguration would need here, and which unit costs we would use to judge it."] },
    ],
  },
  {
    author: "healthVisitor",
    title: "My first action learning set",
    writtenDaysAgo: 40,
    visibility: "private",
    template: "gibbs",
    tags: ["action learning"],
    blocks: [
      { h: "Description" },
      { p: ["First set meeting. I presented the family I worry about most and the others only asked questions. Nobody gave advice."] },
      { h: "Feelings" },
      { p: ["Exposed at first, then relieved. It was the first time in months I had said out loud how stuck I feel."] },
      { h: "Evaluation" },
      { p: ["The questions were better than advice would have been. One question, about who the children trust, changed how I see the case."] },
      { h: "Analysis" },
      { p: ["I had been treating the mother's appointments as the work. The children's school is where the trust is."] },
      { h: "Conclusion" },
      { p: ["I should have spoken to the head teacher months ago."] },
      { h: "Action plan" },
      { p: ["Meet the head teacher this month; report back at the next set."] },
    ],
  },
  {
    author: "facilitator",
    title: "Capturing the learning at all levels",
    writtenDaysAgo: 20,
    visibility: "workspace",
    template: "what-so-what-now-what",
    tags: ["evaluation", "learning"],
    inquiry: "capture the learning",
    blocks: [
      { h: "What?" },
      {
        p: [
          "Our fourth inquiry question asks how we capture the learning from the project at all levels. I went back to the Total Place conference report: in Westminster's family recovery programme, with 40 families, 78% went on parenting courses, 39% reduced anti-social behaviour and 50% improved school attendance.",
        ],
      },
      { h: "So what?" },
      { p: ["Those figures were only possible because someone decided at the start what would be counted. The report's warning stays with me: ", { italic: "too many interventions were outcome-free." }] },
      { h: "Now what?" },
      { ul: ["Agree three outcome indicators with the board before the summer", "Every set keeps logs that the evaluator can read when they are shared with the workspace"] },
    ],
  },
  {
    author: "housingOfficer",
    title: "Housing and the families hitting crisis",
    writtenDaysAgo: 16,
    visibility: "set",
    template: "what-so-what-now-what",
    tags: ["housing", "crisis"],
    inquiry: "increasingly chaotic",
    blocks: [
      { h: "What?" },
      { p: ["Three of the six mapped families had a tenancy warning in the months before their first crisis contact with the police."] },
      { h: "So what?" },
      { p: ["Rent arrears may be our earliest signal that a family is becoming more chaotic, and housing sees it first."] },
      { h: "Now what?" },
      { p: ["Propose to the set that a tenancy warning for a family with children triggers a conversation with the health visitor and the school."] },
    ],
  },
];

/**
 * A set of the workspace for a `set` log: one the preferred author takes part in, else any set
 * with its facilitator as author (a set log must be written by someone inside the set).
 */
async function setForLog(db: Database, workspaceId: string, preferredUserId: string): Promise<{ setId: string; authorId: string } | null> {
  const rows = await db
    .select({ id: learningSets.id, facilitatorId: learningSets.facilitatorId, memberId: setMembers.userId })
    .from(learningSets)
    .leftJoin(setMembers, eq(setMembers.setId, learningSets.id))
    .where(eq(learningSets.workspaceId, workspaceId))
    .orderBy(asc(learningSets.createdAt));
  const mine = rows.find((r) => r.facilitatorId === preferredUserId || r.memberId === preferredUserId);
  if (mine) return { setId: mine.id, authorId: preferredUserId };
  const led = rows.find((r) => r.facilitatorId);
  return led?.facilitatorId ? { setId: led.id, authorId: led.facilitatorId } : null;
}

async function findInquiry(db: Database, workspaceId: string, words: string | undefined): Promise<string | undefined> {
  if (!words) return undefined;
  const [row] = await db
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(and(eq(inquiries.workspaceId, workspaceId), like(inquiries.question, `%${words}%`)))
    .limit(1);
  return row?.id;
}

/** Replaces a log's document content (a forward edit by `userId`, like typing it). */
async function writeContent(logId: string, workspaceId: string, userId: string, blocks: Block[], append = false) {
  const source = ydocFromProsemirrorJson(toDoc(blocks));
  const nodes = copyNodes(source.getXmlFragment(DOCUMENT_FIELD));
  await editDocument(
    `log:${logId}`,
    workspaceId,
    (doc) => {
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      if (!append) fragment.delete(0, fragment.length);
      fragment.insert(fragment.length, nodes);
    },
    userId,
  );
  source.destroy();
}

/**
 * Four to six demo logs by different people. A `set` log is written only when the learning seed
 * has created a set the author takes part in; otherwise that log stays private to its author.
 */
export async function seedLogs(db: Database, foundation: FoundationSeed): Promise<string[]> {
  const ids: string[] = [];
  for (const seed of LOGS) {
    let author = foundation.users[seed.author];
    const set = seed.visibility === "set" ? await setForLog(db, foundation.workspaceId, author.id) : null;
    if (set) author = Object.values(foundation.users).find((u) => u.id === set.authorId) ?? author;
    const setId = set?.setId ?? null;
    const actor: LogActor = { userId: author.id, role: author.role, workspaceId: foundation.workspaceId };
    const visibility: LogVisibility = seed.visibility === "set" && !setId ? "private" : seed.visibility;
    const { id } = await createLog(actor, {
      title: seed.title,
      visibility,
      setId: setId ?? undefined,
      inquiryId: await findInquiry(db, foundation.workspaceId, seed.inquiry),
      tags: seed.tags,
      template: seed.template,
    });
    await writeContent(id, foundation.workspaceId, author.id, seed.blocks);
    if (seed.coAuthor) {
      await writeContent(id, foundation.workspaceId, foundation.users[seed.coAuthor.person].id, seed.coAuthor.blocks, true);
    }
    if (seed.namedVersion) await saveNamedVersion(actor, id, seed.namedVersion.name);
    await dateLog(db, foundation.now, id, seed, author.id, seed.coAuthor ? foundation.users[seed.coAuthor.person].id : null);
    ids.push(id);
  }
  return ids;
}

/** Gives a seeded log, its authors, versions, document rows and audit entries their own days in the past. */
async function dateLog(db: Database, now: number, logId: string, seed: SeedLog, authorId: string, coAuthorId: string | null) {
  // Mid-morning of the day it was written, so the times are plausible working hours.
  const written = now - seed.writtenDaysAgo * DAY_MS - 3 * 3_600_000;
  const edited = written + 40 * 60_000;
  const coAuthored = seed.coAuthorDaysAgo === undefined ? null : now - seed.coAuthorDaysAgo * DAY_MS - 5 * 3_600_000;
  const lastEdit = coAuthored ?? edited;
  await db.update(logs).set({ createdAt: written, updatedAt: lastEdit }).where(eq(logs.id, logId));
  await db.update(logAuthors).set({ addedAt: written }).where(and(eq(logAuthors.logId, logId), eq(logAuthors.userId, authorId)));
  if (coAuthorId && coAuthored) await db.update(logAuthors).set({ addedAt: coAuthored }).where(and(eq(logAuthors.logId, logId), eq(logAuthors.userId, coAuthorId)));
  const name = `log:${logId}`;
  await db.update(collabDocuments).set({ updatedAt: lastEdit }).where(eq(collabDocuments.name, name));
  await db.update(collabUpdates).set({ createdAt: lastEdit }).where(eq(collabUpdates.documentName, name));
  // Automatic snapshots belong to the editing session that made them; a named version to its own day.
  const versions = await db.select({ id: logVersions.id, kind: logVersions.kind }).from(logVersions).where(eq(logVersions.logId, logId));
  const periodic = versions.filter((v) => v.kind !== "named").map((v) => v.id);
  if (periodic.length > 0) await db.update(logVersions).set({ createdAt: lastEdit }).where(inArray(logVersions.id, periodic));
  const named = versions.filter((v) => v.kind === "named").map((v) => v.id);
  if (named.length === 0 || !seed.namedVersion) return;
  const versionAt = Math.max(lastEdit + 60_000, now - seed.namedVersion.daysAgo * DAY_MS - 2 * 3_600_000);
  await db.update(logVersions).set({ createdAt: versionAt }).where(inArray(logVersions.id, named));
}
