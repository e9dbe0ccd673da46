import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { attachCollab, type CollabHandle, type CollabOptions } from "../../app/collab/index.server";

/** The page origin a browser on this server would send (ws://host:port → http://host:port). */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `http://${parsed.host}`;
}

export type TestServer = { url: string; port: number; collab: CollabHandle; server: Server; close: () => Promise<void> };

/** A real Hocuspocus (our createCollab/attachCollab) on a plain Node HTTP server, port 0. */
export async function startCollabServer(options: CollabOptions): Promise<TestServer> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const collab = attachCollab(server, { quiet: true, ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `ws://localhost:${port}/collab`,
    port,
    collab,
    server,
    close: () => {
      closed ??= (async () => {
        await collab.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}

