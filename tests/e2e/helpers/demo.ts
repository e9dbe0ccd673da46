import { readFileSync } from "node:fs";

import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";

import { startApp, type RunningApp } from "./app";
import { expectNoAxeViolations, launchBrowser, newAnonymousContext, signInThroughForm, type UserContext } from "./browser";

/** Every demo account's password (db/seeds/foundation.ts). */
export const DEMO_PASSWORD = "praxis-demo-2015";

export type DemoRun = {
  browser: Browser;
  app: RunningApp;
  /**
   * A fresh browser context signed in as a demo account through the real form; closed by `stop`.
   * The sign-in page, the same for everyone, is checked with axe-core on the run's first sign-in.
   */
  signIn: (email: string) => Promise<UserContext>;
  stop: () => Promise<void>;
};

/** Chromium and the production server over a freshly seeded demo database (call in beforeAll). */
export async function startDemo(): Promise<DemoRun> {
  const [browser, app] = await Promise.all([launchBrowser(), startApp({ seed: "demo" })]);
  const opened: UserContext[] = [];
  let loginPageChecked = false;
  return {
    browser,
    app,
    signIn: async (email) => {
      const user = await newAnonymousContext(browser, app.url);
      opened.push(user);
      if (!loginPageChecked) {
        await user.page.goto("/login");
        await expectNoAxeViolations(user.page);
        loginPageChecked = true;
      }
      await signInThroughForm(user.page, email, DEMO_PASSWORD);
      return user;
    },
    stop: async () => {
      for (const user of opened) await user.context.close();
      await browser.close();
      await app.stop();
    },
  };
}

/** The log's live editor (labelled "Text of “<title>”"), whether the person may edit or only read. */
export function editorOf(page: Page): Locator {
  return page.getByRole("textbox", { name: /^Text of/ });
}

/** From the logs list (checked with axe-core) to a log's page, once its live editor is there. */
export async function openLog(page: Page, title: string): Promise<void> {
  await page.goto("/w/demo/logs");
  await expectNoAxeViolations(page);
  await Promise.all([page.waitForURL(/\/w\/demo\/logs\/[a-z0-9]+$/), page.getByRole("link", { name: title }).click()]);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await editorOf(page).waitFor();
}

/** Selects `words` inside the editor the way a mouse drag would (ProseMirror follows the DOM selection). */
export async function selectWords(page: Page, words: string): Promise<void> {
  await editorOf(page).getByText(words, { exact: false }).first().waitFor();
  await editorOf(page).evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      document.dispatchEvent(new Event("selectionchange"));
      return;
    }
    throw new Error(`"${target}" is not in the editor`);
  }, words);
}

/**
 * Chooses an option in a search-as-you-type combobox from the keyboard: types `query`, waits for
 * an option matching `option`, arrows down to it and presses Enter; the box then shows its label.
 */
export async function chooseFromCombobox(box: Locator, query: string, option: RegExp): Promise<void> {
  await box.waitFor();
  // Typed key by key, as a person types: each key replaces the search before it, and a
  // replaced search must not surface as an error (the watch on the console would see it).
  await box.fill("");
  await box.pressSequentially(query);
  const page = box.page();
  const listbox = page.locator(`[id="${await box.getAttribute("aria-controls")}"]`);
  const options = listbox.getByRole("option");
  // The list answers the last words typed once the status line stops saying "Searching…".
  const status = box.locator("xpath=..").getByRole("status");
  await expect.poll(() => status.textContent()).toMatch(/^\d+ match/);
  await options.filter({ hasText: option }).first().waitFor();
  const labels = await options.allTextContents();
  const index = labels.findIndex((label) => option.test(label));
  for (let i = 0; i <= index; i++) await box.press("ArrowDown");
  expect(await box.getAttribute("aria-activedescendant")).toBe(await options.nth(index).getAttribute("id"));
  await box.press("Enter");
  await expect.poll(() => box.inputValue()).toMatch(option);
  expect(await box.getAttribute("aria-expanded")).toBe("false");
}

/** Clicks `button`, waits for the browser's download and returns the file's name and bytes. */
export async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}
