/**
 * Charts are drawn for a page that shows one of each, so their ids (titles, patterns) repeat when
 * a document holds several: each copy gets its own suffix, references included.
 */
export function uniqueSvgIds(svg: string, suffix: string): string {
  const ids = [...new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))];
  let out = svg;
  for (const id of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out
      .replace(new RegExp(`(\\sid=")${escaped}(")`, "g"), `$1${id}-${suffix}$2`)
      .replace(new RegExp(`#${escaped}(?=[)"])`, "g"), `#${id}-${suffix}`)
      .replace(new RegExp(`(aria-(?:labelledby|describedby)="[^"]*?)(?<=["\\s])${escaped}(?=[\\s"])`, "g"), `$1${id}-${suffix}`);
  }
  return out;
}
