import type { Block, Outline } from "./outline";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function slug(text: string, index: number): string {
  return `s${index}-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40)}`;
}

const PRINT_CSS = `
  :root { color: #0b0c0c; font-family: Arial, Helvetica, sans-serif; line-height: 1.45; }
  body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem; }
  h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; }
  h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2rem; } h3 { font-size: 1.2rem; margin-top: 1.5rem; } h4 { font-size: 1.05rem; }
  .muted { color: #505a5f; }
  blockquote { border-left: 6px solid #b1b4b6; margin: 1rem 0; padding: 0.25rem 1rem; }
  blockquote footer { color: #505a5f; font-size: 0.9rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
  caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
  th, td { border: 1px solid #b1b4b6; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f3f2f1; }
  figure { margin: 1.5rem 0; } figure svg { max-width: 100%; height: auto; }
  nav ol { padding-left: 1.25rem; }
  .page-break { break-before: page; border: 0; margin: 0; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print {
    body { max-width: none; padding: 0; font-size: 11pt; }
    a { color: inherit; text-decoration: none; }
    table, figure, blockquote { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

/** A standalone, print-ready HTML document: the browser's "Save as PDF" makes the PDF. */
export function renderHtml(outline: Outline): string {
  const ids = new Map<Block, string>();
  outline.blocks.forEach((b, i) => {
    if (b.type === "heading") ids.set(b, slug(b.text, i));
  });
  const body = outline.blocks
    .map((b): string => {
      switch (b.type) {
        case "heading":
          return `<h${b.level + 1} id="${ids.get(b)}">${escapeHtml(b.text)}</h${b.level + 1}>`;
        case "paragraph":
          return `<p${b.muted ? ' class="muted"' : ""}>${escapeHtml(b.text)}</p>`;
        case "list":
          return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
        case "quote":
          return `<blockquote><p>${escapeHtml(b.text).replace(/\r?\n/g, "<br>")}</p><footer>— ${escapeHtml(b.source)}</footer></blockquote>`;
        case "table":
          return `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
            .join("")}</tbody></table>`;
        case "chart":
          // The SVG comes from the app's own chart functions (escaped text inside), never from user markup.
          return `<figure role="group" aria-label="${escapeHtml(b.chart.title)}">${b.chart.svg}<figcaption>${escapeHtml(b.chart.title)}: ${escapeHtml(b.chart.alt)}</figcaption></figure>`;
        case "toc":
          return `<nav aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2><ol>${outline.blocks
            .filter(
              (x): x is Extract<Block, { type: "heading" }> =>
                x.type === "heading" && x.level === 1,
            )
            .map((h) => `<li><a href="#${ids.get(h)}">${escapeHtml(h.text)}</a></li>`)
            .join("")}</ol></nav>`;
        case "pagebreak":
          return `<hr class="page-break" aria-hidden="true">`;
      }
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outline.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(outline.title)}</h1>
${body}
</main>
</body>
</html>
`;
}
