import type { Block, Outline } from "./outline";

/** Escapes what Markdown would read as markup (and raw HTML), so user text stays text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}[\]()#+!|<>~])/g, "\\$1")
    .replace(/^(\s*)([-=])/gm, "$1\\$2")
    .replace(/^(\s*\d+)\./gm, "$1\\.");
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, " ");
}

function block(b: Block, outline: Outline): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level + 1)} ${escapeMarkdown(b.text)}`;
    case "paragraph":
      return b.muted ? `_${escapeMarkdown(b.text)}_` : escapeMarkdown(b.text);
    case "list":
      return b.items.map((i) => `- ${escapeMarkdown(i)}`).join("\n");
    case "quote":
      return `${b.text
        .split(/\r?\n/)
        .map((line) => `> ${escapeMarkdown(line)}`)
        .join("\n")}\n>\n> — ${escapeMarkdown(b.source)}`;
    case "table":
      return [
        `**${escapeMarkdown(b.caption)}**`,
        "",
        `| ${b.head.map(cell).join(" | ")} |`,
        `| ${b.head.map(() => "---").join(" | ")} |`,
        ...b.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
      ].join("\n");
    case "chart":
      // Markdown has no inline SVG that every viewer shows; the chart's text alternative stands in.
      return `**${escapeMarkdown(b.chart.title)}** — ${escapeMarkdown(b.chart.alt)}`;
    case "toc":
      return outline.blocks
        .filter(
          (x): x is Extract<Block, { type: "heading" }> => x.type === "heading" && x.level === 1,
        )
        .map((h) => `- ${escapeMarkdown(h.text)}`)
        .join("\n");
    case "pagebreak":
      return "---";
  }
}

export function renderMarkdown(outline: Outline): string {
  const parts = [
    `# ${escapeMarkdown(outline.title)}`,
    ...outline.blocks.map((b) => block(b, outline)),
  ];
  return `${parts.join("\n\n")}\n`;
}
