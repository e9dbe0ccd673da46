import { createClient } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "../../app/utils/ids";
import { startApp, type RunningApp } from "./helpers/app";
import {
  expectNoAxeViolations,
  launchBrowser,
  newUserContext,
  type UserContext,
} from "./helpers/browser";

/*
 * Insights end to end in Chromium against the production build and the demo seed: select words
 * in a log and make an insight of them from the keyboard, see the excerpt read back from the
 * document, link a case and an indicator through the search-as-you-type picker, and find the
 * insight on the board, in the barrier register's neighbour pages and on the inquiry's trail.
 * axe-core checks every page visited.
 */
const PASSWORD = "praxis-demo-2015";
const LOG_TITLE = "One family, 23 agencies";
const WORDS = "Each of us acts correctly inside our own criteria.";

let browser: Browser;
let app: RunningApp;
const opened: UserContext[] = [];

/** A case and an indicator in the demo workspace (their own seeds live on other branches). */
async function addEvidence(databaseFile: string): Promise<void> {
  const client = createClient({ url: `file:${databaseFile}` });
  try {
    await client.execute("PRAGMA busy_timeout = 5000");
    const ws = String(
      (await client.execute("select id from workspaces where slug = 'demo'")).rows[0].id,
    );
    await client.execute({
      sql: "insert into cases (id, workspace_id, reference, status) values (?, ?, ?, 'active')",
      args: [newId(), ws, "MUS-0007"],
    });
    await client.execute({
      sql: "insert into indicators (id, workspace_id, name, unit, polarity) values (?, ?, ?, ?, ?)",
      args: [newId(), ws, "Children looked after away from home", "children", "lower_is_better"],
    });
  } finally {
    client.close();
  }
}

function editorOf(page: Page) {
  return page.getByRole("textbox", { name: /^Text of/ });
}

/** Selects `words` inside the editor the way a drag would (ProseMirror follows the DOM selection). */
async function selectWords(page: Page, words: string): Promise<void> {
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
      return;
    }
    throw new Error(`"${target}" is not in the editor`);
  }, words);
}

async function pick(page: Page, kind: string, query: string, option: string): Promise<void> {
  // The combobox replaces the plain search form once the page is interactive.
  const box = page.getByRole("combobox", { name: /^Search / });
  await box.waitFor();
  await page.getByLabel("What to link").selectOption({ label: kind });
  await box.fill(query);
  await page.getByRole("option", { name: new RegExp(option) }).waitFor();
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect.poll(() => box.inputValue()).toContain(option);
  await Promise.all([
    page.waitForURL(/#links$/),
    page.getByRole("button", { name: "Link", exact: true }).click(),
  ]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({ seed: "demo" });
  await addEvidence(app.databaseFile);
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
  await app?.stop();
});

describe("insights in the browser", () => {
  let insightPath: string;
  let member: UserContext;

  it("a member selects words in a log and creates an insight from them with the keyboard; the mark is in the document", async () => {
    member = await newUserContext(browser, app.url, "member@demo.test", PASSWORD);
    opened.push(member);
    const { page } = member;
    await page.goto("/w/demo/logs");
    await Promise.all([
      page.waitForURL(/\/w\/demo\/logs\/[a-z0-9]+$/),
      page.getByRole("link", { name: LOG_TITLE }).click(),
    ]);
    await editorOf(page).waitFor();
    await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page);

    await editorOf(page).click();
    await selectWords(page, WORDS);
    await page.keyboard.press("Control+Alt+KeyI");
    const dialog = page.getByRole("dialog", { name: "Insight from the selected words" });
    await dialog.waitFor();
    expect(await dialog.locator("blockquote").textContent()).toContain(WORDS);
    await expectNoAxeViolations(page);
    // Submitted empty: the error summary says what is missing, and nothing is created.
    await dialog.getByRole("button", { name: "Create insight" }).click();
    await dialog
      .getByRole("alert")
      .filter({ hasText: "Enter the insight in a sentence or two" })
      .waitFor();
    await expectNoAxeViolations(page);
    await dialog
      .getByLabel("Insight", { exact: true })
      .fill("Duplication is a property of the system, not of any one service");
    await dialog.getByLabel("Kind").selectOption({ label: "Barrier" });
    await dialog.getByLabel("Barrier level").selectOption({ label: "Local — ours to fix" });
    await dialog.getByRole("button", { name: "Create insight" }).click();

    const done = page
      .getByRole("status")
      .filter({ hasText: "Insight created from the selected words" });
    await done.waitFor();
    expect(await dialog.count()).toBe(0);
    await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    const link = done.getByRole("link", { name: "Open the insight" });
    insightPath = (await link.getAttribute("href")) ?? "";
    expect(insightPath).toMatch(/^\/w\/demo\/insights\/[a-z0-9]+$/);
    const insightId = insightPath.split("/").pop() ?? "";
    expect(
      await editorOf(page)
        .locator(`span.insight-excerpt[data-insight-id="${insightId}"]`)
        .textContent(),
    ).toBe(WORDS);
    await expectNoAxeViolations(page);
    member.watch.expectClean();
  });

  it("the toolbar's Insight button links more words of the log to the same insight", async () => {
    const { page } = member;
    const more = "The duplication is a property of the system, not of any one service.";
    await editorOf(page).click();
    await selectWords(page, more);
    await page
      .getByRole("toolbar", { name: "Formatting" })
      .getByRole("button", { name: "Insight" })
      .click();
    const dialog = page.getByRole("dialog", { name: "Insight from the selected words" });
    await dialog.waitFor();
    expect(await dialog.locator("blockquote").textContent()).toBe(`“${more}”`);
    await dialog.getByLabel("Link to an existing insight").check();
    await dialog
      .getByLabel("Insight these words support")
      .selectOption({ label: "Duplication is a property of the system, not of any one service" });
    await expectNoAxeViolations(page);
    await dialog.getByRole("button", { name: "Link to insight" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "The selected words now back the insight" })
      .waitFor();
    const insightId = insightPath.split("/").pop() ?? "";
    await expect
      .poll(() =>
        editorOf(page)
          .locator(`span.insight-excerpt[data-insight-id="${insightId}"]`)
          .allTextContents(),
      )
      .toEqual([WORDS, more]);
    await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    member.watch.expectClean();
  });

  it("the insight quotes the words as read back from the log's document", async () => {
    const { page } = member;
    // The server reads the excerpt from the document on its next compaction (a few seconds).
    await expect
      .poll(
        async () => {
          await page.goto(insightPath);
          return page
            .getByText("they are read from the log itself once it has saved the highlight")
            .count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(0);
    // Both selections are in one log: one excerpt, its pieces joined in document order.
    await expect
      .poll(
        async () => {
          await page.goto(insightPath);
          return page.locator("blockquote").first().textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(`“${WORDS} … The duplication is a property of the system, not of any one service.”`);
    expect(await page.getByRole("link", { name: LOG_TITLE }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it("the member links a case and an indicator through the search-as-you-type picker", async () => {
    const { page } = member;
    await page.goto(insightPath);
    await pick(page, "Case", "MUS-00", "Case MUS-0007");
    await page
      .getByRole("region", { name: "Cases (1)" })
      .getByRole("listitem")
      .filter({ hasText: "Case MUS-0007" })
      .waitFor();
    // After linking, the picker starts afresh.
    expect(await page.getByRole("combobox", { name: /^Search / }).inputValue()).toBe("");
    await pick(page, "Indicator", "looked after", "Children looked after away from home");
    await page
      .getByRole("region", { name: "Indicators (1)" })
      .getByRole("listitem")
      .filter({ hasText: "Children looked after away from home" })
      .waitFor();
    expect(
      await page.getByRole("region", { name: "Strength of evidence" }).textContent(),
    ).toContain("3 pieces of evidence from 1 agency");
    await expectNoAxeViolations(page);
    member.watch.expectClean();
  });

  it("the insight is on the board and in the barrier register, and the evaluator sees it on the inquiry's trail", async () => {
    const { page } = member;
    await page.goto("/w/demo/insights");
    const emerging = page.getByRole("region", { name: /^Emerging/ });
    await emerging
      .getByRole("link", {
        name: "Duplication is a property of the system, not of any one service",
      })
      .waitFor();
    await expectNoAxeViolations(page);
    await page.goto("/w/demo/barriers?level=local");
    expect(
      await page
        .getByRole("link", {
          name: "Duplication is a property of the system, not of any one service",
        })
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page);
    await page.goto("/w/demo/barriers?level=national");
    expect(
      await page.getByRole("link", { name: /^Data-sharing rules between agencies/ }).count(),
    ).toBe(1);
    await expectNoAxeViolations(page);

    const evaluator = await newUserContext(browser, app.url, "evaluator@demo.test", PASSWORD);
    opened.push(evaluator);
    await evaluator.page.goto("/w/demo/inquiries");
    await Promise.all([
      evaluator.page.waitForURL(/\/w\/demo\/inquiries\/[a-z0-9]+$/),
      evaluator.page
        .getByRole("link", { name: /increasingly chaotic/ })
        .first()
        .click(),
    ]);
    const trail = evaluator.page.getByRole("region", { name: /^Insights \(/ });
    await trail.getByRole("link", { name: /^Families are assessed again and again/ }).waitFor();
    await expectNoAxeViolations(evaluator.page);
    // The set log's excerpt is in the set: the evaluator learns only that it exists.
    await Promise.all([
      evaluator.page.waitForURL(/\/insights\//),
      trail.getByRole("link", { name: /^A tenancy warning may be/ }).click(),
    ]);
    await evaluator.page.getByText("An excerpt from a log you cannot read").waitFor();
    expect(await evaluator.page.content()).not.toContain("Rent arrears may be our earliest signal");
    await expectNoAxeViolations(evaluator.page);
    evaluator.watch.expectClean();
  });
});
