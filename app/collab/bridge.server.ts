import type { Hocuspocus } from "@hocuspocus/server";

import type { DocumentKind } from "./document-name";
import type { DocumentKindConfig } from "./kinds.server";

/** What storage functions need from the collaboration server running in this process. */
export type CollabBridge = {
  hocuspocus: Hocuspocus;
  kinds: Partial<Record<DocumentKind, DocumentKindConfig>>;
};

declare global {
  var __praxisCollab: CollabBridge | undefined;
}

/*
 * server.ts and the Remix build each load their own copy of app/collab modules, so a module
 * variable set by the server is invisible to a route. The running instance is published on
 * globalThis instead; only createCollab sets it and only its own close clears it.
 */
export function publishBridge(bridge: CollabBridge): void {
  globalThis.__praxisCollab = bridge;
}

export function withdrawBridge(bridge: CollabBridge): void {
  if (globalThis.__praxisCollab === bridge) globalThis.__praxisCollab = undefined;
}

export function currentBridge(): CollabBridge | undefined {
  return globalThis.__praxisCollab;
}
