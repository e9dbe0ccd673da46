import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import {
  expectNoAxeViolations,
  launchBrowser,
  newUserContext,
  type UserContext,
} from "./helpers/browser";
import { workspaceNavLink } from "./helpers/nav";

/*
 * Workspace settings in Chromium against the production build and the demo seed: localities,
 * retention with its preview and error summary, a new web address with old links redirecting,
 * and deleting the workspace — axe-core on every state of the page visited.
 */
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

async function signIn(email: string): Promise<UserContext> {
  const user = await newUserContext(browser, app.url, email, "praxis-demo-2015");
  opened.push(user);
  return user;
}

async function submitAndWait(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: button }).click(),
  ]);
}

describe("workspace settings in the browser", () => {
  it("an owner manages localities and retention, with errors summarised and no axe violations", async () => {
    const { page, watch } = await signIn("owner@demo.test");
    await page.goto("/w/demo");
    await (await workspaceNavLink(page, "Settings")).click();
    await page.waitForURL((url) => url.pathname === "/w/demo/settings");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Workspace settings");
    // The demo's agreed periods, and the seed is recent: nothing is due.
    await expect.poll(() => page.getByLabel("Learning material (months)").inputValue()).toBe("60");
    await page.getByText("Nothing is due for deletion now.").waitFor();
    await expectNoAxeViolations(page);

    // The demo's case evidence already lists Musselburgh's areas; add two more and reorder them.
    await page.getByLabel("Locality name").fill("Prestonpans");
    await page.getByLabel("Locality name").press("Enter");
    await page.getByRole("cell", { name: "Prestonpans", exact: true }).waitFor();
    await page.getByLabel("Locality name").fill("Tranent");
    await submitAndWait(page, "Add locality");
    await page.getByRole("cell", { name: "Tranent", exact: true }).waitFor();
    await page.getByRole("button", { name: "Move up: Tranent" }).click();
    await expect
      .poll(async () =>
        (
          await page
            .getByRole("table", { name: "Localities in use, in order" })
            .locator("tbody td.font-semibold")
            .allTextContents()
        ).join(", "),
      )
      .toMatch(/, Tranent, Prestonpans$/);

    await page.getByLabel("Learning material (months)").fill("3");
    await page.getByRole("button", { name: "Save retention periods" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary
      .getByRole("link", { name: "Learning material must be kept for at least 6 months" })
      .waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Learning material (months)").fill("48");
    await submitAndWait(page, "Save retention periods");
    await expect.poll(() => page.getByLabel("Learning material (months)").inputValue()).toBe("48");
    await page.getByText("(now 48 months)").first().waitFor();
    expect(watch.problems()).toEqual([]);
  });

  it("an owner gives the workspace a new web address, old links still work, and deleting needs its exact name", async () => {
    const { page, watch } = await signIn("owner@demo.test");
    // Refused on purpose below: a wrong confirmation (400) and the deleted workspace (404).
    watch.allow(/status of 40[04]/);
    await page.goto("/w/demo/settings");
    await page.getByRole("textbox", { name: "Web address" }).fill("musselburgh-tp");
    await submitAndWait(page, "Save details");
    await page.waitForURL((url) => url.pathname === "/w/musselburgh-tp/settings");
    await page.getByText("Earlier web addresses that redirect here: /w/demo").waitFor();

    await page.goto("/w/demo/logs");
    await page.waitForURL((url) => url.pathname === "/w/musselburgh-tp/logs");

    await page.goto("/w/musselburgh-tp/settings");
    await page.getByLabel(/To confirm, type the workspace’s name/).fill("musselburgh");
    await page.getByRole("button", { name: "Delete workspace and everything in it" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByText(/exactly as shown/)
      .waitFor();
    await expectNoAxeViolations(page);
    await page
      .getByLabel(/To confirm, type the workspace’s name/)
      .fill("Musselburgh Total Place (demo)");
    await submitAndWait(page, "Delete workspace and everything in it");
    await page.waitForURL((url) => url.pathname === "/w");
    await page
      .getByText("Musselburgh Total Place (demo) and everything in it has been deleted")
      .waitFor();
    await expectNoAxeViolations(page);
    expect((await page.goto("/w/musselburgh-tp"))?.status()).toBe(404);
    expect(watch.problems()).toEqual([]);
  });
});
