import { describe, expect, it } from "vitest";

import { uniqueSvgIds } from "../../../app/utils/svg-ids";

describe("charts copied into one document", () => {
  it("each copy's ids, and every reference to them, get the copy's own suffix", () => {
    const svg = `<svg aria-labelledby="t d"><title id="t">x</title><desc id="d">y</desc><defs><pattern id="p"/></defs><rect fill="url(#p)"/><use href="#p"/></svg>`;
    expect(uniqueSvgIds(svg, "c1")).toBe(
      `<svg aria-labelledby="t-c1 d-c1"><title id="t-c1">x</title><desc id="d-c1">y</desc><defs><pattern id="p-c1"/></defs><rect fill="url(#p-c1)"/><use href="#p-c1"/></svg>`,
    );
  });

  it("an id that is a prefix of another is not confused with it", () => {
    const svg = `<svg aria-labelledby="t t2"><title id="t">x</title><desc id="t2">y</desc></svg>`;
    expect(uniqueSvgIds(svg, "c9")).toBe(`<svg aria-labelledby="t-c9 t2-c9"><title id="t-c9">x</title><desc id="t2-c9">y</desc></svg>`);
  });
});
