/*
 * Reading anchors (anchor-mark.ts) back out of a document's ProseMirror JSON: for each anchor id,
 * the words it covers, in document order. Pure, so the server's compaction, the seed and the
 * tests use the same reading.
 */

type JsonNode = { type?: unknown; text?: unknown; marks?: unknown; content?: unknown };
type JsonMark = { type?: unknown; attrs?: unknown };

const BLOCKS = new Set(["paragraph", "heading"]);

function anchorIds(node: JsonNode, markName: string, attribute: string): string[] {
  if (!Array.isArray(node.marks)) return [];
  const ids: string[] = [];
  for (const mark of node.marks as JsonMark[]) {
    if (mark?.type !== markName || typeof mark.attrs !== "object" || mark.attrs === null) continue;
    const id = (mark.attrs as Record<string, unknown>)[attribute];
    if (typeof id === "string" && id) ids.push(id);
  }
  return ids;
}

/**
 * The text each anchor covers. Pieces in one block are joined as they stand; pieces in
 * different blocks (or separated by unmarked words) are joined with " … ", so a quote that lost
 * its middle says so.
 */
export function collectAnchorTexts(json: unknown, markName: string, attribute: string): Map<string, string> {
  const pieces = new Map<string, string[]>();
  // The anchor that covered the previous text node of the current block, to tell "continues" from "resumes".
  let open = new Set<string>();
  const visit = (node: JsonNode) => {
    if (node.type === "text" && typeof node.text === "string") {
      const ids = anchorIds(node, markName, attribute);
      const next = new Set(ids);
      for (const id of ids) {
        const list = pieces.get(id) ?? [];
        if (open.has(id) && list.length) list[list.length - 1] += node.text;
        else list.push(node.text);
        pieces.set(id, list);
      }
      open = next;
      return;
    }
    if (node.type === "hardBreak") return;
    const isBlock = typeof node.type === "string" && BLOCKS.has(node.type);
    if (isBlock) open = new Set();
    if (Array.isArray(node.content)) for (const child of node.content as JsonNode[]) visit(child);
    if (isBlock) open = new Set();
  };
  if (json && typeof json === "object") visit(json as JsonNode);
  const out = new Map<string, string>();
  for (const [id, list] of pieces) {
    const text = list
      .map((p) => p.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join(" … ");
    if (text) out.set(id, text);
  }
  return out;
}
