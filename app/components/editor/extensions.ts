import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

import { InsightExcerpt } from "./anchor-mark";
import { CommentAnchor } from "./comment-anchor";

/** The Yjs XML fragment every collaborative document keeps its text in (Tiptap's default). */
export const DOCUMENT_FIELD = "default";

/**
 * The document schema shared by the browser editor, the server's derived content and the seed:
 * headings, bold, italic, lists, quotes, links and rules, insight excerpts and comment anchors (anchor-mark.ts). Pasted HTML is parsed against this
 * schema, so anything it does not allow (scripts, event handlers, styles) never enters a document.
 * Yjs supplies undo, so StarterKit's own is off.
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
    InsightExcerpt,
    CommentAnchor,
  ];
}
