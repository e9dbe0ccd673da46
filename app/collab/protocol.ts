/*
 * What the collaboration server tells a browser when access changes while it is connected.
 * Shared by the server (extensions/authentication.server.ts) and the browser editor, so this
 * module holds constants only and is safe in both bundles.
 */

/** The socket is closed with this code when the session behind it has ended (signed out, revoked, expired). */
export const SESSION_ENDED_CODE = 4401;
/** A document's connection is closed with this code when its reader may no longer open it. */
export const ACCESS_REVOKED_CODE = 4403;

/** Stateless message type: `{ type, canWrite, canRead? }` — write access changed, or (canRead false) all access ended. */
export const ACCESS_CHANGED_STATELESS = "praxis:access";

export type AccessChangedMessage = { type: typeof ACCESS_CHANGED_STATELESS; canWrite: boolean; canRead?: boolean };

export function parseAccessChanged(payload: string): AccessChangedMessage | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    const message = value as Partial<AccessChangedMessage>;
    if (message.type !== ACCESS_CHANGED_STATELESS || typeof message.canWrite !== "boolean") return null;
    return { type: ACCESS_CHANGED_STATELESS, canWrite: message.canWrite, ...(typeof message.canRead === "boolean" ? { canRead: message.canRead } : {}) };
  } catch {
    return null;
  }
}
