import { listFacilitatedOverdueActions, listMyOverdueActions } from "../action/action.server";
import { listDecisionsDueForReview } from "../decision/decision.server";
import { listMyNextMeetings } from "../meeting/meeting.server";
import { countReadableLogsByInquiry } from "./inquiry-trail.server";
import { listInquiries } from "./inquiry.server";

/** The learning-cycle sections of the workspace home, each filtered for this person. */
export async function getLearningHome({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const now = Date.now();
  const [inquiries, logCounts, nextMeetings, overdueActions, setOverdueActions, decisionsDue] = await Promise.all([
    listInquiries({ workspaceId, userId }),
    countReadableLogsByInquiry({ workspaceId, userId }),
    listMyNextMeetings({ workspaceId, userId, now }),
    listMyOverdueActions({ workspaceId, userId, now }),
    listFacilitatedOverdueActions({ workspaceId, userId, now }),
    listDecisionsDueForReview(workspaceId, now),
  ]);
  return {
    now,
    openInquiries: inquiries
      .filter((i) => i.status === "open")
      .map((i) => ({ id: i.id, question: i.question, logCount: logCounts.get(i.id) ?? 0, actionCount: i.actionCount, openActionCount: i.openActionCount, hiddenActionCount: i.hiddenActionCount })),
    nextMeetings,
    overdueActions,
    setOverdueActions,
    decisionsDue: decisionsDue.map((d) => ({ id: d.id, decision: d.decision, reviewOn: d.reviewOn, ownerName: d.ownerName })),
  };
}

export type LearningHome = Awaited<ReturnType<typeof getLearningHome>>;
