import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectNoAxeViolations } from "./helpers/browser";
import { startDemo, type DemoRun } from "./helpers/demo";

/*
 * The export page's refusals in Chromium on the demo: a bad period is explained with an error
 * summary that passes axe-core, and a member is not offered the export at all. Downloading the
 * Word summary is part of the whole flow in evidence-to-summary.test.ts.
 */
let demo: DemoRun;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.stop();
});

describe("the export page's refusals in the browser", () => {
  it("a bad period is explained on the page with an error summary, and nothing downloads", async () => {
    const { page, watch } = await demo.signIn("facilitator@demo.test");
    await page.goto("/w/demo/export?format=md&from=2015-06-01&to=2015-05-01");
    const summary = page.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "The start date must be on or before the end date" }).waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("a member is not offered the export, and its address answers 403", async () => {
    const { page, watch } = await demo.signIn("member@demo.test");
    await page.goto("/w/demo");
    expect(await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Export" }).count()).toBe(0);
    watch.allow(/403/);
    const response = await page.goto("/w/demo/export");
    expect(response?.status()).toBe(403);
    watch.expectClean();
  });
});
