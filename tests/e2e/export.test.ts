import { readFileSync } from "node:fs";

import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * An evaluator exports the demo's learning summary in Chromium: the export page passes axe-core,
 * the Word document downloads (with its progress shown) and reads back with a DOCX reader; a
 * member is not offered the export at all.
 */
const PASSWORD = "praxis-demo-2015";

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

describe("exporting a learning summary in the browser", () => {
  it("an evaluator downloads the Word summary from the export page, which has no axe violations", async () => {
    const { page, watch } = await signIn("evaluator@demo.test");
    await page.goto("/w/demo");
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Export" }).click();
    await page.getByRole("heading", { level: 1, name: "Export a learning summary" }).waitFor();
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Word document (.docx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^demo-\d{4}-\d{2}-\d{2}-summary\.docx$/);
    await page.getByRole("status").getByText("Word document (.docx) downloaded.").waitFor();
    const file = await download.path();
    const text = (await mammoth.extractRawText({ buffer: readFileSync(file) })).value;
    expect(text).toContain("Musselburgh Total Place (demo): learning summary");
    expect(text).toContain("How can we prevent some families becoming increasingly chaotic and hitting crisis?");
    expect(text).toContain("Appendix: method");
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("a bad period is explained on the page with an error summary, and nothing downloads", async () => {
    const { page, watch } = await signIn("facilitator@demo.test");
    await page.goto("/w/demo/export?format=md&from=2015-06-01&to=2015-05-01");
    const summary = page.getByRole("alert");
    await summary.getByText("There is a problem").waitFor();
    await summary.getByRole("link", { name: "The start date must be on or before the end date" }).waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("a member is not offered the export, and its address answers 403", async () => {
    const { page, watch } = await signIn("member@demo.test");
    await page.goto("/w/demo");
    expect(await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Export" }).count()).toBe(0);
    watch.allow(/403/);
    const response = await page.goto("/w/demo/export");
    expect(response?.status()).toBe(403);
    watch.expectClean();
  });
});
