import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import {
  expectNoAxeViolations,
  launchBrowser,
  newUserContext,
  type UserContext,
} from "./helpers/browser";

/*
 * The place count end to end in Chromium against the production build and the demo seed: an
 * analyst imports a file, changes a column mapping in the preview, confirms, and sees the place
 * count change; axe-core runs on every page visited.
 */
let browser: Browser;
let app: RunningApp;
const opened: UserContext[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({ seed: "demo" })]);
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
  await app?.stop();
});

async function totalPence(page: Page): Promise<number> {
  const text = (await page.getByTestId("total-spend").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

const FILE = [
  "Service Area,Paid Date,Net Amount,Gross Amount",
  "Children's Services,14/07/2016,100.00,120.00",
  "Children's Services,15/07/2016,200.00,240.00",
  "",
].join("\r\n");

describe("the place count in the browser", () => {
  it("an analyst imports a file, changes a column mapping in the preview, confirms, and sees the place count change", async () => {
    const analyst = await newUserContext(browser, app.url, "analyst@demo.test", "praxis-demo-2015");
    opened.push(analyst);
    const { page } = analyst;

    await page.goto("/w/demo/spend");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("The place count");
    const before = await totalPence(page);
    expect(before).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-chart="agencies"] rect.segment').count())
      .toBeGreaterThan(5);
    await expectNoAxeViolations(page);

    await Promise.all([
      page.waitForURL((u) => u.pathname === "/w/demo/spend/import"),
      page.getByRole("link", { name: "Import a spend file" }).click(),
    ]);
    await expectNoAxeViolations(page);
    await page
      .getByLabel("Spend file (CSV)")
      .setInputFiles({ name: "tranent-q2.csv", mimeType: "text/csv", buffer: Buffer.from(FILE) });
    await page.getByLabel("Published by").fill("Tranent Test Council");
    await Promise.all([
      page.waitForURL((u) => /^\/w\/demo\/spend\/import\/[a-z0-9]+$/.test(u.pathname)),
      page.getByRole("button", { name: "Upload and preview" }).click(),
    ]);
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toBe("2 lines, £300.00, 0 credits");
    await expectNoAxeViolations(page);

    // The amounts should come from "Gross Amount", not the detected "Net Amount".
    await page.getByLabel("What “Net Amount” holds").selectOption("");
    await page.getByLabel("What “Gross Amount” holds").selectOption("amount");
    await page
      .getByLabel("Category for “Children's Services”")
      .selectOption("children_and_families");
    await page.getByLabel("Vulnerable-family share (%) for “Children's Services”").fill("50");
    await page.getByRole("button", { name: "Update the preview" }).click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toBe("2 lines, £360.00, 0 credits");
    await expectNoAxeViolations(page);

    await Promise.all([
      page.waitForURL((u) => u.pathname === "/w/demo/spend"),
      page.getByRole("button", { name: "Import 2 lines" }).click(),
    ]);
    await expect.poll(() => page.getByText("Imported 2 lines, £360.00").isVisible()).toBe(true);
    expect(await totalPence(page)).toBe(before + 36000);
    await expectNoAxeViolations(page);

    // The new year's bar and its lines.
    await expect
      .poll(() =>
        page.locator('[data-chart="years"] g.year[data-year="2016"]').getAttribute("data-pence"),
      )
      .toBe("36000");
    await page.goto("/w/demo/spend/lines?year=2016");
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("2 lines");
    await expectNoAxeViolations(page);

    // The same file again is refused.
    await page.goto("/w/demo/spend/import");
    await page
      .getByLabel("Spend file (CSV)")
      .setInputFiles({ name: "again.csv", mimeType: "text/csv", buffer: Buffer.from(FILE) });
    await page.getByLabel("Published by").fill("Tranent Test Council");
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("This file was already imported");
    await expectNoAxeViolations(page);
    // The demo's imported file shows the mapping rules saved for its publisher.
    await page.goto("/w/demo/spend/import");
    await Promise.all([
      page.waitForURL((u) => /^\/w\/demo\/spend\/import\/[a-z0-9]+$/.test(u.pathname)),
      page.getByRole("link", { name: "elc-spend-over-500-2015-q1-illustrative.csv" }).click(),
    ]);
    await expect
      .poll(() =>
        page
          .getByRole("heading", { level: 2, name: /Mapping rules saved for East Lothian Council/ })
          .isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() =>
        page
          .getByRole("rowheader", { name: "Children's Services - Looked After Children" })
          .isVisible(),
      )
      .toBe(true);
    await expectNoAxeViolations(page);
    analyst.watch.allow(/Failed to load resource: the server responded with a status of 400/);
    analyst.watch.expectClean();
  });

  it("an analyst changes a spend line in place and deletes one after confirming, and the place count follows", async () => {
    const analyst = await newUserContext(browser, app.url, "analyst@demo.test", "praxis-demo-2015");
    opened.push(analyst);
    const { page } = analyst;
    await page.goto("/w/demo/spend");
    const before = await totalPence(page);

    await page.goto("/w/demo/spend/lines?year=2016");
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("2 lines");
    // Read first: no line form shows until asked for.
    expect(await page.getByRole("button", { name: "Save line" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add line" }).count()).toBe(0);
    const line = page.locator("li", { hasText: "£240.00" });
    await line.locator("summary", { hasText: "Change this line" }).click();
    await line.getByLabel("Amount (£)").fill("lots");
    await line.getByRole("button", { name: "Save line" }).click();
    await line.getByRole("alert").getByText("Enter the amount in pounds").waitFor();
    await line.getByLabel("Amount (£)").fill("250.00");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      line.getByRole("button", { name: "Save line" }).click(),
    ]);
    await page.getByText("Spend line saved").waitFor();
    await page.locator("li", { hasText: "£250.00" }).waitFor();
    await expectNoAxeViolations(page);

    const other = page.locator("li", { hasText: "£120.00" });
    await other.locator("summary", { hasText: "Delete this line" }).click();
    await other.getByText(/^Delete £120\.00 spent by/).waitFor();
    await expectNoAxeViolations(page);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      other.getByRole("button", { name: "Yes, delete this line" }).click(),
    ]);
    await page.getByText("Spend line deleted").waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: /^1 line$/ })
      .waitFor();

    await page.goto("/w/demo/spend");
    expect(await totalPence(page)).toBe(before + 1000 - 12000);
    await expectNoAxeViolations(page);
    analyst.watch.expectClean();
  });
});
