import { and, eq, like } from "drizzle-orm";
import * as Y from "yjs";

import { INSIGHT_EXCERPT_ATTRIBUTE, INSIGHT_EXCERPT_MARK } from "../../app/collab/anchor-mark";
import { editDocument } from "../../app/collab/storage.server";
import { DOCUMENT_FIELD } from "../../app/components/editor/extensions";
import { LINK_KIND_CONFIG } from "../../app/models/insight/insight-link-kinds.server";
import type { InsightKind, LinkKind } from "../../app/models/insight/insight.constants";
import type { InsightFields } from "../../app/models/insight/insight.schema";
import { addInsightLink, createInsight } from "../../app/models/insight/insight.server";
import type { Database } from "../client";
import { insights } from "../schema/insights";
import { inquiries } from "../schema/learning";
import { logs } from "../schema/logs";
import type { FoundationSeed } from "./foundation";

/*
 * Demo insights, drawn from the demo logs (db/seeds/logs.ts) with the quoted words marked in each
 * log's Yjs document, as a person selecting them in the editor would. The facts behind them, from
 * the public documents summarised in shared/data/README.md and copied here because a clone has no
 * shared/:
 * - Musselburgh Total Place pilot (East Lothian Partnership, from January 2014): Phase 1 mapped
 *   the journeys of six "high tariff" families, with every multi-agency contact.
 * - Wiltshire cabinet report (26 January 2010): one family mapped with over 23 agencies in
 *   contact and little co-ordinated whole-family work; the pilot looks for "where the
 *   duplication and the gaps are"; barriers needing legislative or government change are relayed
 *   to government as learning.
 * - Midlothian Preventative Outreach Service (June 2016): residential staff reconfigured into 24/7
 *   outreach over 12 weeks; 82 children and young people stayed with their families; a foster
 *   care place costs on average £28,000 a year; 15% less spent on external placements.
 * - Total Place conference report (March 2010): "too many interventions were outcome-free".
 */

type SeedInsight = {
  fields: InsightFields;
  author: string;
  /** Words of the inquiry question it answers. */
  inquiry: string;
  /** The log it quotes (by title) and the exact words marked in it. */
  excerpt?: { log: string; words: string };
  /** Actions and decisions it led to, found by words of their text. */
  links?: Array<{ kind: LinkKind; match: string }>;
};

const INSIGHTS: SeedInsight[] = [
  {
    author: "analyst",
    inquiry: "increasingly chaotic",
    fields: {
      statement: "Families are assessed again and again by different services for the same moment in their lives: duplicated assessments are a local barrier the partners can remove.",
      kind: "barrier",
      status: "tested",
      confidence: "medium",
      barrierLevel: "local",
      relayedTo: "",
    },
    excerpt: { log: "Mapping the six case journeys", words: "The same moments were assessed again and again by different services, weeks apart" },
    links: [
      { kind: "decision", match: "lead professional and a pooled budget" },
      { kind: "case", match: "MUS-001" },
    ],
  },
  {
    author: "owner",
    inquiry: "increasingly chaotic",
    fields: {
      statement: "After a crisis, families go through long spells with no service working with them: the gaps after crisis matter as much as the duplication.",
      kind: "finding",
      status: "emerging",
      confidence: "medium",
      relayedTo: "",
    },
    excerpt: { log: "Mapping the six case journeys", words: "after each crisis there were long spells when nobody was working with the family at all" },
    links: [{ kind: "case", match: "MUS-002" }],
  },
  {
    author: "member",
    inquiry: "increasingly chaotic",
    fields: {
      statement: "Data-sharing rules between agencies stop anyone holding the whole picture of a family; changing them needs national guidance, not a local protocol.",
      kind: "barrier",
      status: "tested",
      confidence: "high",
      barrierLevel: "national",
      relayedTo: "Scottish Government, Collaborative Leadership Pioneer programme",
    },
    excerpt: { log: "One family, 23 agencies", words: "nobody could say who holds the whole picture for a family" },
    links: [{ kind: "action", match: "information-sharing agreement" }],
  },
  {
    author: "socialWorker",
    inquiry: "minimise harm",
    fields: {
      statement: "Reconfiguring the staff we already have into outreach at home can keep children with their families and cost less than placements.",
      kind: "opportunity",
      status: "tested",
      confidence: "medium",
      relayedTo: "",
    },
    excerpt: { log: "What Midlothian's outreach service tells us about prevention", words: "The money followed the families rather than the buildings." },
    links: [
      { kind: "indicator", match: "external placements" },
      { kind: "unitCost", match: "Foster care" },
      { kind: "spendLine", match: "External residential" },
    ],
  },
  {
    author: "facilitator",
    inquiry: "capture the learning",
    fields: {
      statement: "Which outcome will we count for each intervention, and who agrees it before the intervention starts?",
      kind: "question",
      status: "emerging",
      confidence: "low",
      relayedTo: "",
    },
    excerpt: { log: "Capturing the learning at all levels", words: "too many interventions were outcome-free." },
  },
  {
    author: "facilitator",
    inquiry: "increasingly chaotic",
    fields: {
      statement: "A tenancy warning may be the earliest sign that a family is becoming more chaotic, and housing sees it first.",
      kind: "finding",
      status: "emerging",
      confidence: "low",
      relayedTo: "",
    },
    excerpt: { log: "Housing and the families hitting crisis", words: "Rent arrears may be our earliest signal that a family is becoming more chaotic" },
    links: [{ kind: "action", match: "tenancy warning for a family with children" }],
  },
];

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/** Marks `words` (within one text node) in the document; false when they are not there. */
function markWords(node: Y.XmlFragment | Y.XmlElement, words: string, insightId: string): boolean {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      const at = plain(child).indexOf(words);
      if (at >= 0) {
        child.format(at, words.length, { [INSIGHT_EXCERPT_MARK]: { [INSIGHT_EXCERPT_ATTRIBUTE]: insightId } });
        return true;
      }
    } else if (child instanceof Y.XmlElement && markWords(child, words, insightId)) {
      return true;
    }
  }
  return false;
}

/** Puts the excerpt mark over `words` in a log's document, as a forward edit by nobody (no authorship). */
export async function markExcerpt(input: { logId: string; workspaceId: string; userId: string; words: string; insightId: string }): Promise<boolean> {
  let marked = false;
  await editDocument(
    `log:${input.logId}`,
    input.workspaceId,
    (doc) => {
      marked = markWords(doc.getXmlFragment(DOCUMENT_FIELD), input.words, input.insightId);
    },
    // Quoting words does not make anyone an author, nor is it an edit of the log's text.
    null,
  );
  return marked;
}

async function findLog(db: Database, workspaceId: string, title: string) {
  const [row] = await db.select({ id: logs.id, createdBy: logs.createdBy }).from(logs).where(and(eq(logs.workspaceId, workspaceId), eq(logs.title, title))).limit(1);
  return row ?? null;
}

async function findInquiry(db: Database, workspaceId: string, words: string) {
  const [row] = await db.select({ id: inquiries.id }).from(inquiries).where(and(eq(inquiries.workspaceId, workspaceId), like(inquiries.question, `%${words}%`))).limit(1);
  return row?.id;
}

/**
 * Links a demo insight (found by words of its statement) to one target found by what the
 * target's own picker matches on: a case's reference code, an indicator's or unit cost's name, a
 * spend line's service or agency, an action's or decision's words. One call per link, so the
 * evidence seeds can add theirs when they exist. Throws when either end is missing.
 */
export async function linkDemoInsight(db: Database, foundation: FoundationSeed, link: { insight: string; kind: LinkKind; match: string; by?: string }): Promise<void> {
  const { workspaceId } = foundation;
  const [insight] = await db
    .select({ id: insights.id })
    .from(insights)
    .where(and(eq(insights.workspaceId, workspaceId), like(insights.statement, `%${link.insight}%`)))
    .limit(1);
  if (!insight) throw new Error(`No demo insight says "${link.insight}"`);
  // The facilitator takes part in the demo set, so set actions are theirs to link.
  const actor = foundation.users[link.by ?? "facilitator"];
  const [target] = await LINK_KIND_CONFIG[link.kind].search({ workspaceId, userId: actor.id, q: link.match, limit: 1 });
  if (!target) throw new Error(`No ${link.kind} matches "${link.match}"`);
  await addInsightLink({ userId: actor.id }, workspaceId, { insightId: insight.id, kind: link.kind, targetId: target.id });
}

/** Six insights from the demo logs (two barriers: one local, one national), each quoting its log. */
export async function seedInsights(db: Database, foundation: FoundationSeed): Promise<Array<{ id: string; kind: InsightKind }>> {
  const { workspaceId, users } = foundation;
  const made: Array<{ id: string; kind: InsightKind }> = [];
  for (const seed of INSIGHTS) {
    const author = users[seed.author];
    const log = seed.excerpt ? await findLog(db, workspaceId, seed.excerpt.log) : null;
    const inquiryId = await findInquiry(db, workspaceId, seed.inquiry);
    const { id } = await createInsight({ userId: author.id }, workspaceId, seed.fields, {
      inquiryId,
      ...(log && seed.excerpt ? { excerpt: { logId: log.id, quote: seed.excerpt.words } } : {}),
    });
    if (log && seed.excerpt) {
      // Written by the log's own author: the one person sure to be allowed to edit it.
      const marked = await markExcerpt({ logId: log.id, workspaceId, userId: log.createdBy ?? author.id, words: seed.excerpt.words, insightId: id });
      if (!marked) throw new Error(`The words "${seed.excerpt.words}" are not in the log "${seed.excerpt.log}"`);
    }
    for (const link of seed.links ?? []) await linkDemoInsight(db, foundation, { insight: seed.fields.statement.slice(0, 60), kind: link.kind, match: link.match });
    made.push({ id, kind: seed.fields.kind });
  }
  return made;
}
