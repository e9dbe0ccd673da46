import type { JSONContent } from "@tiptap/core";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import { useMemo, type ReactNode } from "react";

import { documentExtensions } from "./extensions";

function isDoc(value: unknown): value is JSONContent {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc";
}

/**
 * A document rendered from its derived ProseMirror JSON, as React elements (so every text and
 * attribute is escaped by React; links pass through the Link extension's own URL check). Used
 * for the page without JavaScript, while the live editor loads, and for versions in the history.
 */
export function StaticDocument({ json, fallbackText, label }: { json: unknown; fallbackText: string; label: string }) {
  const rendered = useMemo<ReactNode>(() => {
    if (!isDoc(json)) return null;
    try {
      return renderToReactElement({ content: json, extensions: documentExtensions() });
    } catch {
      return null;
    }
  }, [json]);
  return (
    <div className="prose-praxis ProseMirror" aria-label={label} role="document">
      {rendered ??
        fallbackText
          .split(/\n{2,}/)
          .filter(Boolean)
          .map((para, i) => <p key={i}>{para}</p>)}
    </div>
  );
}
