import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectNoAxeViolations, type UserContext } from "./helpers/browser";
import { chooseFromCombobox, download, editorOf, openLog, selectWords, startDemo, type DemoRun } from "./helpers/demo";

/*
 * Issue 11's proof end to end, in Chromium against the production build and the demo seed: a
 * member selects words in a log and makes an insight of them from the keyboard, links more words
 * to it through the search-as-you-type picker, sees the excerpt read back from the document, and
 * links a case and an indicator; the insight is on the board and in the barrier register; the
 * evaluator (who may comment but not edit) comments on the same words with an @mention; the
 * mentioned facilitator signs in and finds it in their mentions with an unread count; the
 * evaluator downloads the Word summary and it holds the insight. axe-core checks every page
 * visited, and every dialog and open list on the way.
 */
const LOG_TITLE = "One family, 23 agencies";
const WORDS = "Each of us acts correctly inside our own criteria.";
const MORE = "The duplication is a property of the system, not of any one service.";
const STATEMENT = "Duplication is a property of the system, not of any one service";
const COMMENT = "could the set take this up at the next meeting?";

let demo: DemoRun;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.stop();
});

const saved = (page: Page) => page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
const excerptMarks = (page: Page, insightId: string) => editorOf(page).locator(`span.insight-excerpt[data-insight-id="${insightId}"]`);

/** Links a target of `kind` found by `query` on the insight's page, with the keyboard. */
async function linkThroughPicker(page: Page, kind: string, query: string, option: RegExp): Promise<void> {
  await page.getByLabel("What to link").selectOption({ label: kind });
  const box = page.getByRole("combobox", { name: /^Search / });
  await chooseFromCombobox(box, query, option);
  await Promise.all([page.waitForURL(/#links$/), page.getByRole("button", { name: "Link", exact: true }).click()]);
}

describe("from the words of a log to the evaluator's learning summary", () => {
  let member: UserContext;
  let evaluator: UserContext;
  let insightPath = "";
  let insightId = "";

  it("a member selects words in a log and creates an insight from them with the keyboard; the mark is in the document", async () => {
    member = await demo.signIn("member@demo.test");
    const { page } = member;
    await openLog(page, LOG_TITLE);
    await saved(page);
    await expectNoAxeViolations(page);

    await editorOf(page).click();
    await selectWords(page, WORDS);
    await page.keyboard.press("Control+Alt+KeyI");
    const dialog = page.getByRole("dialog", { name: "Insight from the selected words" });
    await dialog.waitFor();
    expect(await dialog.locator("blockquote").textContent()).toBe(`“${WORDS}”`);
    await expectNoAxeViolations(page);
    // Submitted empty: the error summary says what is missing, and nothing is created.
    await dialog.getByRole("button", { name: "Create insight" }).click();
    await dialog.getByRole("alert").filter({ hasText: "Enter the insight in a sentence or two" }).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel("Insight", { exact: true }).fill(STATEMENT);
    await dialog.getByLabel("Kind").selectOption({ label: "Barrier" });
    await dialog.getByLabel("Barrier level").selectOption({ label: "Local — ours to fix" });
    await dialog.getByRole("button", { name: "Create insight" }).click();

    const done = page.getByRole("status").filter({ hasText: "Insight created from the selected words" });
    await done.waitFor();
    expect(await dialog.count()).toBe(0);
    insightPath = (await done.getByRole("link", { name: "Open the insight" }).getAttribute("href")) ?? "";
    expect(insightPath).toMatch(/^\/w\/demo\/insights\/[a-z0-9]+$/);
    insightId = insightPath.split("/").pop() ?? "";
    expect(await excerptMarks(page, insightId).allTextContents()).toEqual([WORDS]);
    await saved(page);
    await expectNoAxeViolations(page);
    member.watch.expectClean();
  });

  it("the toolbar's Insight button links more words to the same insight, found by searching as you type", async () => {
    const { page } = member;
    await editorOf(page).click();
    await selectWords(page, MORE);
    await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Insight" }).click();
    const dialog = page.getByRole("dialog", { name: "Insight from the selected words" });
    await dialog.waitFor();
    await dialog.getByLabel("Link to an existing insight").check();
    const box = dialog.getByRole("combobox", { name: "Insight these words support" });

    // Nothing chosen: the error summary says so and links to the search box.
    await dialog.getByRole("button", { name: "Link to insight" }).click();
    const problem = dialog.getByRole("alert").getByRole("link", { name: "Choose the insight these words support" });
    await problem.waitFor();
    await expectNoAxeViolations(page);
    await problem.click();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

    // Words no insight has: the status line says so, and no list is shown.
    await box.fill("wallaby");
    await dialog.getByRole("status").filter({ hasText: "No insight matches" }).waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    expect(await dialog.getByRole("listbox").count()).toBe(0);

    await box.fill("property of the system");
    await dialog.getByRole("option", { name: new RegExp(STATEMENT) }).waitFor();
    await expectNoAxeViolations(page);
    // Escape closes the list, not the dialog.
    await box.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    expect(await dialog.count()).toBe(1);

    await chooseFromCombobox(box, "a property of", new RegExp(`^${STATEMENT}`));
    await dialog.getByText(`Chosen: ${STATEMENT}`).waitFor();
    await dialog.getByRole("button", { name: "Link to insight" }).click();
    await page.getByRole("status").filter({ hasText: "The selected words now back the insight" }).waitFor();
    await expect.poll(() => excerptMarks(page, insightId).allTextContents()).toEqual([WORDS, MORE]);
    await saved(page);
    member.watch.expectClean();
  });

  it("the insight quotes the words as read back from the log's document", async () => {
    const { page } = member;
    // The server reads the excerpt from the document on its next compaction (a few seconds);
    // both selections are in one log, so one excerpt, its pieces joined in document order.
    await expect
      .poll(
        async () => {
          await page.goto(insightPath);
          const provisional = await page.getByText("they are read from the log itself once it has saved the highlight").count();
          return provisional ? "provisional" : page.locator("blockquote").first().textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(`“${WORDS} … ${MORE}”`);
    expect(await page.getByRole("link", { name: LOG_TITLE }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it("the member links a case and an indicator through the search-as-you-type picker", async () => {
    const { page } = member;
    await linkThroughPicker(page, "Case", "MUS-00", /^Case MUS-004/);
    await page.getByRole("region", { name: "Cases (1)" }).getByRole("listitem").filter({ hasText: "Case MUS-004" }).waitFor();
    // After linking, the picker starts afresh.
    expect(await page.getByRole("combobox", { name: /^Search / }).inputValue()).toBe("");
    await linkThroughPicker(page, "Indicator", "youth justice", /^Youth justice referrals/);
    await page.getByRole("region", { name: "Indicators (1)" }).getByRole("listitem").filter({ hasText: "Youth justice referrals" }).waitFor();
    expect(await page.getByRole("region", { name: "Strength of evidence" }).textContent()).toContain("3 pieces of evidence");
    await expectNoAxeViolations(page);

    // A search that gets no answer says so in the status line; typing again retries.
    await page.getByLabel("What to link").selectOption({ label: "Case" });
    const box = page.getByRole("combobox", { name: /^Search / });
    const status = box.locator("xpath=..").getByRole("status");
    await page.route(/\/targets\?/, (route) => route.abort("failed"));
    member.watch.allow(/Failed to load resource: net::ERR_FAILED/);
    await box.fill("MUS-00");
    await expect.poll(() => status.textContent()).toBe("The search did not answer; type again to retry");
    await page.unroute(/\/targets\?/);
    await box.pressSequentially("4");
    await expect.poll(() => status.textContent()).toMatch(/^1 match;/);
    member.watch.expectClean();
  });

  it("the insight is on the board filtered by status, and in the local barrier register", async () => {
    const { page } = member;
    await page.goto("/w/demo/insights");
    await page.getByRole("region", { name: /^Emerging \(/ }).getByRole("link", { name: STATEMENT }).waitFor();
    await expectNoAxeViolations(page);
    const filter = page.getByRole("form", { name: "Filter insights" });
    await filter.getByLabel("Status").selectOption({ label: "Emerging" });
    await Promise.all([page.waitForURL(/status=emerging/), filter.getByRole("button", { name: "Show" }).click()]);
    await page.getByText(/insights? with the status emerging\./).waitFor();
    const columns = page.getByRole("region", { name: /^(Emerging|Tested|Adopted|Dropped) \(/ });
    expect(await columns.count()).toBe(1);
    await page.getByRole("region", { name: /^Emerging \(/ }).getByRole("link", { name: STATEMENT }).waitFor();
    await expectNoAxeViolations(page);
    await page.goto("/w/demo/barriers?level=local");
    expect(await page.getByRole("link", { name: STATEMENT }).count()).toBe(1);
    await expectNoAxeViolations(page);
    member.watch.expectClean();
  });

  it("on an inquiry's trail the evaluator learns that a set log's excerpt exists, never its words", async () => {
    evaluator = await demo.signIn("evaluator@demo.test");
    const { page } = evaluator;
    await page.goto("/w/demo/inquiries");
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForURL(/\/w\/demo\/inquiries\/[a-z0-9]+$/), page.getByRole("link", { name: /increasingly chaotic/ }).first().click()]);
    const trail = page.getByRole("region", { name: /^Insights \(/ });
    await trail.getByRole("link", { name: /^Families are assessed again and again/ }).waitFor();
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForURL(/\/insights\//), trail.getByRole("link", { name: /^A tenancy warning may be/ }).click()]);
    await page.getByText("An excerpt from a log you cannot read").waitFor();
    expect(await page.content()).not.toContain("Rent arrears may be our earliest signal");
    await expectNoAxeViolations(page);
    evaluator.watch.expectClean();
  });

  it("the evaluator, who may not edit the log, comments on the insight's words with an @mention", async () => {
    const { page } = evaluator;
    await openLog(page, LOG_TITLE);
    await page.getByRole("status").getByText("Showing edits as they happen").waitFor();
    // The insight's highlight reached the reader's editor too.
    await expect.poll(() => excerptMarks(page, insightId).allTextContents()).toEqual([WORDS, MORE]);
    await expectNoAxeViolations(page);

    await selectWords(page, WORDS);
    await page.getByRole("toolbar", { name: "Selected words" }).getByRole("button", { name: "Comment" }).click();
    const dialog = page.getByRole("dialog", { name: "Comment on the selected words" });
    await dialog.getByText(`“${WORDS}”`).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel("Comment").fill(`@Alasdair Reid ${COMMENT}`);
    await dialog.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").getByText(/Comment posted; the person you mentioned will see it/).waitFor();
    const comments = page.getByRole("region", { name: /^Comments/ });
    await comments.getByText(COMMENT).waitFor();
    // The anchor came back to the evaluator's editor through the server, as a highlight.
    await expect.poll(() => page.locator(".prose-praxis span[data-comment-thread]").allTextContents()).toContain(WORDS);
    await expectNoAxeViolations(page);
    evaluator.watch.expectClean();
  });

  it("the mentioned facilitator signs in, sees one unread mention, reads it and marks it read", async () => {
    const facilitator = await demo.signIn("facilitator@demo.test");
    const { page } = facilitator;
    await page.goto("/w/demo");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Mentions (1 unread)" }).click();
    await page.getByRole("heading", { level: 1, name: "Mentions" }).waitFor();
    await page.getByText(COMMENT).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("Nothing unread.").waitFor();
    expect(await page.getByRole("link", { name: "Mentions", exact: true }).count()).toBe(1);

    await openLog(page, LOG_TITLE);
    await page.getByRole("link", { name: "start a thread from the comments page" }).click();
    await page.getByRole("heading", { level: 1, name: `Comments on ${LOG_TITLE}` }).waitFor();
    await page.getByText(COMMENT).waitFor();
    await expectNoAxeViolations(page);
    facilitator.watch.expectClean();
  });

  it("the evaluator downloads the Word summary from the export page, and it holds the insight and its excerpt", async () => {
    const { page } = evaluator;
    await page.goto("/w/demo");
    await expectNoAxeViolations(page);
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Export" }).click();
    await page.getByRole("heading", { level: 1, name: "Export a learning summary" }).waitFor();
    await expectNoAxeViolations(page);

    const file = await download(page, page.getByRole("button", { name: "Word document (.docx)" }));
    expect(file.name).toMatch(/^demo-\d{4}-\d{2}-\d{2}-summary\.docx$/);
    await page.getByRole("status").getByText("Word document (.docx) downloaded.").waitFor();
    const text = (await mammoth.extractRawText({ buffer: file.bytes })).value;
    expect(text).toContain("Musselburgh Total Place (demo): learning summary");
    expect(text).toContain("How can we prevent some families becoming increasingly chaotic and hitting crisis?");
    expect(text).toContain(STATEMENT);
    expect(text).toContain(WORDS);
    expect(text).toContain("Appendix: method");
    // Comments are not part of the summary.
    expect(text).not.toContain(COMMENT);
    await expectNoAxeViolations(page);
    evaluator.watch.expectClean();
  });
});
