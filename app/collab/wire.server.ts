import * as Y from "yjs";

/**
 * The Hocuspocus wire format, read strictly. A frame is `varString(document address)`,
 * `varUint(message type)` and a type-specific body (lib0 encoding). Hocuspocus reads frames
 * leniently and logs a stack trace when one is malformed; we read every client frame here first
 * so a malformed one closes only its own socket, quietly, before Hocuspocus sees it.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  Close: 7,
  SyncStatus: 8,
  Ping: 9,
  Pong: 10,
} as const;

export const SyncStep = { Step1: 0, Step2: 1, Update: 2 } as const;

class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error("Unexpected end of frame");
      const byte = this.bytes[this.pos++];
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER || mult > 2 ** 56) throw new Error("Integer out of range");
    }
  }

  varUint8Array(): Uint8Array {
    const length = this.varUint();
    if (this.pos + length > this.bytes.length) throw new Error("Unexpected end of frame");
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  varString(): string {
    return decoder.decode(this.varUint8Array());
  }

  hasContent(): boolean {
    return this.pos < this.bytes.length;
  }
}

// Fatal, like lib0's decoder inside Hocuspocus: a frame with invalid UTF-8 must fail here, not there.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** What a well-formed client frame carries; `update` only for sync step 2 and update messages. */
export type Frame = {
  /** The frame's address: the document name, or `name\0session` from a session-aware provider. */
  address: string;
  documentName: string;
  type: number;
  syncStep?: number;
  update?: Uint8Array;
};

export type FrameCheck = { ok: true; frame: Frame } | { ok: false; reason: string };

/** A single byte [Pong] is the provider's answer to a ping and carries no address. */
export function isPong(data: Uint8Array): boolean {
  return data.length === 1 && data[0] === MessageType.Pong;
}

/** Yjs's encoding of an update with no structs and an empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/**
 * Reads a frame's address, type and payload without validating the payload's Yjs content
 * (the persistence hook uses this on frames {@link checkClientFrame} already accepted).
 */
export function readFrame(data: Uint8Array): Frame {
  const reader = new Reader(data);
  const address = reader.varString();
  const separator = address.indexOf("\0");
  const documentName = separator < 0 ? address : address.slice(0, separator);
  const type = reader.varUint();
  if (type === MessageType.Sync || type === MessageType.SyncReply) {
    const syncStep = reader.varUint();
    if (syncStep === SyncStep.Step2 || syncStep === SyncStep.Update) return { address, documentName, type, syncStep, update: reader.varUint8Array() };
    return { address, documentName, type, syncStep };
  }
  return { address, documentName, type };
}

function checkAwareness(payload: Uint8Array): void {
  const reader = new Reader(payload);
  const count = reader.varUint();
  for (let i = 0; i < count; i++) {
    reader.varUint();
    reader.varUint();
    JSON.parse(reader.varString());
  }
}

/**
 * Accepts only frames a provider can legitimately send, with every field present and every Yjs
 * payload decodable (a truncated or random update fails here, not inside the document).
 */
export function checkClientFrame(data: Uint8Array): FrameCheck {
  try {
    const reader = new Reader(data);
    const address = reader.varString();
    const separator = address.indexOf("\0");
    const documentName = separator < 0 ? address : address.slice(0, separator);
    const type = reader.varUint();
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const syncStep = reader.varUint();
        const payload = reader.varUint8Array();
        if (syncStep === SyncStep.Step1) {
          Y.decodeStateVector(payload);
          return { ok: true, frame: { address, documentName, type, syncStep } };
        }
        if (syncStep !== SyncStep.Step2 && syncStep !== SyncStep.Update) return { ok: false, reason: "unknown sync step" };
        if (!isEmptyUpdate(payload)) Y.decodeUpdate(payload);
        return { ok: true, frame: { address, documentName, type, syncStep, update: payload } };
      }
      case MessageType.Awareness:
        checkAwareness(reader.varUint8Array());
        return { ok: true, frame: { address, documentName, type } };
      case MessageType.Auth:
        // Providers only send tokens (0); anything else makes Hocuspocus log an error.
        if (reader.varUint() !== 0) return { ok: false, reason: "unexpected authentication message" };
        reader.varString();
        if (reader.hasContent()) reader.varString();
        return { ok: true, frame: { address, documentName, type } };
      case MessageType.Stateless:
        reader.varString();
        return { ok: true, frame: { address, documentName, type } };
      case MessageType.QueryAwareness:
      case MessageType.Close:
        return { ok: true, frame: { address, documentName, type } };
      default:
        // BroadcastStateless is server-internal; SyncStatus and Ping only travel to clients.
        return { ok: false, reason: `message type ${type} is not accepted from clients` };
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "unreadable frame" };
  }
}

/** lib0's varUint: 7 bits a byte, least significant first. */
function writeVarUint(target: Uint8Array, at: number, value: number): number {
  let n = value;
  while (n > 0x7f) {
    target[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 128);
  }
  target[at++] = n;
  return at;
}

function varUintLength(value: number): number {
  let length = 1;
  for (let n = value; n > 0x7f; n = Math.floor(n / 128)) length += 1;
  return length;
}

const encoder = new TextEncoder();

/**
 * A server-to-client sync frame: `varString(address)`, Sync, the step, `varUint8Array(payload)`.
 * Written straight into one buffer of the exact size: a first sync carries a whole stored log,
 * and lib0's growing encoder would allocate and copy it about three times over.
 */
export function encodeSyncFrame(address: string, step: number, payload: Uint8Array): Uint8Array {
  const name = encoder.encode(address);
  const length = varUintLength(name.length) + name.length + 1 + varUintLength(step) + varUintLength(payload.length) + payload.length;
  const frame = new Uint8Array(length);
  let at = writeVarUint(frame, 0, name.length);
  frame.set(name, at);
  at = writeVarUint(frame, at + name.length, MessageType.Sync);
  at = writeVarUint(frame, at, step);
  at = writeVarUint(frame, at, payload.length);
  frame.set(payload, at);
  return frame;
}
