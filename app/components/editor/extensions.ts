import type { AnyExtension } from "@tiptap/core";

import { DOCUMENT_FIELD, documentSchemaExtensions } from "../../collab/document-schema";

export { DOCUMENT_FIELD };

/**
 * The browser editor's extensions: the shared document schema (app/collab/document-schema.ts),
 * so what the editor writes is exactly what the server derives from.
 */
export function documentExtensions(): AnyExtension[] {
  return documentSchemaExtensions();
}
