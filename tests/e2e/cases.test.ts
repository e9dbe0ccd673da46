import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * Case evidence in Chromium against the production build and the demo seed: an analyst creates
 * a case and records two agencies' events; a member of a third agency sees the de-identified
 * journey. axe-core runs on every page visited.
 */
const PASSWORD = "praxis-demo-2015";

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

async function signIn(email: string): Promise<UserContext> {
  const user = await newUserContext(browser, app.url, email, PASSWORD);
  opened.push(user);
  return user;
}

async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("networkidle");
}

async function addEvent(page: Page, event: { date: string; kind: string; agency: string; description: string; cost: string }) {
  await page.getByLabel("Date", { exact: true }).fill(event.date);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: event.kind });
  await page.getByLabel("Agency", { exact: true }).selectOption({ label: event.agency });
  await page.getByLabel("Short description (optional)").fill(event.description);
  await page.getByLabel("Cost in pounds (optional)").fill(event.cost);
  await submit(page, "Add event");
}

describe("case evidence in the browser", () => {
  it("an analyst creates a case, records events from two agencies and sees the journey picture and figures; a member of a third agency sees it de-identified", async () => {
    const analyst = await signIn("analyst@demo.test");
    const { page } = analyst;
    await page.goto("/w/demo/cases");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Cases");
    await expect.poll(() => page.getByRole("link", { name: "MUS-001" }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // The create form is read-first, opened on demand.
    expect(await page.getByLabel("Reference code").isVisible()).toBe(false);
    await page.locator("summary", { hasText: "Create a case" }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel("Reference code").fill("MUS-E2E");
    await page.getByLabel("Area (optional)").selectOption({ label: "Wallyford" });
    await page.getByLabel("Children").fill("2");
    await page.getByLabel("Domestic abuse in the household").check();
    await page.getByLabel("Poor school attendance").check();
    await submit(page, "Create case");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Case MUS-E2E: why are you reading it?");
    await expectNoAxeViolations(page);
    await page.getByLabel("Case review").check();
    await submit(page, "Continue to the case");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Case MUS-E2E");
    await expectNoAxeViolations(page);

    await addEvent(page, { date: "2015-04-02", kind: "Crisis", agency: "Police Scotland — J Division", description: "Domestic incident attended", cost: "1,200.50" });
    await addEvent(page, { date: "2015-04-20", kind: "Assessment", agency: "Musselburgh Grammar School", description: "Pupil support assessment of Child 1", cost: "60.01" });
    // An identifier is refused, with the reason field offered.
    await page.getByLabel("Date", { exact: true }).fill("2015-05-01");
    await page.getByLabel("Agency", { exact: true }).selectOption({ label: "Musselburgh Grammar School" });
    await page.getByLabel("Short description (optional)").fill("Called 07700 900123");
    await submit(page, "Add event");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("a phone number");
    await expectNoAxeViolations(page);

    await page.goto(page.url().replace(/#.*$/, ""));
    const table = page.locator("#journey-table table");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
    await expect.poll(() => table.textContent()).toContain("Pupil support assessment of Child 1");
    await expect.poll(() => page.locator("figure svg title").first().textContent()).toBe("Journey of case MUS-E2E: 2 agencies, 2 events");
    await expect.poll(() => page.getByText("Cost to date", { exact: true }).first().locator("xpath=..").textContent()).toContain("£1,260.51");
    await expect.poll(() => page.locator("figure svg").getAttribute("role")).toBe("img");
    const caseUrl = new URL(page.url()).pathname;
    await expectNoAxeViolations(page);

    await page.goto("/w/demo/criteria");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Vulnerability criteria and the high-tariff list");
    await expect.poll(() => page.getByRole("listitem").filter({ hasText: "3+ domestic incidents in 12 months" }).count()).toBe(1);
    await page.getByRole("link", { name: "Cost to date" }).click();
    await page.waitForURL((u) => u.search === "?sort=cost");
    await expect.poll(() => page.locator("table tbody tr").first().textContent()).toContain("MUS-005");
    await expectNoAxeViolations(page);

    const housing = await signIn("housing.officer@demo.test");
    await housing.page.goto(caseUrl);
    await housing.page.getByLabel("Evaluation").check();
    await submit(housing.page, "Continue to the case");
    await expect.poll(() => housing.page.getByRole("heading", { level: 1 }).textContent()).toBe("Case MUS-E2E");
    const seen = housing.page.locator("#journey-table table");
    await expect.poll(() => seen.locator("tbody tr").count()).toBe(2);
    await expect.poll(() => seen.textContent()).toContain("April 2015");
    const text = (await housing.page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("Pupil support assessment");
    expect(text).not.toContain("Domestic incident attended");
    expect(text).toContain("De-identified");
    expect(text).toContain("£1,260.51");
    await expectNoAxeViolations(housing.page);

    await housing.page.goto("/w/demo/cases");
    await expect.poll(() => housing.page.getByText("fewer than 5").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(housing.page);
    // The analyst corrects an event: read first, "Change" on demand, and the derived figures follow.
    await page.goto(caseUrl);
    await page.getByRole("link", { name: /^Change the assessment of .* by Musselburgh Grammar School$/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Assessment by Musselburgh Grammar School, /);
    await expectNoAxeViolations(page);
    await page.getByText("Change this event", { exact: true }).click();
    await page.getByLabel("Cost in pounds (optional)").fill("160.01");
    await page.getByLabel("Agency", { exact: true }).selectOption({ label: "Police Scotland — J Division" });
    await expectNoAxeViolations(page);
    await submit(page, "Save event");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Case MUS-E2E");
    await expect.poll(() => page.getByText("Cost to date", { exact: true }).first().locator("xpath=..").textContent()).toContain("£1,360.51");
    await expect.poll(() => page.getByText("Agencies involved", { exact: true }).locator("xpath=..").textContent()).toBe("Agencies involved1");
    await expect.poll(() => page.locator("figure svg title").first().textContent()).toBe("Journey of case MUS-E2E: 1 agency, 2 events");
    await expectNoAxeViolations(page);
    await page.goto("/w/demo/cases?sort=cost");
    await expect.poll(() => page.getByRole("row").filter({ hasText: "MUS-E2E" }).textContent()).toContain("£1,360.51");
    await expectNoAxeViolations(page);

    // Deleting asks first: the fold says what goes, and only its "Yes, delete" button deletes.
    await page.goto(caseUrl);
    await page.getByRole("link", { name: /^Change the assessment of .* by Police Scotland — J Division$/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Assessment by Police Scotland — J Division, /);
    const confirm = page.getByRole("button", { name: "Yes, delete this event" });
    expect(await confirm.isVisible()).toBe(false);
    await page.getByText("Delete this event", { exact: true }).click();
    await confirm.waitFor();
    expect(await page.getByText(/^Deleting the event removes it from the journey and from the case's figures\./).isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await submit(page, "Yes, delete this event");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Case MUS-E2E");
    await expect.poll(() => page.getByText("Cost to date", { exact: true }).first().locator("xpath=..").textContent()).toContain("£1,200.50");
    await expect.poll(() => page.locator("figure svg title").first().textContent()).toBe("Journey of case MUS-E2E: 1 agency, 1 event");

    for (const user of [analyst, housing]) {
      // The app serves no favicon; Chromium asks for one on its own.
      user.watch.allow(/favicon\.ico/);
      // The refused identifier is a 400 by design.
      user.watch.allow(/status of 400 \(Bad Request\) \(http:\/\/localhost:\d+\/w\/demo\/cases\/[a-z0-9]+\.data\?index\)/);
      user.watch.expectClean();
    }
  });
});
