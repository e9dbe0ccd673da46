import type { AnyExtension } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";

import { BLANK_PROMPT, templatePrompt } from "../../models/log/log-templates";

/** The Yjs XML fragment every collaborative document keeps its text in (Tiptap's default). */
export const DOCUMENT_FIELD = "default";

/**
 * The document schema shared by the browser editor, the server's derived content and the seed:
 * headings, bold, italic, lists, quotes, links and rules. Pasted HTML is parsed against this
 * schema, so anything it does not allow (scripts, event handlers, styles) never enters a document.
 * Yjs supplies undo, so StarterKit's own is off. Template prompts are placeholders (decorations,
 * never content), so they are not stored, exported or searchable; the extension adds nothing to
 * the schema, so the server's transformer and static renderer are unaffected.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      codeBlock: false,
      code: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ["http", "https", "mailto"],
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
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
  ];
}
