import { TiptapTransformer } from "@hocuspocus/transformer";
import type * as Y from "yjs";

import { DOCUMENT_FIELD, documentSchemaExtensions } from "./document-schema";

/*
 * The Yjs state is the source of truth; ProseMirror JSON and plain text are derived from it with
 * the same schema the editor uses (CONVENTIONS, Collaboration). The transformer resolves `yjs`
 * from node_modules like everything else on the server, so there is one Yjs in the process.
 */

export type ProsemirrorNode = {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: unknown[];
  content?: ProsemirrorNode[];
};

let transformer: ReturnType<typeof TiptapTransformer.extensions> | undefined;
function tiptap() {
  transformer ??= TiptapTransformer.extensions(documentSchemaExtensions());
  return transformer;
}

/** A new Yjs document holding the given ProseMirror JSON in the field the editor binds to. */
export function ydocFromProsemirrorJson(json: unknown): Y.Doc {
  return tiptap().toYdoc(json, DOCUMENT_FIELD);
}

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

function inlineText(node: ProsemirrorNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

function blocks(node: ProsemirrorNode): string[] {
  if (TEXTBLOCKS.has(node.type)) return [inlineText(node)];
  return (node.content ?? []).flatMap(blocks);
}

/** Plain text of a ProseMirror document: one paragraph or heading per block, blank lines between. */
export function plainTextFromProsemirrorJson(json: ProsemirrorNode): string {
  return blocks(json)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .join("\n\n");
}

/** ProseMirror JSON (field "default") and plain text for search, export and the no-JS page. */
export function deriveContent(doc: Y.Doc): { json: ProsemirrorNode; text: string } {
  const json = tiptap().fromYdoc(doc, DOCUMENT_FIELD) as ProsemirrorNode;
  return { json, text: plainTextFromProsemirrorJson(json) };
}
