import { randomBytes, randomInt } from "node:crypto";

import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { SIZE_LIMIT_STATELESS } from "../../../app/collab/extensions/limits.server";
import { MALFORMED_FRAME_CODE } from "../../../app/collab/index.server";
import { type TestServer } from "../../helpers/collab-server";
import { addMember, makeWorkspace } from "../../helpers/factories";
import {
  closeOf,
  encodeFrame,
  pingPong,
  rawSocket,
  roundTrip,
  saved,
  storedDoc,
  synced,
  testLogKind,
  textOf,
  updateRows,
  waitFor,
  type Client,
} from "./helpers";
import { createCollabTestBed } from "./test-bed";

const bed = createCollabTestBed();
const connect = bed.connect;
let server: TestServer | undefined;

async function twoEditors(options: { maxDocumentBytes?: number; maxFrameBytes?: number } = {}) {
  const ws = await makeWorkspace();
  const member = await addMember(ws, "member");
  const kind = testLogKind();
  const id = kind.addLog(ws.id);
  server = await bed.start({ kinds: { log: kind.config }, ...options });
  const name = `log:${id}`;
  const a = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
  const b = connect({ url: server.url, documentName: name, cookie: member.cookie });
  await Promise.all([synced(a), synced(b)]);
  return { ws, member, name, a, b, server };
}

async function stillSyncing(a: Client, b: Client, word: string) {
  a.doc.getText("t").insert(textOf(a.doc).length, word);
  await waitFor(() => textOf(b.doc).includes(word), 5000, `"${word}" to reach the other editor`);
  await saved(a);
}

/** An authenticated raw socket on the document, as a provider would open it. */
async function authenticatedRawSocket(url: string, cookie: string, name: string) {
  const ws = await rawSocket(url, { cookie });
  const replies: Buffer[] = [];
  ws.on("message", (data: Buffer) => replies.push(data));
  ws.send(encodeFrame([{ string: name }, { uint: 2 }, { uint: 0 }, { string: "" }]));
  await waitFor(() => replies.length > 0, 5000, "authentication reply");
  return ws;
}

describe("collaboration server: limits and malformed input", () => {
  it("random bytes close only the sender's connection; the server stays up and others keep syncing", async () => {
    const { ws, name, a, b, server } = await twoEditors();
    for (let i = 0; i < 5; i++) {
      const attacker = await rawSocket(server.url, { cookie: ws.owner.cookie });
      const closed = closeOf(attacker);
      // An address of 127 random bytes (never valid UTF-8 in practice) or longer than the frame.
      const garbage = randomBytes(64 + i * 100);
      garbage[0] = 0x7f;
      attacker.send(garbage);
      expect((await closed).code).toBe(MALFORMED_FRAME_CODE);
    }
    await stillSyncing(a, b, "still here ");
    const late = connect({ url: server.url, documentName: name, cookie: ws.owner.cookie });
    await synced(late);
    expect(textOf(late.doc)).toBe("still here ");
  });

  it("hundreds of random frames, authenticated or not, never disturb the server or make it log an error", async () => {
    const { ws, name, a, b, server } = await twoEditors();
    for (let i = 0; i < 200; i++) {
      const socket = await rawSocket(server.url, { cookie: ws.owner.cookie });
      socket.on("message", () => undefined);
      if (i % 2 === 1) socket.send(encodeFrame([{ string: name }, { uint: 2 }, { uint: 0 }, { string: "" }]));
      // Every third frame has a real document address, so the garbage reaches past the address.
      const garbage = randomBytes(randomInt(1, 80));
      socket.send(i % 3 === 0 ? Buffer.concat([Buffer.from(encodeFrame([{ string: name }])), garbage]) : garbage);
      await pingPong(socket);
      socket.terminate();
    }
    await stillSyncing(a, b, "unbothered ");
  });

  it("a truncated update closes that connection and nothing of it is stored or applied", async () => {
    const { ws, name, a, b, server } = await twoEditors();
    await stillSyncing(a, b, "before ");
    const rowsBefore = (await updateRows(name)).length;

    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(a.doc));
    let update: Uint8Array = new Uint8Array();
    scratch.on("update", (u: Uint8Array) => (update = u));
    scratch.getText("t").insert(0, "SHOULD NOT APPEAR ");
    for (const cut of [1, 3, Math.floor(update.length / 2)]) {
      const attacker = await authenticatedRawSocket(server.url, ws.owner.cookie, name);
      const closed = closeOf(attacker);
      attacker.send(encodeFrame([{ string: name }, { uint: 0 }, { uint: 2 }, { bytes: update.slice(0, update.length - cut) }]));
      expect((await closed).code).toBe(MALFORMED_FRAME_CODE);
    }
    // A length prefix longer than the frame: the frame itself is truncated.
    const attacker = await authenticatedRawSocket(server.url, ws.owner.cookie, name);
    const closed = closeOf(attacker);
    const whole = encodeFrame([{ string: name }, { uint: 0 }, { uint: 2 }, { bytes: update }]);
    attacker.send(whole.slice(0, whole.length - 4));
    expect((await closed).code).toBe(MALFORMED_FRAME_CODE);

    await stillSyncing(a, b, "after ");
    expect(textOf(a.doc)).toBe("before after ");
    expect(server.collab.hocuspocus.documents.get(name)?.getText("t").toString()).toBe("before after ");
    expect((await updateRows(name)).length).toBe(rowsBefore + 1);
    expect((await storedDoc(name)).getText("t").toString()).toBe("before after ");
  });

  it("a frame larger than maxPayload is refused with 1009 and the server stays up", async () => {
    const { ws, a, b, server } = await twoEditors({ maxFrameBytes: 64 * 1024 });
    const attacker = await rawSocket(server.url, { cookie: ws.owner.cookie });
    const closed = closeOf(attacker);
    attacker.send(Buffer.alloc(65 * 1024, 1));
    expect((await closed).code).toBe(1009);
    await stillSyncing(a, b, "unaffected ");
  });

  it("an update that would grow a log past its size cap is refused with a message the writer can show", async () => {
    const { name, a, b } = await twoEditors({ maxDocumentBytes: 20_000 });
    await stillSyncing(a, b, "A modest start. ");
    a.doc.getText("t").insert(textOf(a.doc).length, "x".repeat(30_000));

    await waitFor(() => a.closes.length > 0, 5000, "the writer's connection to close");
    expect(a.closes[0].reason).toMatch(/^This log has reached its size limit/);
    const stateless = a.stateless.map((payload) => JSON.parse(payload) as { type: string; message: string });
    expect(stateless).toContainEqual({ type: SIZE_LIMIT_STATELESS, message: a.closes[0].reason });
    expect(a.provider.hasUnsyncedChanges).toBe(true);

    await roundTrip(b);
    expect(textOf(b.doc)).toBe("A modest start. ");
    expect((await storedDoc(name)).getText("t").toString()).toBe("A modest start. ");
  });
});
