import { and, eq, or, sql, type Placeholder } from "drizzle-orm";

import { memberships } from "../../../db/schema/core";
import { learningSets, setMembers } from "../../../db/schema/learning";
import { db } from "../../utils/db.server";

/**
 * Whether the user takes part in the set (its facilitator or one of its members) *and* is still
 * a member of the set's workspace. Owners and evaluators outside the set are not participants.
 */
export async function isSetParticipant(setId: string, userId: string): Promise<boolean> {
  const rows = await db()
    .select({ id: learningSets.id })
    .from(learningSets)
    .innerJoin(memberships, and(eq(memberships.workspaceId, learningSets.workspaceId), eq(memberships.userId, userId)))
    .where(
      and(
        eq(learningSets.id, setId),
        or(
          eq(learningSets.facilitatorId, userId),
          sql`exists (select 1 from ${setMembers} where ${setMembers.setId} = ${learningSets.id} and ${setMembers.userId} = ${userId})`,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** SQL condition: the set with id column `setIdColumn` has `userId` as facilitator or member. */
export function participatesInSetSql(setIdColumn: unknown, userId: string | Placeholder) {
  return sql`(exists (select 1 from ${setMembers} where ${setMembers.setId} = ${setIdColumn} and ${setMembers.userId} = ${userId})
    or exists (select 1 from ${learningSets} where ${learningSets.id} = ${setIdColumn} and ${learningSets.facilitatorId} = ${userId}))`;
}
