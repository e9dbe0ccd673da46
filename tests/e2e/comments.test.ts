import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * Comments in Chromium on the demo: the evaluator (who may read but never edit) selects words in
 * a workspace log, comments with an @mention, and the mentioned facilitator finds it in their
 * mentions with an unread count. axe-core checks the log, comments and mentions pages.
 */
const PASSWORD = "praxis-demo-2015";
const LOG_TITLE = "One family, 23 agencies";
const WORDS = "The duplication is a property of the system";

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

/** Selects `words` inside the live editor the way a mouse drag would. */
async function selectWords(page: Page, words: string) {
  await page.getByRole("textbox", { name: `Text of “${LOG_TITLE}”` }).getByText(words, { exact: false }).waitFor();
  await page.evaluate((wanted) => {
    const root = document.querySelector(".prose-praxis");
    if (!root) throw new Error("no editor");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      document.dispatchEvent(new Event("selectionchange"));
      return;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, words);
}

describe("comments and mentions in the browser", () => {
  it("an evaluator comments on selected words with an @mention, and the facilitator finds it in their mentions", async () => {
    const evaluator = await signIn("evaluator@demo.test");
    const { page } = evaluator;
    await page.goto("/w/demo/logs");
    await page.getByRole("link", { name: LOG_TITLE }).click();
    await page.getByRole("heading", { level: 1, name: LOG_TITLE }).waitFor();
    await page.getByRole("status").getByText("Showing edits as they happen").waitFor();
    await expectNoAxeViolations(page);

    await selectWords(page, WORDS);
    await page.getByRole("toolbar", { name: "Selected words" }).getByRole("button", { name: "Comment" }).click();
    const dialog = page.getByRole("dialog", { name: "Comment on the selected words" });
    await dialog.getByText(`“${WORDS}”`).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel("Comment").fill("@Alasdair Reid could the set take this up at the next meeting?");
    await dialog.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").getByText(/Comment posted; the person you mentioned will see it/).waitFor();
    const comments = page.getByRole("region", { name: /^Comments/ });
    await comments.getByText("could the set take this up at the next meeting?").waitFor();
    await comments.getByText(WORDS).waitFor();
    // The anchor reached the evaluator's own editor through the server, as a highlight.
    await expect.poll(() => page.locator(".prose-praxis span[data-comment-thread]").allTextContents()).toContain(WORDS);
    await expectNoAxeViolations(page);
    evaluator.watch.expectClean();

    const facilitator = await signIn("facilitator@demo.test");
    await facilitator.page.goto("/w/demo");
    await facilitator.page.getByRole("link", { name: "Mentions (1 unread)" }).click();
    await facilitator.page.getByRole("heading", { level: 1, name: "Mentions" }).waitFor();
    await facilitator.page.getByText("could the set take this up at the next meeting?").waitFor();
    await expectNoAxeViolations(facilitator.page);
    await facilitator.page.getByRole("button", { name: "Mark all as read" }).click();
    await facilitator.page.getByText("Nothing unread.").waitFor();
    expect(await facilitator.page.getByRole("link", { name: "Mentions", exact: true }).count()).toBe(1);

    await facilitator.page.goto("/w/demo/logs");
    await facilitator.page.getByRole("link", { name: LOG_TITLE }).click();
    await facilitator.page.getByRole("link", { name: "start a thread from the comments page" }).click();
    await facilitator.page.getByRole("heading", { level: 1, name: `Comments on ${LOG_TITLE}` }).waitFor();
    await expectNoAxeViolations(facilitator.page);
    facilitator.watch.expectClean();
  });
});
