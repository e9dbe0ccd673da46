import type { afterUnloadDocumentPayload, connectedPayload, Extension, onDisconnectPayload } from "@hocuspocus/server";

import type { CollabLogger } from "../logger.server";

function userIdOf(context: unknown): string | undefined {
  if (typeof context !== "object" || context === null || !("user" in context)) return undefined;
  const user = context.user;
  return typeof user === "object" && user !== null && "id" in user && typeof user.id === "string" ? user.id : undefined;
}

/**
 * Logging: the last extension, so it only sees connections every earlier extension accepted.
 * Lines carry document names, user ids and socket ids — never cookies, tokens or content.
 * Refusals are logged where they happen (upgrade, authentication, frame screening).
 */
export class Logging implements Extension {
  priority = 600;
  extensionName = "praxis-logging";

  constructor(private readonly logger: CollabLogger) {}

  /** A connection passed authentication and its document is loaded. */
  async connected({ documentName, socketId, context, connection }: connectedPayload): Promise<void> {
    this.logger.info("opened", { document: documentName, socket: socketId, user: userIdOf(context), readOnly: connection.readOnly });
  }

  /** A connection to a document ended (client left, socket closed or access withdrawn). */
  async onDisconnect({ documentName, socketId, context, clientsCount }: onDisconnectPayload): Promise<void> {
    this.logger.info("closed", { document: documentName, socket: socketId, user: userIdOf(context), remaining: clientsCount });
  }

  /** The document left memory after its last store. */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.logger.info("unloaded", { document: documentName });
  }
}
