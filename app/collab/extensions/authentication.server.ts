import type { Extension, onAuthenticatePayload, onConnectPayload } from "@hocuspocus/server";

import { getSessionFromRequest, type AuthUser } from "../../utils/auth.server";
import { parseDocumentName, type DocumentKind } from "../document-name";
import type { DocumentKindConfig } from "../kinds.server";

export type DocumentAccess = { workspaceId: string; canWrite: boolean };

/** Decides, from the signed-in user, whether and how they may open one document of a kind. */
export type DocumentAccessResolver = (user: AuthUser, id: string) => Promise<DocumentAccess | null>;

export type CollabContext = {
  user: { id: string; displayName: string; email: string };
  sessionId: string;
  workspaceId: string;
  canWrite: boolean;
};

export function isAllowedOrigin(origin: string | null, host: string | null, extra: string[]): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (extra.includes(parsed.origin)) return true;
  return host !== null && parsed.host === host;
}

/**
 * Authentication: the session cookie of the upgrade request names the user; the resolver for the
 * document's kind decides access. Unknown kinds, malformed names and objects the user may not read
 * are refused with the same error, so nothing is revealed. Read-only access sets
 * `connection.readOnly`.
 */
export class Authentication implements Extension {
  priority = 900;

  constructor(private readonly kinds: Partial<Record<DocumentKind, DocumentKindConfig>>) {}

  async onAuthenticate(data: onAuthenticatePayload): Promise<CollabContext> {
    const parsed = parseDocumentName(data.documentName);
    const cookie = data.requestHeaders.get("cookie") ?? "";
    const auth = await getSessionFromRequest(new Request("http://collab.invalid/", { headers: { cookie } }));
    if (!auth) throw new Error("Not signed in");
    const resolver = parsed ? this.kinds[parsed.kind]?.resolve : undefined;
    const access = parsed && resolver ? await resolver(auth.user, parsed.id) : null;
    if (!access) throw new Error("Document not found");
    if (!access.canWrite) data.connectionConfig.readOnly = true;
    return {
      user: { id: auth.user.id, displayName: auth.user.displayName, email: auth.user.email },
      sessionId: auth.session.id,
      workspaceId: access.workspaceId,
      canWrite: access.canWrite,
    };
  }

  /** Before authentication: refuse names that cannot be valid at all. */
  async onConnect(data: onConnectPayload): Promise<void> {
    if (!parseDocumentName(data.documentName)) throw new Error("Invalid document name");
  }
}
