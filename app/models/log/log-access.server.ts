import { and, eq, isNotNull, isNull, or, sql, type Placeholder, type SQL } from "drizzle-orm";

import type { Role } from "../../../db/schema/core";
import { logAuthors, logs } from "../../../db/schema/logs";
import { db } from "../../utils/db.server";
import { isSetParticipant, participatesInSetSql } from "../set/set-access.server";
import type { LogAccessFacts } from "./log.policy";

/**
 * The read rule of log.policy.ts (`canReadLog`) as a SQL condition on `logs`, for use inside the
 * where clause of every list and search. The caller has already checked workspace membership.
 */
export function readableLogCondition(userId: string | Placeholder): SQL {
  const isAuthor = sql`exists (select 1 from ${logAuthors} where ${logAuthors.logId} = ${logs.id} and ${logAuthors.userId} = ${userId})`;
  return or(
    eq(logs.visibility, "workspace"),
    and(eq(logs.visibility, "private"), isAuthor),
    and(eq(logs.visibility, "set"), isNotNull(logs.setId), participatesInSetSql(logs.setId, userId)),
    and(eq(logs.visibility, "set"), isNull(logs.setId), isAuthor),
  ) as SQL;
}

/** The facts log.policy.ts decides on, for one log and one person. */
export async function accessFacts(log: Pick<typeof logs.$inferSelect, "id" | "visibility" | "setId">, userId: string, role: Role): Promise<LogAccessFacts> {
  const [author] = await db()
    .select({ userId: logAuthors.userId })
    .from(logAuthors)
    .where(and(eq(logAuthors.logId, log.id), eq(logAuthors.userId, userId)))
    .limit(1);
  const participant = log.visibility === "set" && log.setId ? await isSetParticipant(log.setId, userId) : false;
  return { role, visibility: log.visibility, setId: log.setId, isAuthor: Boolean(author), isSetParticipant: participant };
}
