import { Redis } from "@hocuspocus/extension-redis";
import {
  isTransactionOrigin,
  OutgoingMessage,
  type afterLoadDocumentPayload,
  type beforeUnloadDocumentPayload,
  type Document,
  type Extension,
  type onChangePayload,
  type onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";

import { materialize } from "../document-state.server";
import { readStoredDocument } from "../update-log.server";

/** Redis connection settings from a `redis://` or `rediss://` URL (user, password, database number). */
function connectionOf(url: string) {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol})`);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    options: {
      username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      db: Number.isInteger(db) ? db : 0,
      ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    },
  };
}

/**
 * Several app processes, one document (ADR 010): Hocuspocus's Redis extension relays every
 * update and awareness change to the other processes that have the document open, so editors
 * connected to different processes see each other's keystrokes and carets live. Each process
 * still logs only what its own clients send (the update log's group commit is per process).
 *
 * Additions:
 * - each local change is also published as the update itself, so a peer applies it on arrival
 *   (one Redis hop) instead of after the extension's state-vector exchange (three hops, each
 *   computing a diff); that exchange still follows and heals anything a peer missed;
 * - before a store (and before unloading), whatever the stored state holds that this process's
 *   copy lacks — another process's compaction of an update Redis has not delivered yet — is
 *   merged in first, so a compaction never writes a state that drops another process's work;
 * - a document is decoded as soon as it loads (ADR 006's deferred decoding is for one process):
 *   a peer's sync request must be answered from the real content, not an empty document.
 */
export class RedisSync extends Redis implements Extension {
  extensionName = "praxis-redis";

  constructor(url: string, options: { prefix?: string } = {}) {
    super({ ...connectionOf(url), prefix: options.prefix ?? "praxis" });
  }

  async onChange(data: onChangePayload): Promise<void> {
    const fromRedis =
      isTransactionOrigin(data.transactionOrigin) && data.transactionOrigin.source === "redis";
    if (!fromRedis) {
      const message = new OutgoingMessage(data.documentName)
        .createSyncMessage()
        .writeUpdate(data.update)
        .toUint8Array();
      void this.pub
        .publish(
          `${this.configuration.prefix}:${data.documentName}`,
          Buffer.concat([this.messagePrefix, Buffer.from(message)]),
        )
        .catch((error: unknown) =>
          console.error(`Redis: could not publish an update of ${data.documentName}`, error),
        );
    }
    await super.onChange(data);
  }

  async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    materialize(payload.document);
    await super.afterLoadDocument(payload);
  }

  /** The lock of the Redis extension (one process stores a document at a time), then the merge. */
  async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
    await super.onStoreDocument(payload);
    await this.mergeStoredState(payload.document);
  }

  async beforeUnloadDocument(payload: beforeUnloadDocumentPayload): Promise<void> {
    await super.beforeUnloadDocument(payload);
    await this.mergeStoredState(payload.document);
  }

  private async mergeStoredState(document: Document): Promise<void> {
    const stored = await readStoredDocument(document.name);
    const parts = [
      ...(stored.state ? [stored.state] : []),
      ...stored.updates.map((row) => row.update),
    ];
    if (parts.length === 0) return;
    const merged = Y.mergeUpdates(parts);
    materialize(document);
    if (Y.snapshotContainsUpdate(Y.snapshot(document), merged)) return;
    // Redis origin: what is stored came from a process that has already published it.
    Y.applyUpdate(document, merged, this.redisTransactionOrigin);
  }
}

/** The Redis extension when REDIS_URL is set; none (one process, as before) otherwise. */
export function redisExtensions(url = process.env.REDIS_URL): Extension[] {
  return url ? [new RedisSync(url)] : [];
}
