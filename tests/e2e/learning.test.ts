import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, signInThroughForm, type UserContext } from "./helpers/browser";

/*
 * The learning cycle end to end in Chromium against the production build and the demo seed: the
 * facilitator runs one presenter's slot through present → questions → actions in the meeting
 * runner, and the committed action appears under its owner's "my actions". axe-core checks the
 * inquiries, set, meeting and runner pages. The inquiries and sets pages are read first: their
 * create forms open on demand, and open by themselves when the server refuses a submission.
 */
const PASSWORD = "praxis-demo-2015";
const SET_NAME = "Board set: chaotic homes and crisis";

let browser: Browser;
let app: RunningApp;
const opened: UserContext[] = [];

async function signIn(email: string): Promise<UserContext> {
  const user = await newUserContext(browser, app.url, email, PASSWORD);
  opened.push(user);
  return user;
}

/** Submits by clicking a button and waits for the runner to have reloaded its state. */
async function press(page: Page, name: string | RegExp) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/run")), page.getByRole("button", { name }).click()]);
  await page.waitForLoadState("networkidle");
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

describe("the learning cycle in the browser", () => {
  it("the inquiries, inquiry trail and set pages show the demo's questions and set, with no axe violations", async () => {
    const { page, watch } = await signIn("facilitator@demo.test");
    await page.goto("/w/demo/inquiries");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Inquiry questions");
    await page.getByRole("heading", { name: "Phase 2 (from March 2015)" }).waitFor();
    await page.getByRole("link", { name: "How can we prevent some families becoming increasingly chaotic and hitting crisis?" }).waitFor();
    await expectNoAxeViolations(page);

    // Reordering is keyboard operable: focus a "Move down" button and press Enter.
    await page.getByRole("button", { name: /^Move down: How can we minimise harm/ }).focus();
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.keyboard.press("Enter")]);
    await expect.poll(async () => (await page.locator("ol h3").allTextContents()).slice(0, 2).map((q) => q.slice(0, 30))).toEqual([
      "How can we prevent some famili",
      "How can we minimise harm and m",
    ]);

    await page.getByRole("link", { name: "How can we prevent some families becoming increasingly chaotic and hitting crisis?" }).click();
    await page.getByRole("heading", { name: "Learning trail" }).waitFor();
    await page.getByRole("heading", { name: /^Learning sets working on it/ }).waitFor();
    await page.getByRole("region", { name: /^Learning sets working on it/ }).getByRole("link", { name: SET_NAME }).waitFor();
    await page.getByText("Pilot a lead professional and a pooled budget").first().waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("region", { name: /^Learning sets working on it/ }).getByRole("link", { name: SET_NAME }).click();
    await page.getByRole("heading", { level: 1, name: SET_NAME }).waitFor();
    await page.getByText("Confidentiality: what is said in the set stays in the set.").first().waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("a facilitator runs one presenter's slot and the committed action appears under its owner's actions", async () => {
    const { page, watch } = await signIn("facilitator@demo.test");
    await page.goto("/w/demo/sets");
    await page.getByRole("link", { name: SET_NAME }).click();
    await page.getByRole("link", { name: /^Meeting 3:/ }).click();
    await page.getByRole("heading", { level: 1, name: "Meeting 3" }).waitFor();
    await page.getByRole("link", { name: "Add to calendar (.ics)" }).waitFor();
    // The live notes editor loads for a participant.
    await page.getByRole("textbox", { name: "Meeting notes" }).waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Run this meeting" }).click();
    await page.getByRole("heading", { level: 1, name: `Meeting runner: ${SET_NAME}` }).waitFor();
    const status = page.getByTestId("runner-phase");
    // The opening round carries meeting 2's open actions, for report-back.
    await page.getByRole("heading", { name: /Draft a one-page role description for a lead professional/ }).waitFor();
    await press(page, "Start the opening round");
    await expect.poll(() => status.textContent()).toContain("Opening round");
    await expectNoAxeViolations(page);

    await press(page, "Move to bidding for airtime");
    await page.getByLabel("Presenter", { exact: true }).selectOption({ label: "Kirsty Watt" });
    await page.getByLabel("The issue to bring").fill("A family missed three appointments after the tenancy warning");
    await press(page, "Add bid");
    await page.getByText("1. Kirsty Watt").waitFor();

    await press(page, "Start Kirsty Watt's slot");
    await expect.poll(() => status.textContent()).toContain("Kirsty Watt: Present the issue");
    await expect.poll(() => status.getAttribute("aria-live")).toBe("polite");
    const timer = page.getByRole("timer");
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^(29|30):\d\d$/);

    // The timer is keyboard operable: pause it with the keyboard, and it stops.
    await page.getByRole("button", { name: "Pause timer" }).focus();
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.keyboard.press("Enter")]);
    await page.getByRole("button", { name: "Start timer" }).waitFor();
    const pausedAt = await timer.textContent();
    await page.waitForTimeout(1500);
    expect(await timer.textContent()).toBe(pausedAt);
    await press(page, "Start timer");
    await page.getByRole("button", { name: "Pause timer" }).waitFor();

    await press(page, "Next: questions only");
    await expect.poll(() => status.textContent()).toContain("Kirsty Watt: Questions only");
    await page.getByLabel("Asked by").selectOption({ label: "Graeme Paterson" });
    await page.getByLabel("Question (a question, not advice)").fill("What did the family make of the warning letter?");
    await press(page, "Record question");
    await page.getByText("What did the family make of the warning letter?").waitFor();

    await press(page, "Next: agree actions");
    await expect.poll(() => status.textContent()).toContain("Kirsty Watt: Agree actions");
    await page.getByLabel("Action", { exact: true }).fill("Phone the family with the housing officer before the next warning goes out");
    await page.getByLabel("Due date").fill("2030-01-15");
    await expectNoAxeViolations(page);
    await press(page, "Commit action");
    await page.getByText("Phone the family with the housing officer before the next warning goes out — Kirsty Watt, due 15 January 2030").waitFor();

    await press(page, "Finish this slot");
    await expect.poll(() => page.locator('[aria-current="step"]').allTextContents()).toContain("Done");

    // A reload keeps the runner's state: it lives in the database.
    await page.reload();
    await expect.poll(() => status.textContent()).toContain("Presenters");
    watch.expectClean();

    const owner = await signIn("health.visitor@demo.test");
    await owner.page.goto("/w/demo/actions?tab=mine");
    await owner.page.getByRole("heading", { level: 1, name: "Actions" }).waitFor();
    await owner.page.getByRole("heading", { name: "Phone the family with the housing officer before the next warning goes out" }).waitFor();
    await expectNoAxeViolations(owner.page);
    owner.watch.expectClean();
  });

  it("the evaluator, outside the set, is told a meeting does not exist", async () => {
    const facilitator = await signIn("facilitator@demo.test");
    await facilitator.page.goto("/w/demo/sets");
    await facilitator.page.getByRole("link", { name: SET_NAME }).click();
    await Promise.all([facilitator.page.waitForURL(/\/meetings\/[a-z0-9]+$/), facilitator.page.getByRole("link", { name: /^Meeting 1:/ }).click()]);
    const meetingPath = new URL(facilitator.page.url()).pathname;

    const evaluator = await signIn("evaluator@demo.test");
    evaluator.watch.allow(/404/);
    const response = await evaluator.page.goto(meetingPath);
    expect(response?.status()).toBe(404);
    await evaluator.page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await evaluator.page.goto("/w/demo/sets");
    await evaluator.page.getByRole("link", { name: SET_NAME }).click();
    await evaluator.page.getByText("What is said in the set stays in the set: its meetings, notes and actions are open to its facilitator and members only.").waitFor();
    expect(await evaluator.page.getByRole("link", { name: /^Meeting 1:/ }).count()).toBe(0);
    evaluator.watch.expectClean();
  });

  it("the workspace home shows open inquiries, my next meetings, my overdue actions and decisions due for review", async () => {
    const { page, watch } = await signIn("member@demo.test");
    await page.goto("/w/demo");
    const region = (name: string) => page.getByRole("region", { name });
    await region("Open inquiry questions").getByRole("link", { name: /^How can we capture the learning/ }).waitFor();
    await region("My next meetings").getByRole("link", { name: `${SET_NAME}: Meeting 3` }).waitFor();
    await region("My overdue actions").getByText("Share the police contact list with Children's Services under the information-sharing agreement.").waitFor();
    await region("My overdue actions").getByText("Overdue").first().waitFor();
    await region("Decisions due for review").getByRole("link", { name: /^Pilot a lead professional and a pooled budget/ }).waitFor();
    await expectNoAxeViolations(page);

    await region("Decisions due for review").getByRole("link", { name: /^Pilot a lead professional/ }).click();
    await page.getByRole("heading", { level: 1, name: "Board decisions" }).waitFor();
    await page.getByText("Due for review").first().waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();
  });

  it("without JavaScript a meeting shows its saved notes, and the runner still works through plain forms", async () => {
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInThroughForm(page, "facilitator@demo.test", PASSWORD);
      await page.goto("/w/demo/sets");
      await page.getByRole("link", { name: SET_NAME }).click();
      await page.getByRole("link", { name: /^Meeting 2:/ }).click();
      await page.getByRole("heading", { level: 1, name: "Meeting 2" }).waitFor();
      await page.getByRole("document", { name: "Meeting notes" }).getByText("Fiona's list: 31 police contacts in two years").waitFor();

      await page.getByRole("link", { name: "Run this meeting" }).click();
      await page.getByRole("heading", { level: 1, name: `Meeting runner: ${SET_NAME}` }).waitFor();
      await page.getByRole("button", { name: "Reopen the closing round" }).click();
      await page.getByTestId("runner-phase").getByText("Closing round").waitFor();
      await page.getByLabel("Whose line").selectOption({ label: "Ailsa Fraser" });
      await page.getByLabel("One line of learning", { exact: true }).fill("The school could be the early signal for the whole family.");
      await page.getByRole("button", { name: "Record line of learning" }).click();
      await page.getByText("Ailsa Fraser: The school could be the early signal for the whole family.").waitFor();
    } finally {
      await context.close();
    }
  });

  it("the inquiries and sets pages are read first: their create forms open on demand, and by themselves after a refused submission", async () => {
    const { page, watch } = await signIn("facilitator@demo.test");
    await page.goto("/w/demo/inquiries");
    await page.getByRole("heading", { level: 1, name: "Inquiry questions" }).waitFor();
    expect(await page.getByLabel("Inquiry question", { exact: true }).isVisible()).toBe(false);
    await page.locator("summary", { hasText: "Start an inquiry" }).click();
    await page.getByLabel("Inquiry question", { exact: true }).fill("How can schools see the early signs sooner?");
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Add inquiry question" }).click()]);
    await page.getByRole("link", { name: "How can schools see the early signs sooner?" }).waitFor();
    expect(await page.getByLabel("Inquiry question", { exact: true }).isVisible()).toBe(false);

    await page.goto("/w/demo/sets");
    await page.getByRole("heading", { level: 1, name: "Action learning sets" }).waitFor();
    expect(await page.getByLabel("Name", { exact: true }).isVisible()).toBe(false);
    await page.locator("summary", { hasText: "Create a set" }).click();
    await page.getByLabel("Name", { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    watch.expectClean();

    // Without the page's script the server's refusal comes back with the form already open.
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await signInThroughForm(plain, "facilitator@demo.test", PASSWORD);
      await plain.goto("/w/demo/inquiries");
      await plain.locator("summary", { hasText: "Start an inquiry" }).click();
      await plain.getByLabel("Inquiry question", { exact: true }).fill("Why?");
      await plain.getByRole("button", { name: "Add inquiry question" }).click();
      await plain.getByRole("alert").getByText("The question should be at least 10 characters").waitFor();
      expect(await plain.getByLabel("Inquiry question", { exact: true }).isVisible()).toBe(true);

      await plain.goto("/w/demo/sets");
      await plain.locator("summary", { hasText: "Create a set" }).click();
      await plain.getByLabel("Name", { exact: true }).fill("X");
      await plain.getByRole("button", { name: "Create learning set" }).click();
      await plain.getByRole("alert").getByText("The name should be at least 2 characters").waitFor();
      expect(await plain.getByLabel("Name", { exact: true }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
