import * as buf from "lib0/buffer";
import * as sha256 from "lib0/hash/sha256";
import * as Y from "yjs";

import { DOCUMENT_FIELD } from "../../collab/document-schema";

/**
 * The Yjs attribute key y-prosemirror (Tiptap's y-tiptap) gives a mark that may overlap others of
 * its type (`excludes: ""`): the mark name, "--", and 8 characters of a hash of the mark's JSON.
 * Written here exactly as the editor writes it, so that a mark the server adds reads back in every
 * browser as the same mark (a test compares both).
 */
export function overlappingMarkKey(markName: string, attrs: Record<string, string>): string {
  const digest = sha256.digest(buf.encodeAny({ type: markName, attrs }));
  const n = 6;
  for (let i = n; i < digest.length; i++) digest[i % n] = digest[i % n] ^ digest[i];
  return `${markName}--${buf.toBase64(digest.slice(0, n))}`;
}

function textNodes(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) out.push(...textNodes(child));
  }
  return out;
}

function plain(node: Y.XmlText): string {
  return (node.toDelta() as Array<{ insert?: unknown }>)
    .map((d) => (typeof d.insert === "string" ? d.insert : ""))
    .join("");
}

export type EncodedRange = { start: Uint8Array; end: Uint8Array };

/**
 * Marks the words between two Yjs relative positions (taken in the commenter's browser, so the
 * range survives edits made meanwhile) with `markName`. Returns the words marked, or null when the
 * range no longer resolves to text in this document or is empty.
 */
export function markRange(
  doc: Y.Doc,
  range: EncodedRange,
  markName: string,
  attrs: Record<string, string>,
): string | null {
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(range.start),
      doc,
    );
    end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(range.end), doc);
  } catch {
    return null;
  }
  if (!start || !end || !(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText))
    return null;
  const nodes = textNodes(doc.getXmlFragment(DOCUMENT_FIELD));
  const first = nodes.indexOf(start.type);
  const last = nodes.indexOf(end.type);
  if (first === -1 || last === -1 || first > last || (first === last && start.index >= end.index))
    return null;
  const pieces: Array<{ node: Y.XmlText; from: number; to: number }> = [];
  for (let i = first; i <= last; i++) {
    const node = nodes[i];
    const from = i === first ? start.index : 0;
    const to = i === last ? end.index : node.length;
    if (to > from) pieces.push({ node, from, to });
  }
  const text = pieces
    .map((p) => plain(p.node).slice(p.from, p.to))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  const key = overlappingMarkKey(markName, attrs);
  for (const p of pieces) p.node.format(p.from, p.to - p.from, { [key]: attrs });
  return text;
}

const squash = (text: string) => text.replace(/\s+/g, " ");

/**
 * Marks the first place in the document where `quote` stands within one paragraph or heading
 * (white space compared loosely): the keyboard and no-JavaScript way to anchor a comment, for
 * readers who cannot place a selection in a read-only editor.
 */
export function markQuote(doc: Y.Doc, quote: string, markName: string, attrs: Record<string, string>): string | null {
  const wanted = squash(quote).trim().toLowerCase();
  if (!wanted) return null;
  for (const node of textNodes(doc.getXmlFragment(DOCUMENT_FIELD))) {
    const text = plain(node);
    // Map each squashed character back to its index in the original text.
    const map: number[] = [];
    let squashed = "";
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i]) && /\s$/.test(squashed)) continue;
      map.push(i);
      squashed += /\s/.test(text[i]) ? " " : text[i];
    }
    const at = squashed.toLowerCase().indexOf(wanted);
    if (at === -1) continue;
    const from = map[at];
    const to = map[at + wanted.length - 1] + 1;
    node.format(from, to - from, { [overlappingMarkKey(markName, attrs)]: attrs });
    return squash(text.slice(from, to)).trim();
  }
  return null;
}
