import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { attachCollab, type CollabHandle } from "../../../app/collab/index.server";
import { connectCollabClient } from "../../helpers/collab-client";
import { makeUser, type TestUser } from "../../helpers/factories";

/*
 * /collab on a plain HTTP server with the app's collaboration wiring. A test document kind lets
 * every signed-in person in, so a refusal here is the upgrade's own Origin check or the session
 * check — not the document's rules (those belong to each domain's tests).
 */
let server: Server;
let collab: CollabHandle;
let base: string;
let user: TestUser;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  collab = attachCollab(server, {
    kinds: { log: { resolve: async () => ({ workspaceId: "test-workspace", canWrite: true }) } },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  user = await makeUser();
});

afterAll(async () => {
  await collab.close();
  await new Promise<void>((done) => server.close(() => done()));
});

/** Opens a raw WebSocket and reports the HTTP status that refused the handshake, or "open". */
function rawUpgrade(path: string, headers: Record<string, string>): Promise<number | "open"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${base}${path}`, { headers });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on("error", () => {});
  });
}

describe("the /collab WebSocket", () => {
  it("a signed-in client from the app's own origin syncs (the control case)", async () => {
    const client = connectCollabClient({ url: `ws://${base}/collab`, documentName: "log:abc123", cookie: user.cookie, origin: `http://${base}` });
    try {
      expect(await client.outcome).toEqual({ kind: "synced" });
    } finally {
      client.destroy();
    }
  });

  it("a client without a session is refused and never syncs", async () => {
    const client = connectCollabClient({ url: `ws://${base}/collab`, documentName: "log:abc123", origin: `http://${base}` });
    try {
      const outcome = await client.outcome;
      expect(outcome.kind).toBe("refused");
      expect(client.provider.isSynced).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it("a client with a forged session cookie is refused", async () => {
    const client = connectCollabClient({
      url: `ws://${base}/collab`,
      documentName: "log:abc123",
      cookie: "praxis_session=notarealsessionid",
      origin: `http://${base}`,
    });
    try {
      expect((await client.outcome).kind).toBe("refused");
    } finally {
      client.destroy();
    }
  });

  it("an upgrade from a foreign origin is refused with 403 before the handshake, even with a valid session", async () => {
    expect(await rawUpgrade("/collab", { Cookie: user.cookie, Origin: "https://evil.example" })).toBe(403);
    const client = connectCollabClient({ url: `ws://${base}/collab`, documentName: "log:abc123", cookie: user.cookie, origin: "https://evil.example" });
    try {
      expect((await client.outcome).kind).toBe("refused");
    } finally {
      client.destroy();
    }
  });

  it("an upgrade without an Origin is refused with 403", async () => {
    expect(await rawUpgrade("/collab", { Cookie: user.cookie })).toBe(403);
  });

  it("an upgrade whose Origin only resembles the host is refused", async () => {
    expect(await rawUpgrade("/collab", { Cookie: user.cookie, Origin: `http://${base}.evil.example` })).toBe(403);
  });

  it("upgrades to any other path are refused with 404", async () => {
    expect(await rawUpgrade("/not-collab", { Cookie: user.cookie, Origin: `http://${base}` })).toBe(404);
  });

  it("a malformed document name is refused even with a valid session", async () => {
    const client = connectCollabClient({ url: `ws://${base}/collab`, documentName: "workspace:../../etc", cookie: user.cookie, origin: `http://${base}` });
    try {
      expect((await client.outcome).kind).toBe("refused");
    } finally {
      client.destroy();
    }
  });
});
