import { afterEach } from "vitest";

import type { CollabOptions } from "../../../app/collab/index.server";
import { startCollabServer, type TestServer } from "../../helpers/collab-server";
import { connectClient, type Client } from "./helpers";

/**
 * A fresh collaboration server and clients per test, all torn down after each test. Kept apart
 * from helpers.ts because the benchmark imports those outside Vitest.
 */
export function createCollabTestBed() {
  let current: TestServer | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.close();
    current = undefined;
  });
  return {
    async start(options: CollabOptions): Promise<TestServer> {
      current = await startCollabServer(options);
      return current;
    },
    connect(options: Parameters<typeof connectClient>[0]): Client {
      const client = connectClient(options);
      clients.push(client);
      return client;
    },
  };
}
