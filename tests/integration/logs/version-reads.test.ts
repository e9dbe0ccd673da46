import { beforeAll, describe, expect, it } from "vitest";

import { getLogVersion, listLogVersions, saveNamedVersion } from "../../../app/models/log/log-history.server";
import { deleteLog } from "../../../app/models/log/log.server";
import { actorFor, makeLog, makeLogWorld, type LogWorld } from "./world";

let world: LogWorld;
const versionOf: Record<"private" | "set" | "workspace", string> = { private: "", set: "", workspace: "" };

beforeAll(async () => {
  world = await makeLogWorld();
  const author = actorFor(world.ws.users.member, "member", world.ws.id);
  for (const kind of ["private", "set", "workspace"] as const) {
    versionOf[kind] = await saveNamedVersion(author, world.logs[kind], `Shared with the board (${kind})`);
  }
});

function reader(user: { id: string }, workspaceId = world.ws.id) {
  return { workspaceId, userId: user.id };
}

describe("log versions are read under the log's own workspace and visibility rule, inside the query", () => {
  it("the author lists and opens the versions of their private log", async () => {
    const list = await listLogVersions(reader(world.ws.users.member), world.logs.private);
    expect(list.map((v) => v.id)).toEqual([versionOf.private]);
    const version = await getLogVersion(reader(world.ws.users.member), world.logs.private, versionOf.private);
    expect(version?.name).toBe("Shared with the board (private)");
  });

  it("a workspace member who is not an author gets no version of a private log, by list or by id", async () => {
    expect(await listLogVersions(reader(world.setPeer), world.logs.private)).toEqual([]);
    expect(await getLogVersion(reader(world.setPeer), world.logs.private, versionOf.private)).toBeNull();
    expect(await getLogVersion(reader(world.ws.owner), world.logs.private, versionOf.private)).toBeNull();
  });

  it("the owner outside the set gets no version of a set log; a set member does", async () => {
    expect(await listLogVersions(reader(world.ws.owner), world.logs.set)).toEqual([]);
    expect(await getLogVersion(reader(world.ws.users.evaluator), world.logs.set, versionOf.set)).toBeNull();
    expect((await listLogVersions(reader(world.setPeer), world.logs.set)).map((v) => v.id)).toEqual([versionOf.set]);
  });

  it("another workspace reaches no version, even of a workspace-wide log and with the right ids", async () => {
    const foreign = reader(world.other.owner, world.other.id);
    expect(await listLogVersions(foreign, world.logs.workspace)).toEqual([]);
    expect(await getLogVersion(foreign, world.logs.workspace, versionOf.workspace)).toBeNull();
    expect((await listLogVersions(reader(world.ws.users.evaluator), world.logs.workspace)).map((v) => v.id)).toEqual([versionOf.workspace]);
  });

  it("a version id of one log is not served under another log's id", async () => {
    expect(await getLogVersion(reader(world.ws.users.member), world.logs.workspace, versionOf.private)).toBeNull();
  });

  it("the versions of a log in the bin are not listed", async () => {
    const author = actorFor(world.ws.users.member, "member", world.ws.id);
    const { id } = await makeLog(author, { title: "Binned reflection" });
    const version = await saveNamedVersion(author, id, "Before the bin");
    expect((await listLogVersions(reader(world.ws.users.member), id)).map((v) => v.id)).toEqual([version]);
    await deleteLog(author, id);
    expect(await listLogVersions(reader(world.ws.users.member), id)).toEqual([]);
    expect(await getLogVersion(reader(world.ws.users.member), id, version)).toBeNull();
  });
});
