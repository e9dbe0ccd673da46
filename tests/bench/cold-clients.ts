import * as Y from "yjs";

import { connectClient, type Client } from "../integration/collab/helpers";

/*
 * A share of the simulated people of the cold-start benchmark, in a process of its own: 50 people
 * opening 50 logs use 50 browsers, so one process applying every 200 KB log in turn (and
 * collecting its garbage) would measure the load generator, not the server. Talks to
 * collab-bench.ts over IPC; every time is measured from the parent's `at` (absolute, ms), so the
 * IPC hop is included.
 */
export type ColdClientsRequest =
  | { type: "warm"; url: string; log: { name: string; cookie: string } }
  | { type: "open"; url: string; logs: { name: string; cookie: string }[]; at: number }
  | { type: "edit"; at: number }
  | { type: "stop" };

export type ColdClientsReply = { type: "ready" } | { type: "warm" } | { type: "opened"; times: number[]; cpuMs: number } | { type: "edited"; times: number[]; cpuMs: number };

const now = () => performance.timeOrigin + performance.now();
const send = (reply: ColdClientsReply) => process.send?.(reply);
let clients: Client[] = [];

function whenAll(count: number, start: (record: () => void) => void): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = [];
    start(() => {
      times.push(now());
      if (times.length === count) resolve(times);
    });
  });
}

process.on("message", async (request: ColdClientsRequest) => {
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  if (request.type === "warm") {
    // Like a browser that already runs the editor: the code that syncs and edits is compiled.
    for (let round = 0; round < 3; round++) {
      const client = connectClient({ url: request.url, documentName: request.log.name, cookie: request.log.cookie });
      await whenAll(1, (record) => client.provider.on("synced", record));
      await whenAll(1, (record) => {
        client.provider.on("unsyncedChanges", ({ number }: { number: number }) => number === 0 && record());
        const paragraph = client.doc.getXmlFragment("default").get(1) as Y.XmlElement;
        (paragraph.get(0) as Y.XmlText).insert(0, "w");
      });
      if (round === 0) {
        // …and has decoded logs like these before (compiled by the JIT, as in a browser in use).
        const state = Y.encodeStateAsUpdate(client.doc);
        for (let i = 0; i < 30; i++) {
          const doc = new Y.Doc();
          doc.on("update", () => undefined);
          Y.applyUpdate(doc, state);
          doc.destroy();
        }
      }
      client.destroy();
    }
    send({ type: "warm" });
  } else if (request.type === "open") {
    const times = await whenAll(request.logs.length, (record) => {
      clients = request.logs.map(({ name, cookie }) => {
        const client = connectClient({ url: request.url, documentName: name, cookie });
        client.provider.on("synced", record);
        return client;
      });
    });
    send({ type: "opened", times: times.map((t) => t - request.at), cpuMs: cpuMs() });
  } else if (request.type === "edit") {
    // Each person types one character in their log: time until the server acknowledged it.
    const times = await whenAll(clients.length, (record) => {
      for (const client of clients) {
        let acknowledged = false;
        client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
          if (number !== 0 || acknowledged) return;
          acknowledged = true;
          record();
        });
        const paragraph = client.doc.getXmlFragment("default").get(1) as Y.XmlElement;
        (paragraph.get(0) as Y.XmlText).insert(0, "x");
      }
    });
    send({ type: "edited", times: times.map((t) => t - request.at), cpuMs: cpuMs() });
  } else {
    for (const client of clients) client.destroy();
    process.exit(0);
  }
});

send({ type: "ready" });
