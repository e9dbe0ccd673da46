import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { checkClientFrame, encodeSyncFrame, MessageType, readFrame, SyncStep } from "../../app/collab/wire.server";

describe("collaboration wire format", () => {
  it("a server sync frame reads back as the same address, step and payload, whatever their sizes", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "Café ".repeat(40_000));
    const big = Y.encodeStateAsUpdate(doc);
    expect(big.length).toBeGreaterThan(128 * 128); // a three-byte length
    for (const [address, step, payload] of [
      ["log:abc", SyncStep.Step2, big],
      ["log:abc\0session-é", SyncStep.Step1, Y.encodeStateVector(doc)],
      ["meeting:x", SyncStep.Step1, Y.encodeStateVector(new Y.Doc())],
    ] as const) {
      const frame = encodeSyncFrame(address, step, payload);
      const read = readFrame(frame);
      expect(read).toMatchObject({ address, documentName: address.split("\0")[0], type: MessageType.Sync, syncStep: step });
      if (step === SyncStep.Step2) expect(read.update).toEqual(payload);
      // The strict reader (the one client frames pass) accepts it too.
      expect(checkClientFrame(frame).ok).toBe(true);
    }
    const received = new Y.Doc();
    Y.applyUpdate(received, readFrame(encodeSyncFrame("log:abc", SyncStep.Step2, big)).update as Uint8Array);
    expect(received.getText("t").toString()).toBe(doc.getText("t").toString());
  });
});
