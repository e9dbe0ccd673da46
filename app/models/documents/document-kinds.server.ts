import { provideDocumentKinds, type DocumentKinds } from "../../collab/kinds.server";
import { onLogDerived, resolveLogDocumentAccess } from "../log/log-document.server";
import { meetingDocumentKind } from "../meeting/meeting-notes.server";

/**
 * The collaborative document kinds of the product, each registered from its own domain: server.ts
 * hands them to the collaboration server; storage used without one gets them on import.
 */
export const DOCUMENT_KIND_CONFIG: DocumentKinds = {
  log: { resolve: resolveLogDocumentAccess, onDerived: onLogDerived },
  meeting: meetingDocumentKind,
};

provideDocumentKinds(DOCUMENT_KIND_CONFIG);
