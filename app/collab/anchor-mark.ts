import { Mark, mergeAttributes } from "@tiptap/core";

/**
 * A mark that anchors something outside the document (an insight's excerpt; later a comment
 * thread) to a range of text. It lives in the Yjs document like bold or italic, so the range moves
 * with every collaborator's edits and disappears with the words.
 *
 * `excludes: ""` lets two anchors of the same kind overlap (two insights quoting the same words);
 * y-prosemirror keeps overlapping marks apart by hashing their attributes into the Yjs key, and
 * the server's transformer strips the hash again.
 */
export function createAnchorMark(options: { name: string; attribute: string; dataAttribute: string; className: string; style: string }) {
  return Mark.create({
    name: options.name,
    excludes: "",
    inclusive: false,
    spanning: true,
    addAttributes() {
      return {
        [options.attribute]: {
          default: null,
          parseHTML: (element: HTMLElement) => element.getAttribute(options.dataAttribute),
          renderHTML: (attributes: Record<string, unknown>) => {
            const value = attributes[options.attribute];
            return typeof value === "string" && value ? { [options.dataAttribute]: value } : {};
          },
        },
      };
    },
    parseHTML() {
      return [{ tag: `span[${options.dataAttribute}]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return ["span", mergeAttributes({ class: options.className, style: options.style }, HTMLAttributes), 0];
    },
  });
}

export const INSIGHT_EXCERPT_MARK = "insightExcerpt";
export const INSIGHT_EXCERPT_ATTRIBUTE = "insightId";

/** The words of a log that an insight quotes (ADR 015). */
export const InsightExcerpt = createAnchorMark({
  name: INSIGHT_EXCERPT_MARK,
  attribute: INSIGHT_EXCERPT_ATTRIBUTE,
  dataAttribute: "data-insight-id",
  className: "insight-excerpt",
  // Inline so the highlight needs no stylesheet of its own; amber-100 behind slate-900 text keeps
  // the contrast well above 4.5:1, and the underline marks it without relying on colour alone.
  style: "background-color:#fef3c7;border-bottom:2px solid #b45309",
});
