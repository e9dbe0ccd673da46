import { sql, type Placeholder } from "drizzle-orm";

import { actions } from "../../../db/schema/learning";
import { participatesInSetSql } from "../set/set-access.server";

/**
 * Which actions a person may see: their own, those not committed in a set, and those of sets they
 * take part in — what is said in the set stays in the set.
 */
export function visibleActionSql(userId: string | Placeholder) {
  return sql`(${actions.ownerId} = ${userId} or ${actions.setId} is null or ${participatesInSetSql(actions.setId, userId)})`;
}
