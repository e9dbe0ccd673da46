import { createLog, type LogActor } from "../../../app/models/log/log.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import type { Role } from "../../../db/schema/core";
import { learningSets, setMembers } from "../../../db/schema/learning";
import type { LogTemplate, LogVisibility } from "../../../db/schema/logs";
import { addMember, makeWorkspace, makeWorkspaceWithRoles, type TestUser, type TestWorkspace } from "../../helpers/factories";

export async function makeSet(workspaceId: string, facilitator: TestUser | null, members: TestUser[], name = "Musselburgh set"): Promise<string> {
  const id = newId();
  await db().insert(learningSets).values({ id, workspaceId, name, facilitatorId: facilitator?.id ?? null });
  for (const m of members) await db().insert(setMembers).values({ setId: id, userId: m.id });
  return id;
}

export function actorFor(user: TestUser, role: Role, workspaceId: string): LogActor {
  return { userId: user.id, role, workspaceId };
}

export async function makeLog(
  actor: LogActor,
  input: { title: string; visibility?: LogVisibility; setId?: string; tags?: string[]; template?: LogTemplate; inquiryId?: string },
) {
  return createLog(actor, {
    title: input.title,
    visibility: input.visibility ?? "workspace",
    setId: input.setId,
    inquiryId: input.inquiryId,
    tags: input.tags ?? [],
    template: input.template ?? "blank",
  });
}

export type LogWorld = {
  ws: TestWorkspace & { users: Record<Role, TestUser> };
  /** A member of the workspace and of the set, not an author. */
  setPeer: TestUser;
  /** Another workspace's owner. */
  foreign: TestUser;
  other: TestWorkspace;
  setId: string;
  logs: { private: string; set: string; workspace: string };
};

/**
 * Workspace A: one user per role; a learning set facilitated by the facilitator with the member
 * and `setPeer` as members; three logs by the member — private, set and workspace — each with a
 * unique word in its title so search can tell them apart.
 */
export async function makeLogWorld(): Promise<LogWorld> {
  const ws = await makeWorkspaceWithRoles();
  const setPeer = await addMember(ws, "member");
  const setId = await makeSet(ws.id, ws.users.facilitator, [ws.users.member, setPeer]);
  const other = await makeWorkspace(undefined, "Another partnership");
  const author = actorFor(ws.users.member, "member", ws.id);
  const privateLog = await makeLog(author, { title: "Private reflection zephyrine", visibility: "private", tags: ["private-tag"] });
  const setLog = await makeLog(author, { title: "Set reflection quokkaline", visibility: "set", setId, tags: ["set-tag"] });
  const workspaceLog = await makeLog(author, { title: "Workspace reflection marmotide", visibility: "workspace", tags: ["housing"] });
  return {
    ws,
    setPeer,
    foreign: other.owner,
    other,
    setId,
    logs: { private: privateLog.id, set: setLog.id, workspace: workspaceLog.id },
  };
}
