import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

import { InsightExcerpt } from "./anchor-mark";
import { CommentAnchor } from "./comment-anchor";

/*
 * The document schema lives with the collaboration layer because the server derives JSON and text
 * with it, the seed writes with it and the browser editor edits with it: everything above
 * (components, models) imports it from here, never the other way (ADR 007). No browser or
 * server-only code, so both bundles may load it.
 */

/** The Yjs XML fragment every collaborative document keeps its text in (Tiptap's default). */
export const DOCUMENT_FIELD = "default";

/**
 * Headings, bold, italic, lists, quotes, links and rules, and the anchors of insight excerpts and
 * comment threads (anchor-mark.ts). Pasted HTML is parsed against this
 * schema, so anything it does not allow (scripts, event handlers, styles) never enters a document.
 * Yjs supplies undo, so StarterKit's own is off.
 */
export function documentSchemaExtensions(): AnyExtension[] {
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
