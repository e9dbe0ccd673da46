import { describe, expect, it } from "vitest";

import { collectAnchorTexts } from "../../../app/collab/anchor-ranges";
import { evidenceStrength, isStalePriceYear } from "../../../app/models/insight/insight.policy";
import { formatPence } from "../../../app/models/insight/link-target";

const mark = (insightId: string) => ({ type: "insightExcerpt", attrs: { insightId } });
const text = (t: string, ...marks: unknown[]) => ({ type: "text", text: t, ...(marks.length ? { marks } : {}) });

describe("reading excerpt anchors out of a document", () => {
  it("joins the pieces of one anchor across formatting and marks a gap between blocks with an ellipsis", () => {
    const json = {
      type: "doc",
      content: [
        { type: "paragraph", content: [text("We saw "), text("duplicated ", mark("a")), text("assessments", mark("a"), { type: "bold" }), text(" and gaps.")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("after crisis", mark("a"))] }] }] },
      ],
    };
    expect(collectAnchorTexts(json, "insightExcerpt", "insightId")).toEqual(new Map([["a", "duplicated assessments … after crisis"]]));
  });

  it("keeps overlapping anchors apart and ignores other marks and malformed attributes", () => {
    const json = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [text("one ", mark("a")), text("two", mark("a"), mark("b")), text(" three", mark("b")), text(" four", { type: "insightExcerpt", attrs: { insightId: 7 } }, { type: "comment", attrs: { insightId: "c" } })],
        },
      ],
    };
    expect(collectAnchorTexts(json, "insightExcerpt", "insightId")).toEqual(
      new Map([
        ["a", "one two"],
        ["b", "two three"],
      ]),
    );
    expect(collectAnchorTexts(null, "insightExcerpt", "insightId")).toEqual(new Map());
  });
});

describe("strength of evidence", () => {
  it("a 2008-09 unit cost is stale, a recent one is not, and an unreadable price year is treated as stale", () => {
    const asOf = new Date(Date.UTC(2026, 0, 1));
    expect(isStalePriceYear("2008-09", asOf)).toBe(true);
    expect(isStalePriceYear("2019-20", asOf)).toBe(false);
    expect(isStalePriceYear("unknown", asOf)).toBe(true);
  });

  it("counts pieces and distinct agencies and says so in words", () => {
    const s = evidenceStrength(
      [
        { kind: "case", agencyId: "police", datedAt: 10 },
        { kind: "spendLine", agencyId: "police", datedAt: 30 },
        { kind: "spendLine", agencyId: "council", datedAt: 20 },
        { kind: "unitCost", agencyId: null, datedAt: 5, priceYear: "2008-09" },
      ],
      new Date(Date.UTC(2026, 0, 1)),
    );
    expect(s).toMatchObject({ pieces: 4, agencies: 2, newest: 30, oldest: 5, stale: 1, summary: "4 pieces of evidence from 2 agencies; 1 stale unit cost" });
    expect(evidenceStrength([]).summary).toBe("No evidence linked yet");
  });

  it("money is shown from integer pence without floating point", () => {
    expect(formatPence(2_800_000)).toBe("£28,000.00");
    expect(formatPence(9_300_001)).toBe("£93,000.01");
    expect(formatPence(-50)).toBe("−£0.50");
    expect(formatPence(900_719_925_474_099)).toBe("£9,007,199,254,740.99");
  });
});

describe("the excerpt mark in the shared document schema", () => {
  it("renders as a highlighted span carrying the insight id, beside documents written before it existed", async () => {
    const { createElement } = await import("react");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { StaticDocument } = await import("../../../app/components/editor/static-document");
    const html = renderToStaticMarkup(
      createElement(StaticDocument, {
        json: { type: "doc", content: [{ type: "paragraph", content: [text("Before "), text("quoted words", mark("ins1")), text(" after.", { type: "bold" })] }] },
        fallbackText: "",
        label: "Saved text",
      }),
    );
    expect(html).toContain('data-insight-id="ins1"');
    expect(html).toContain('class="insight-excerpt"');
    expect(html).toContain("quoted words</span>");
    const old = renderToStaticMarkup(createElement(StaticDocument, { json: { type: "doc", content: [{ type: "paragraph", content: [text("An old log")] }] }, fallbackText: "", label: "Saved text" }));
    expect(old).toContain("<p>An old log</p>");
  });
});
