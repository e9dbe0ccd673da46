import { createClient } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "../../app/utils/ids";
import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * Learning logs end to end in Chromium against the production build and the demo seed: two
 * people typing in one log, a read-only evaluator, a set log the evaluator cannot open, search
 * finding words typed a moment ago, and restoring a version. axe-core checks every logs page.
 * Someone editing another person's log is told they will become an author until, and only
 * until, the server has their first change.
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

function editorOf(page: Page) {
  return page.getByRole("textbox", { name: /^Text of/ });
}

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
}

/** Puts a set (facilitated by the facilitator, with the member in it) into the app's database. */
async function addDemoSet(databaseFile: string): Promise<void> {
  const client = createClient({ url: `file:${databaseFile}` });
  try {
    await client.execute("PRAGMA busy_timeout = 5000");
    const ws = await client.execute("select id from workspaces where slug = 'demo'");
    const people = await client.execute("select id, email from users where email in ('facilitator@demo.test', 'member@demo.test')");
    const idOf = (email: string) => String(people.rows.find((r) => r.email === email)?.id);
    const setId = newId();
    await client.execute({
      sql: "insert into learning_sets (id, workspace_id, name, facilitator_id) values (?, ?, ?, ?)",
      args: [setId, String(ws.rows[0].id), "Musselburgh board set", idOf("facilitator@demo.test")],
    });
    await client.execute({ sql: "insert into set_members (set_id, user_id) values (?, ?)", args: [setId, idOf("member@demo.test")] });
  } finally {
    client.close();
  }
}

async function createLog(page: Page, title: string, visibility: "workspace" | "set"): Promise<string> {
  await page.goto("/w/demo/logs/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(visibility === "set" ? /^Learning set — / : /^Workspace — /).check();
  if (visibility === "set") await page.getByLabel("Learning set (when shared with a set)").selectOption({ label: "Musselburgh board set" });
  await page.getByLabel("Template").selectOption({ label: "Blank page" });
  await Promise.all([
    page.waitForURL((url) => /^\/w\/demo\/logs\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/new")),
    page.getByRole("button", { name: "Create log" }).click(),
  ]);
  return new URL(page.url()).pathname;
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({ seed: "demo" });
  await addDemoSet(app.databaseFile);
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
  await app?.stop();
});

describe("learning logs in the browser", () => {
  let logPath: string;
  let member: UserContext;
  let facilitator: UserContext;

  it("two people type in one log and each sees the other's words and named caret", async () => {
    member = await signIn("member@demo.test");
    facilitator = await signIn("facilitator@demo.test");

    await member.page.goto("/w/demo/logs");
    await expectNoAxeViolations(member.page);
    await member.page.goto("/w/demo/logs/new");
    await expectNoAxeViolations(member.page);
    logPath = await createLog(member.page, "Live reflection after the set", "workspace");
    await editorOf(member.page).waitFor();
    await waitSaved(member.page);
    await expectNoAxeViolations(member.page);

    await facilitator.page.goto(logPath);
    await editorOf(facilitator.page).waitFor();
    await waitSaved(facilitator.page);

    await editorOf(member.page).click();
    await member.page.keyboard.type("Kestrel families need one lead professional. ");
    await expect.poll(() => editorOf(facilitator.page).textContent(), { timeout: 10_000 }).toContain("Kestrel families");

    await editorOf(facilitator.page).click();
    await facilitator.page.keyboard.press("Control+End");
    await facilitator.page.keyboard.press("Enter");
    await facilitator.page.keyboard.type("Osprey agrees and will ask the board.");
    await expect.poll(() => editorOf(member.page).textContent(), { timeout: 10_000 }).toContain("Osprey agrees");

    // Each sees the other's caret, labelled with their name, and the other in "who is here now".
    await expect.poll(() => member.page.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 }).toContain("Alasdair Reid");
    await expect.poll(() => facilitator.page.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 }).toContain("Sergeant Fiona Baird");
    await expect.poll(() => member.page.getByRole("group", { name: "Who is here now" }).textContent()).toContain("Alasdair Reid");
    await waitSaved(member.page);
    await waitSaved(facilitator.page);
    member.watch.expectClean();
    facilitator.watch.expectClean();
  });

  it("the formatting toolbar is operated from the keyboard and says which styles are on", async () => {
    const { page } = member;
    await editorOf(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    // The toolbar is one tab stop before the text; arrow keys move along it.
    await page.keyboard.press("Shift+Tab");
    const bold = page.getByRole("button", { name: "Bold" });
    for (let i = 0; i < 5 && !(await bold.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowRight");
    expect(await bold.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await bold.getAttribute("aria-pressed")).toBe("false");
    await page.keyboard.press("Enter");
    // Tiptap hands focus back to the text on the next animation frame; a person types after that.
    await expect.poll(() => editorOf(page).evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.type("Agreed at the board");
    expect(await bold.getAttribute("aria-pressed")).toBe("true");
    expect(await editorOf(page).locator("strong").last().textContent()).toBe("Agreed at the board");
    await waitSaved(page);
  });

  it("search finds a word typed a moment ago", async () => {
    await member.page.goto("/w/demo/search?q=Osprey");
    await expect
      .poll(
        async () => {
          await member.page.goto("/w/demo/search?q=Osprey");
          return member.page.getByRole("link", { name: "Live reflection after the set" }).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    expect(await member.page.locator("mark").first().textContent()).toBe("Osprey");
    await expectNoAxeViolations(member.page);
  });

  it("the evaluator reads the workspace log but cannot type in it, and cannot open a set log", async () => {
    const evaluator = await signIn("evaluator@demo.test");
    await evaluator.page.goto(logPath);
    await expect.poll(() => evaluator.page.getByText("You can read this log.").count()).toBe(1);
    const editor = editorOf(evaluator.page);
    await editor.waitFor();
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain("Osprey agrees");
    expect(await editor.getAttribute("contenteditable")).toBe("false");
    expect(await evaluator.page.getByRole("toolbar", { name: "Formatting" }).count()).toBe(0);
    await editor.click();
    await evaluator.page.keyboard.type("EVALUATOR TYPED THIS");
    await evaluator.page.waitForTimeout(500);
    expect(await editor.textContent()).not.toContain("EVALUATOR TYPED THIS");
    expect(await editorOf(facilitator.page).textContent()).not.toContain("EVALUATOR TYPED THIS");
    await expectNoAxeViolations(evaluator.page);

    const setLogPath = await createLog(member.page, "What stays in the set", "set");
    evaluator.watch.allow(/404/);
    const response = await evaluator.page.goto(setLogPath);
    expect(response?.status()).toBe(404);
    expect(await evaluator.page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    evaluator.watch.expectClean();
  });

  it("a named version is restored as a new edit, after the current text is saved as a version", async () => {
    const { page } = member;
    await page.goto(logPath);
    await editorOf(page).waitFor();
    await waitSaved(page);
    await page.goto(`${logPath}/history`);
    await expectNoAxeViolations(page);
    await page.getByLabel("Version name").fill("Before the experiment");
    await Promise.all([page.waitForURL(/\/history\?version=/), page.getByRole("button", { name: "Save version" }).click()]);
    await expectNoAxeViolations(page);

    await page.goto(logPath);
    await editorOf(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Temporary words to undo.");
    await waitSaved(page);
    await expect.poll(() => editorOf(facilitator.page).textContent(), { timeout: 10_000 }).toContain("Temporary words");

    await page.goto(`${logPath}/history`);
    await page.getByRole("link", { name: "Before the experiment" }).click();
    await page.getByRole("button", { name: "Restore this version" }).waitFor();
    await Promise.all([page.waitForURL((url) => url.pathname === logPath), page.getByRole("button", { name: "Restore this version" }).click()]);
    await editorOf(page).waitFor();
    await expect.poll(() => editorOf(page).textContent(), { timeout: 10_000 }).not.toContain("Temporary words");
    expect(await editorOf(page).textContent()).toContain("Osprey agrees");
    // The collaborator still in the log sees the restore arrive as a live edit.
    await expect.poll(() => editorOf(facilitator.page).textContent(), { timeout: 10_000 }).not.toContain("Temporary words");

    await page.goto(`${logPath}/history`);
    expect(await page.getByRole("link", { name: /^Before restoring “Before the experiment”/ }).count()).toBe(1);
    member.watch.expectClean();
  });

  it("without JavaScript a log shows its saved text, rendered on the server", async () => {
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email address").fill("evaluator@demo.test");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Sign in" }).click()]);
      await page.goto("/w/demo/logs");
      await Promise.all([page.waitForURL(/\/logs\/[a-z0-9]+$/), page.getByRole("link", { name: "One family, 23 agencies" }).click()]);
      const saved = page.getByRole("document", { name: /^Saved text of/ });
      expect(await saved.locator("h2").allTextContents()).toContain("Action plan");
      expect(await saved.textContent()).toContain("over 23 agencies");
      expect(await saved.locator("strong").first().textContent()).toBe("over 23 agencies");
    } finally {
      await context.close();
    }
  });

  it("an owner moves a log to the bin and restores it from there", async () => {
    const owner = await signIn("owner@demo.test");
    const { page } = owner;
    await page.goto("/w/demo/logs");
    await Promise.all([page.waitForURL(/\/logs\/[a-z0-9]+$/), page.getByRole("link", { name: "Capturing the learning at all levels" }).click()]);
    const logUrl = new URL(page.url()).pathname;
    await Promise.all([page.waitForURL((url) => url.pathname === "/w/demo/logs"), page.getByRole("button", { name: "Move to the bin" }).click()]);
    expect(await page.getByRole("link", { name: "Capturing the learning at all levels" }).count()).toBe(0);
    await page.getByRole("link", { name: "Bin" }).click();
    await page.getByRole("heading", { level: 1, name: "Bin" }).waitFor();
    await expectNoAxeViolations(page);
    await Promise.all([
      page.waitForURL((url) => url.pathname === logUrl),
      page.getByRole("button", { name: "Restore “Capturing the learning at all levels”" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Capturing the learning at all levels");
    owner.watch.expectClean();
  });

  it("edits made offline are kept on this device, said to be so, and sync when the connection is back", async () => {
    const logPathOffline = await createLog(member.page, "Written on the train", "workspace");
    await waitSaved(member.page);
    await facilitator.page.goto(logPathOffline);
    await editorOf(facilitator.page).waitFor();

    await member.context.setOffline(true);
    const status = member.page.locator("[data-save-state]");
    await expect.poll(() => status.textContent()).toBe("Offline — your changes are kept on this device and will sync");
    await editorOf(member.page).click();
    await member.page.keyboard.type("Puffin notes typed with no signal.");
    expect(await status.textContent()).toBe("Offline — your changes are kept on this device and will sync");
    expect(await editorOf(facilitator.page).textContent()).not.toContain("Puffin");

    // The tab is closed while still offline: only IndexedDB holds the words. y-indexeddb commits
    // each keystroke in its own transaction; closing the tab the same instant could abort the last.
    await member.page.waitForTimeout(1000);
    await member.page.close();
    await member.context.setOffline(false);
    member.page = await member.context.newPage();
    await member.page.goto(logPathOffline);
    await waitSaved(member.page);
    await expect.poll(() => editorOf(facilitator.page).textContent(), { timeout: 10_000 }).toContain("Puffin notes typed with no signal.");

    // Offline and back with the page left open: the socket is re-established by itself.
    await facilitator.context.setOffline(true);
    await editorOf(facilitator.page).click();
    await facilitator.page.keyboard.press("Control+End");
    await facilitator.page.keyboard.type(" Razorbill reply.");
    await facilitator.context.setOffline(false);
    await waitSaved(facilitator.page);
    await expect.poll(() => editorOf(member.page).textContent(), { timeout: 10_000 }).toContain("Razorbill reply.");
  });

  it("someone who may edit another person's log is told they will become an author until their first change is saved, and never after", async () => {
    const analyst = await signIn("analyst@demo.test");
    const client = createClient({ url: `file:${app.databaseFile}` });
    try {
      const one = async (sql: string, args: string[] = []) => String((await client.execute({ sql, args })).rows[0]?.[0] ?? "");
      const logId = await one("select id from logs where title = 'One family, 23 agencies'");
      const analystId = await one("select id from users where email = 'analyst@demo.test'");
      const analystName = await one("select display_name from users where id = ?", [analystId]);
      const isAuthor = async () => (await one("select count(*) from log_authors where log_id = ? and user_id = ?", [logId, analystId])) === "1";
      expect(await isAuthor()).toBe(false);

      const { page } = analyst;
      await page.goto(`/w/demo/logs/${logId}`);
      const notice = page.getByTestId("author-notice");
      await notice.getByText("If you change its text, you’ll be listed as an author.").waitFor();
      await editorOf(page).waitFor();
      await waitSaved(page);
      // Opening the log and letting it sync is not a change: the notice stays.
      expect(await notice.isVisible()).toBe(true);
      expect(await page.getByTestId("log-authors").textContent()).not.toContain(analystName);
      await expectNoAxeViolations(page);

      await editorOf(page).click();
      await page.keyboard.press("Control+End");
      await page.keyboard.type(" Kittiwake: the analyst adds the count of agencies.");
      await waitSaved(page);
      await expect.poll(() => notice.count()).toBe(0);
      await expect.poll(() => page.getByTestId("log-authors").textContent()).toContain(analystName);
      await page.getByText("You are now listed as an author of this log.").waitFor();
      await expectNoAxeViolations(page);

      // The server records the author when it stores the document; from then on no notice.
      await expect.poll(isAuthor, { timeout: 20_000 }).toBe(true);
      await page.reload();
      await page.getByTestId("log-authors").getByText(analystName, { exact: false }).waitFor();
      await editorOf(page).waitFor();
      expect(await page.getByTestId("author-notice").count()).toBe(0);
      analyst.watch.expectClean();
    } finally {
      client.close();
    }
  });
});
