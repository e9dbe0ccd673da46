import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { StaticDocument } from "../../../app/components/editor/static-document";

/** Derived JSON as a hostile collaborator could shape it through raw Yjs updates. */
const HOSTILE = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "<script>alert(1)</script>" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "click me", marks: [{ type: "link", attrs: { href: "javascript:alert(2)" } }] },
        { type: "text", text: " and " },
        { type: "text", text: "the gov.scot page", marks: [{ type: "link", attrs: { href: "https://www.gov.scot/" } }] },
      ],
    },
  ],
};

describe("the saved text rendered on the server", () => {
  it("escapes text and drops script links, keeping safe ones", () => {
    const html = renderToStaticMarkup(createElement(StaticDocument, { json: HOSTILE, fallbackText: "", label: "Saved text" }));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://www.gov.scot/"');
    expect(html).toContain("<h2>");
  });

  it("falls back to the plain text when the JSON is not a document", () => {
    const html = renderToStaticMarkup(createElement(StaticDocument, { json: null, fallbackText: "First para\n\nSecond <b>para</b>", label: "Saved text" }));
    expect(html).toContain("<p>First para</p><p>Second &lt;b&gt;para&lt;/b&gt;</p>");
  });
});
