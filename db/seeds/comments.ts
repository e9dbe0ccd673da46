import { and, eq } from "drizzle-orm";

import { replyToThread, setThreadResolved, startThread, type CommentActor } from "../../app/models/comment/comment.server";
import type { Database } from "../client";
import { logs } from "../schema/logs";
import type { FoundationSeed } from "./foundation";

/*
 * Demo comment threads on workspace logs: the evaluator asking the board to test a claim, an
 * owner mentioning the analyst, and a thread already resolved. Anchored by quoting the words, as
 * the comments page does, so the marks go into the seeded Yjs documents like any comment's.
 */
type SeedThread = {
  log: string;
  quote: string;
  by: string;
  body: string;
  replies?: Array<{ by: string; body: string }>;
  resolvedBy?: string;
};

const THREADS: SeedThread[] = [
  {
    log: "One family, 23 agencies",
    quote: "nobody could say who holds the whole picture for a family",
    by: "evaluator",
    body: "This is the gap the Wiltshire pilot describes too. Could the set test it against the six mapped journeys: for each family, who did hold the picture?",
    replies: [{ by: "member", body: "Yes. I will bring the police contact list for one of the six to the next set meeting." }],
  },
  {
    log: "Mapping the six case journeys",
    quote: "after each crisis there were long spells when nobody was working with the family at all",
    by: "owner",
    body: "@Priya Nair can the journey pictures show how long each of those spells lasted? The board will want the length, not just that there was a gap.",
  },
  {
    log: "Capturing the learning at all levels",
    quote: "Agree three outcome indicators with the board before the summer",
    by: "evaluator",
    body: "Which three? The evaluation plan needs them named before the first report.",
    replies: [{ by: "facilitator", body: "Agreed at the April board: external placements, referrals to the Children's Reporter, and school attendance." }],
    resolvedBy: "facilitator",
  },
];

export async function seedComments(db: Database, foundation: FoundationSeed): Promise<void> {
  const actor = (key: string): CommentActor => {
    const user = foundation.users[key];
    return { userId: user.id, role: user.role, workspaceId: foundation.workspaceId };
  };
  for (const seed of THREADS) {
    const [log] = await db
      .select({ id: logs.id, workspaceId: logs.workspaceId, visibility: logs.visibility, setId: logs.setId, title: logs.title })
      .from(logs)
      .where(and(eq(logs.workspaceId, foundation.workspaceId), eq(logs.title, seed.log)));
    if (!log) continue;
    const { threadId } = await startThread(actor(seed.by), log, { body: seed.body, anchorQuote: seed.quote });
    for (const reply of seed.replies ?? []) await replyToThread(actor(reply.by), log, threadId, reply.body);
    if (seed.resolvedBy) await setThreadResolved(actor(seed.resolvedBy), log, threadId, true);
  }
}
