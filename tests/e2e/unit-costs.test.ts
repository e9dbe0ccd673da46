import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * The unit cost library in Chromium against the production build and the demo seed: an analyst
 * sees the demo's sourced costs, imports a CSV file through the two-step preview, and sees the
 * new entries, flagged where stale; a member reads the library without the stewards' controls.
 * axe-core checks every page visited.
 */
const PASSWORD = "praxis-demo-2015";

const CSV = [
  "Cost code,Outcome category,Outcome detail,Description,Unit,Fiscal cost,Agency,Agency detail,Price year,Source,Confidence",
  "E2E-VISIT,Health,Health visiting,Health visitor home visit,per visit,£54.35,NHS,Community health,2024-25,E2E test tariff,high",
  "E2E-CUSTODY,Crime,Custody,Night in police custody,per night,400,Police,,2008-09,E2E test report,low",
].join("\r\n");

let browser: Browser;
let app: RunningApp;
const opened: UserContext[] = [];

async function signIn(email: string): Promise<UserContext> {
  const user = await newUserContext(browser, app.url, email, PASSWORD);
  opened.push(user);
  return user;
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({ seed: "demo" });
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
  await app?.stop();
});

describe("the unit cost library in the browser", () => {
  it("an analyst imports a CSV file through its preview and sees the library with the new costs, with no axe violations", async () => {
    const { page, watch } = await signIn("analyst@demo.test");
    await page.goto("/w/demo/unit-costs");
    await page.getByRole("heading", { level: 1, name: "Unit costs" }).waitFor();
    const foster = page.getByRole("row").filter({ hasText: "MID-FOSTER-2016" });
    await foster.getByRole("cell", { name: "£28,000" }).waitFor();
    await foster.getByText("Midlothian Council, Preventative Outreach Service case study (June 2016)").waitFor();
    await page.getByRole("row").filter({ hasText: "WES-CAREPROC-2010" }).getByText(/^Prices of 2009-10 are \d+ years old/).waitFor();
    await page.getByText("No GDP deflator exists in this workspace").waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Import unit costs (CSV or .xlsx)" }).click();
    await page.getByRole("heading", { level: 1, name: "Import unit costs" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("File (CSV or .xlsx)").setInputFiles({ name: "e2e-costs.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await page.getByRole("heading", { level: 1, name: "Import preview: e2e-costs.csv" }).waitFor();
    await expect.poll(() => page.locator("#import-count").textContent()).toBe("2 rows of unit costs read.");
    expect(page.url()).toMatch(/\/w\/demo\/unit-costs\/import\/[a-z0-9]+$/);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Import 2 rows" }).click();
    await page.getByText("Imported 2 unit costs from e2e-costs.csv (2 added, 0 replaced)").waitFor();
    await page.getByRole("row").filter({ hasText: "E2E-VISIT" }).getByRole("cell", { name: "£54.35" }).waitFor();
    await page.getByRole("row").filter({ hasText: "E2E-CUSTODY" }).getByText(/^Prices of 2008-09 are \d+ years old/).waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("a bad file is refused on the upload page with its reason, and a member reads the library without import or edit controls", async () => {
    const { page, watch } = await signIn("analyst@demo.test");
    // The refusal is a 400 answer, which the browser reports as a failed resource load.
    watch.allow(/status of 400 \(Bad Request\).*\/unit-costs\/import/);
    await page.goto("/w/demo/unit-costs/import");
    await page.getByLabel("File (CSV or .xlsx)").setInputFiles({ name: "semi.csv", mimeType: "text/csv", buffer: Buffer.from("Description;Unit;Fiscal cost;Price year\r\nA;per year;5;2015-16\r\n") });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await page.getByRole("alert").getByText("The file seems to use semicolons between columns, not commas").waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();

    const member = await signIn("member@demo.test");
    await member.page.goto("/w/demo/unit-costs");
    await member.page.getByRole("row").filter({ hasText: "MID-FOSTER-2016" }).waitFor();
    expect(await member.page.getByRole("link", { name: "Import unit costs (CSV or .xlsx)" }).count()).toBe(0);
    expect(await member.page.getByRole("link", { name: /^Edit or delete/ }).count()).toBe(0);
    await member.page.getByRole("link", { name: "GDP deflators used for uprating" }).click();
    await member.page.getByRole("heading", { level: 1, name: "GDP deflators" }).waitFor();
    await expectNoAxeViolations(member.page);
    member.watch.expectClean();
  });
});
