import type { AnyExtension } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions";

import { DOCUMENT_FIELD, documentSchemaExtensions } from "../../collab/document-schema";
import { BLANK_PROMPT, templatePrompt } from "../../models/log/log-templates";

export { DOCUMENT_FIELD };

/**
 * The browser editor's extensions: the shared document schema (app/collab/document-schema.ts),
 * so what the editor writes is exactly what the server derives from, plus template prompts as
 * placeholders (decorations, never content: not stored, exported or searchable; the extension
 * adds nothing to the schema, so it stays out of the server's).
 */
export function documentExtensions(): AnyExtension[] {
  return [
    ...documentSchemaExtensions(),
    Placeholder.configure({
      showOnlyCurrent: false,
      placeholder: ({ editor, node, pos }) => {
        if (node.type.name !== "paragraph") return "";
        // The callback is handed the editor, whose state can lag the document being decorated while a
        // remote Yjs update is applied: only look around `pos` when it still holds this very node.
        const { doc } = editor.state;
        if (pos > doc.content.size || doc.nodeAt(pos) !== node) return "";
        const before = doc.resolve(pos).nodeBefore;
        if (before?.type.name === "heading") return templatePrompt(before.textContent) ?? "";
        return doc.childCount === 1 ? BLANK_PROMPT : "";
      },
    }),
  ];}
