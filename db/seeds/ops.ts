import type { Database } from "../client";
import { workspaceRetention } from "../schema/settings";
import type { FoundationSeed } from "./foundation";

/**
 * The demo workspace's retention periods, as a partnership would agree them with its councils'
 * information governance: learning material for five years (the pilot plus its evaluation and
 * the follow-on programme), case evidence for the default two years. Only the periods are seeded;
 * the retention job measures expiry from when things were last changed, and every seeded row is
 * written now, so nothing of the demo is due for deletion.
 */
export async function seedOps(db: Database, foundation: FoundationSeed): Promise<void> {
  await db.insert(workspaceRetention).values({
    workspaceId: foundation.workspaceId,
    learningMonths: 60,
    evidenceMonths: 24,
    updatedBy: foundation.users.owner?.id ?? null,
  });
}
