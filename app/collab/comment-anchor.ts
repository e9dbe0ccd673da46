import { createAnchorMark } from "./anchor-mark";

export const COMMENT_ANCHOR_MARK = "commentAnchor";
export const COMMENT_ANCHOR_ATTRIBUTE = "threadId";

/**
 * The words a comment thread is about. Added by the server on the commenter's behalf (evaluators
 * comment without edit rights), so the mark is part of the document's schema like any other.
 */
export const CommentAnchor = createAnchorMark({
  name: COMMENT_ANCHOR_MARK,
  attribute: COMMENT_ANCHOR_ATTRIBUTE,
  dataAttribute: "data-comment-thread",
  className: "comment-anchor",
  // sky-100 behind slate-900 keeps contrast far above 4.5:1; the dotted underline tells it apart
  // from an insight excerpt's solid one without relying on colour.
  style: "background-color:#e0f2fe;border-bottom:2px dotted #0369a1",
});
