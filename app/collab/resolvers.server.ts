import type { DocumentKind } from "./document-name";
import type { DocumentAccessResolver } from "./extensions/authentication.server";

/**
 * Who may open which collaborative document, per kind. A kind absent from this map is refused
 * for everyone. Each resolver reuses its domain's policy functions — the same rules as the HTTP
 * routes.
 */
export const DOCUMENT_RESOLVERS: Partial<Record<DocumentKind, DocumentAccessResolver>> = {};
