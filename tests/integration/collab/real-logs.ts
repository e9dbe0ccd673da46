import { createLog, updateLogDetails, type LogActor } from "../../../app/models/log/log.server";
import type { Role } from "../../../db/schema/core";
import type { LogVisibility } from "../../../db/schema/logs";
import type { TestUser, TestWorkspace } from "../../helpers/factories";

/*
 * Real logs for the collaboration tests, made by the product's own model so the socket is judged
 * by the product's resolvers (app/models/documents/document-kinds.server.ts) against the real tables.
 */

export function actorOf(ws: TestWorkspace, user: TestUser, role: Role): LogActor {
  return { userId: user.id, role, workspaceId: ws.id };
}

/** A blank log by `author` (the owner unless given), workspace-wide unless said otherwise. */
export async function makeRealLog(
  ws: TestWorkspace,
  options: { author?: TestUser; role?: Role; visibility?: LogVisibility; title?: string } = {},
): Promise<string> {
  const actor = actorOf(ws, options.author ?? ws.owner, options.role ?? "owner");
  const { id } = await createLog(actor, {
    title: options.title ?? "Families hitting crisis",
    visibility: options.visibility ?? "workspace",
    tags: [],
    template: "blank",
  });
  return id;
}

/** Changes a log's visibility through the log page's own model function (by the owner). */
export async function setVisibility(ws: TestWorkspace, logId: string, visibility: LogVisibility, title = "Families hitting crisis"): Promise<void> {
  await updateLogDetails(actorOf(ws, ws.owner, "owner"), logId, { title, visibility, tags: [] });
}
