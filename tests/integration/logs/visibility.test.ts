import { beforeAll, describe, expect, it } from "vitest";

import { resolveLogDocumentAccess } from "../../../app/models/log/log-document.server";
import { loader as homeLoader } from "../../../app/routes/w.$ws._index";
import { loader as pageLoader } from "../../../app/routes/w.$ws.logs.$id";
import { loader as historyLoader } from "../../../app/routes/w.$ws.logs.$id_.history";
import { loader as listLoader } from "../../../app/routes/w.$ws.logs._index";
import { loader as searchLoader } from "../../../app/routes/w.$ws.search";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeLogWorld, type LogWorld } from "./world";

type Who = "owner" | "facilitator" | "analyst" | "member" | "evaluator" | "setPeer" | "foreign";
type Kind = "private" | "set" | "workspace";

/** Who may read which log: private — authors; set — the set's facilitator and members; workspace — everyone. */
const READS: Record<Who, Kind[]> = {
  member: ["private", "set", "workspace"],
  facilitator: ["set", "workspace"],
  setPeer: ["set", "workspace"],
  owner: ["workspace"],
  analyst: ["workspace"],
  evaluator: ["workspace"],
  foreign: [],
};

/** Who may write the text (on the socket): readers whose role may edit logs — never evaluators. */
const WRITES: Record<Who, Kind[]> = {
  member: ["private", "set", "workspace"],
  facilitator: ["set", "workspace"],
  setPeer: ["set", "workspace"],
  owner: ["workspace"],
  analyst: ["workspace"],
  evaluator: [],
  foreign: [],
};

const WHO: Who[] = ["owner", "facilitator", "analyst", "member", "evaluator", "setPeer", "foreign"];
const KINDS: Kind[] = ["private", "set", "workspace"];
const UNIQUE_WORD: Record<Kind, string> = { private: "zephyrine", set: "quokkaline", workspace: "marmotide" };

let world: LogWorld;
function user(who: Who) {
  if (who === "setPeer") return world.setPeer;
  if (who === "foreign") return world.foreign;
  return world.ws.users[who];
}
function kindOf(id: string): Kind | undefined {
  return KINDS.find((k) => world.logs[k] === id);
}

beforeAll(async () => {
  world = await makeLogWorld();
});

describe("who can read which learning log", () => {
  it.each(WHO)("the log list shows %s exactly the logs they may read", async (who) => {
    const result = await callRoute(listLoader, getRequest(`/w/${world.ws.slug}/logs`, { cookie: user(who).cookie }), { ws: world.ws.slug });
    if (who === "foreign") {
      expect(result.status).toBe(404);
      return;
    }
    const data = result.data as { items: Array<{ id: string }> };
    expect(data.items.map((i) => kindOf(i.id)).sort()).toEqual([...READS[who]].sort());
  });

  it.each(WHO)("the log page and its history open for %s only when they may read the log", async (who) => {
    for (const kind of KINDS) {
      const id = world.logs[kind];
      const expected = READS[who].includes(kind) ? 200 : 404;
      const page = await callRoute(pageLoader, getRequest(`/w/${world.ws.slug}/logs/${id}`, { cookie: user(who).cookie }), { ws: world.ws.slug, id });
      expect(page.status, `${who} opening the ${kind} log`).toBe(expected);
      const history = await callRoute(historyLoader, getRequest(`/w/${world.ws.slug}/logs/${id}/history`, { cookie: user(who).cookie }), {
        ws: world.ws.slug,
        id,
      });
      expect(history.status, `${who} opening the ${kind} log's history`).toBe(expected);
    }
  });

  it.each(WHO)("search finds for %s only the logs they may read", async (who) => {
    for (const kind of KINDS) {
      const q = UNIQUE_WORD[kind];
      const result = await callRoute(searchLoader, getRequest(`/w/${world.ws.slug}/search?q=${q}`, { cookie: user(who).cookie }), { ws: world.ws.slug });
      if (who === "foreign") {
        expect(result.status).toBe(404);
        continue;
      }
      const data = result.data as { results: Array<{ id: string }> };
      expect(data.results.map((r) => r.id), `${who} searching for the ${kind} log`).toEqual(READS[who].includes(kind) ? [world.logs[kind]] : []);
    }
  });

  it.each(WHO)("the collaboration socket gives %s the same access as the pages", async (who) => {
    const { id, email, displayName } = user(who);
    const authUser = { id, email, displayName };
    for (const kind of KINDS) {
      const access = await resolveLogDocumentAccess(authUser, world.logs[kind]);
      if (!READS[who].includes(kind)) {
        expect(access, `${who} opening the ${kind} log's document`).toBeNull();
        continue;
      }
      expect(access).toEqual({ workspaceId: world.ws.id, canWrite: WRITES[who].includes(kind) });
    }
  });

  it.each(WHO.filter((w) => w !== "foreign"))("the workspace home lists for %s only recent logs they may read", async (who) => {
    const result = await callRoute(homeLoader, getRequest(`/w/${world.ws.slug}`, { cookie: user(who).cookie }), { ws: world.ws.slug });
    const data = result.data as { recentLogs: { logs: Array<{ id: string }> } };
    expect(data.recentLogs.logs.map((l) => kindOf(l.id)).sort()).toEqual([...READS[who]].sort());
  });

  it("an evaluator reading a workspace log is told they can read it and gets no editor rights", async () => {
    const id = world.logs.workspace;
    const result = await callRoute(pageLoader, getRequest(`/w/${world.ws.slug}/logs/${id}`, { cookie: world.ws.users.evaluator.cookie }), {
      ws: world.ws.slug,
      id,
    });
    expect((result.data as { permissions: unknown }).permissions).toEqual({ canEdit: false, canManage: false, becomesAuthorByEditing: false });
  });

  it.each(WHO.filter((w) => w !== "foreign"))("the log page tells %s they will become an author only when they may write a log they are not an author of", async (who) => {
    for (const kind of READS[who]) {
      const id = world.logs[kind];
      const result = await callRoute(pageLoader, getRequest(`/w/${world.ws.slug}/logs/${id}`, { cookie: user(who).cookie }), { ws: world.ws.slug, id });
      const { permissions } = result.data as { permissions: { becomesAuthorByEditing: boolean } };
      // The member wrote all three logs; everyone else who may write one is not yet its author.
      expect(permissions.becomesAuthorByEditing, `${who} on the ${kind} log`).toBe(who !== "member" && WRITES[who].includes(kind));
    }
  });

  it("a log id from another workspace is not found, even for that log's readers", async () => {
    const id = world.logs.workspace;
    // The other workspace's owner asks for the log under their own workspace's address.
    const result = await callRoute(pageLoader, getRequest(`/w/${world.other.slug}/logs/${id}`, { cookie: world.foreign.cookie }), {
      ws: world.other.slug,
      id,
    });
    expect(result.status).toBe(404);
  });
});
