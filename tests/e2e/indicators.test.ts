import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";
import { workspaceNavLink } from "./helpers/nav";

/*
 * Outcome indicators end to end in Chromium against the production build and the demo seed: an
 * analyst reads the Midlothian placements indicator and its savings estimate, imports a value
 * from a CSV file through the preview, and sees the chart and verdict change. axe-core checks
 * every page visited. Then the analyst changes and deletes values in place and deletes an
 * indicator, told first what goes with it.
 */
const PASSWORD = "praxis-demo-2015";
const PLACEMENTS = "Children and young people in external placements";

let browser: Browser;
let app: RunningApp;
const opened: UserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({ seed: "demo" });
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
  await app?.stop();
});

describe("indicators in the browser", () => {
  it("an analyst reads an indicator and its savings estimate, imports a value and sees the curve turn", async () => {
    const user = await newUserContext(browser, app.url, "analyst@demo.test", PASSWORD);
    opened.push(user);
    const { page, watch } = user;

    await page.goto("/w/demo");
    await (await workspaceNavLink(page, "Indicators")).click();
    await page.getByRole("heading", { level: 1, name: "Outcome indicators" }).waitFor();
    await page.getByRole("link", { name: "Referrals to Hawthorn Family Learning Centre" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: PLACEMENTS }).click();
    await page.getByRole("heading", { level: 1, name: PLACEMENTS }).waitFor();
    const chart = page.getByTestId("trend-chart");
    await expect.poll(() => chart.locator("circle").evaluateAll((cs) => cs.map((c) => `${c.getAttribute("data-period")}=${c.getAttribute("data-value")}`))).toEqual([
      "2014=26",
      "2021-22=5",
    ]);
    expect(await page.getByTestId("verdict").textContent()).toContain("Not enough data");
    await page.getByText('Reported as "now"; dated to 2021-22').waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Cost avoided by 21 fewer external placements" }).click();
    await page.getByRole("heading", { level: 1, name: "Cost avoided by 21 fewer external placements" }).waitFor();
    expect(await page.getByTestId("net").textContent()).toContain("£176,400.00");
    expect(await page.getByTestId("gross").textContent()).toBe("£588,000.00");
    await page.getByText("Midlothian Council, Preventative Outreach Service case study (June 2016)").waitFor();
    expect(await page.getByTestId("assumptions").textContent()).toContain("Optimism bias 25%");
    await expectNoAxeViolations(page);

    await page.goto("/w/demo/indicators/import");
    await page.getByRole("heading", { level: 1, name: "Import indicator values" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("CSV file").setInputFiles({
      name: "placements.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`Indicator,Period,Value,Note,Source\n${PLACEMENTS},2018,12,,Test figure\n${PLACEMENTS},2019,eleven,,Test figure\n`),
    });
    await Promise.all([page.waitForURL(/\/indicators\/import\/[^/]+$/), page.getByRole("button", { name: "Upload and preview" }).click()]);
    await expect.poll(() => page.getByTestId("import-summary").textContent()).toContain("1 value will be imported; 1 row cannot be read");
    expect(await page.getByTestId("bad-rows").textContent()).toContain("Line 3: “eleven” is not a number.");
    await expectNoAxeViolations(page);

    await Promise.all([page.waitForURL(/\/w\/demo\/indicators$/), page.getByRole("button", { name: "Import 1 value" }).click()]);
    await page.getByText("Imported 1 value").waitFor();
    await page.getByRole("link", { name: PLACEMENTS }).click();
    await expect.poll(() => chart.locator("circle").count()).toBe(3);
    expect(await page.getByTestId("verdict").textContent()).toContain("Turning the right way: falling");
    await chart.locator('[data-series="forecast"]').waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("an analyst changes a value where it is shown, deletes one after confirming, and deletes an indicator after being told what goes", async () => {
    const user = await newUserContext(browser, app.url, "analyst@demo.test", PASSWORD);
    opened.push(user);
    const { page, watch } = user;
    const points = () =>
      page
        .getByTestId("trend-chart")
        .locator("circle")
        .evaluateAll((cs) => cs.map((c) => `${c.getAttribute("data-period")}=${c.getAttribute("data-value")}`));

    await page.goto("/w/demo/indicators");
    await page.getByRole("link", { name: PLACEMENTS }).click();
    await page.getByRole("heading", { level: 1, name: PLACEMENTS }).waitFor();
    const values = page.getByRole("table", { name: `Values of ${PLACEMENTS}` });
    // Read first: no value form is showing until "Change" is asked for.
    expect(await page.getByRole("button", { name: "Save value" }).count()).toBe(0);
    const row = values.getByRole("row").filter({ has: page.getByRole("cell", { name: "2014", exact: true }) });
    await row.locator("summary", { hasText: "Change the 2014 value" }).click();
    const form = row.locator("form").filter({ has: page.getByRole("button", { name: "Save value" }) });
    await form.getByLabel("Value").fill("twenty-seven");
    await form.getByRole("button", { name: "Save value" }).click();
    await page.getByRole("alert").getByText("Enter a number such as 26").waitFor();
    await expectNoAxeViolations(page);
    await form.getByLabel("Value").fill("27");
    await form.getByLabel("Note (optional)").fill("Corrected from the council's 2015 return");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), form.getByRole("button", { name: "Save value" }).click()]);
    await page.getByText("Value saved").waitFor();
    await expect.poll(points).toEqual(["2014=27", "2018=12", "2021-22=5"]);
    await values.getByRole("cell", { name: "Corrected from the council's 2015 return" }).waitFor();
    await expectNoAxeViolations(page);

    await values.locator("summary", { hasText: "Delete the 2021-22 value" }).click();
    await values.getByText("Delete 5 placements for 2021-22?").waitFor();
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), values.getByRole("button", { name: "Yes, delete the 2021-22 value" }).click()]);
    await page.getByText("Value deleted").waitFor();
    await expect.poll(points).toEqual(["2014=27", "2018=12"]);

    await page.goto("/w/demo/indicators");
    await page.getByRole("link", { name: "Youth justice referrals" }).click();
    await page.getByRole("heading", { level: 1, name: "Youth justice referrals" }).waitFor();
    await page.locator("summary", { hasText: "Delete this indicator" }).click();
    const impact = page.getByTestId("deletion-impact");
    await expect.poll(() => impact.textContent()).toContain("Its 1 value will be deleted.");
    expect(await impact.textContent()).toContain("The partner agencies stay");
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForURL(/\/w\/demo\/indicators$/), page.getByRole("button", { name: "Yes, delete the indicator" }).click()]);
    await page.getByText("Indicator “Youth justice referrals” deleted").waitFor();
    expect(await page.getByRole("link", { name: "Youth justice referrals" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    watch.expectClean();
  });
});
