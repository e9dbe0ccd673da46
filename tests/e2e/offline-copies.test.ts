import { createClient } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";

/*
 * Offline copies (y-indexeddb) in Chromium against the production build and the demo seed: they
 * are deleted from the browser on sign-out, when the session is ended from another device (by the
 * socket while a log is open, and by the next page otherwise) and when the person loses the right
 * to write a log (made private while open; a role change or removal seen on the next page).
 * IndexedDB is read from the page itself with indexedDB.databases().
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

/** The names of this browser's Praxis IndexedDB databases, read in the page. */
async function copiesIn(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).flatMap((d) => (d.name?.startsWith("praxis") ? [d.name] : [])).sort());
}

function editorOf(page: Page) {
  return page.getByRole("textbox", { name: /^Text of/ });
}

async function sql(statement: string, args: string[] = []): Promise<void> {
  const client = createClient({ url: `file:${app.databaseFile}` });
  try {
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute({ sql: statement, args });
  } finally {
    client.close();
  }
}

/** Creates a workspace-wide log, types in it and waits until its offline copy exists; returns its id. */
async function logWithCopy(page: Page, title: string): Promise<string> {
  await page.goto("/w/demo/logs/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/^Workspace — /).check();
  await page.getByLabel("Template").selectOption({ label: "Blank page" });
  await Promise.all([
    page.waitForURL((url) => /^\/w\/demo\/logs\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/new")),
    page.getByRole("button", { name: "Create log" }).click(),
  ]);
  const id = new URL(page.url()).pathname.split("/").at(-1) as string;
  await editorOf(page).click();
  await page.keyboard.type(`Words kept offline for ${title}.`);
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
  await expect.poll(async () => (await copiesIn(page)).some((name) => name.endsWith(`:log:${id}`)), { timeout: 10_000 }).toBe(true);
  return id;
}

/** Opens an existing log as a writer and waits until this browser holds its copy. */
async function openWithCopy(page: Page, id: string): Promise<void> {
  await page.goto(`/w/demo/logs/${id}`);
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
  await expect.poll(async () => (await copiesIn(page)).some((name) => name.endsWith(`:log:${id}`)), { timeout: 10_000 }).toBe(true);
}

async function userIdOf(email: string): Promise<string> {
  const client = createClient({ url: `file:${app.databaseFile}` });
  try {
    const result = await client.execute({ sql: "select id from users where email = ?", args: [email] });
    return String(result.rows[0].id);
  } finally {
    client.close();
  }
}

/** Ends every other session of the person signed in on `page`, from /account. */
async function endOtherSessions(page: Page): Promise<void> {
  await page.goto("/account");
  await page.waitForLoadState("networkidle");
  const buttons = page.getByRole("button", { name: /^End session/ });
  for (let left = await buttons.count(); left > 0; left = await buttons.count()) {
    await buttons.first().click();
    await expect.poll(() => buttons.count(), { timeout: 10_000 }).toBeLessThan(left);
  }
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

describe("offline copies never outlive the session or the permission", () => {
  it("signing out deletes this browser's offline copies, and the sign-in page says so", async () => {
    const member = await signIn("member@demo.test");
    const id = await logWithCopy(member.page, "Train notes");
    expect(await copiesIn(member.page)).toEqual([`praxis-offline:${await userIdOf("member@demo.test")}:log:${id}`]);

    await Promise.all([member.page.waitForURL((url) => url.pathname === "/login"), member.page.getByRole("button", { name: "Sign out" }).click()]);
    await expect
      .poll(() => member.page.getByText("You have signed out. The copies of logs and meeting notes this browser kept for offline editing have been deleted from it.").isVisible())
      .toBe(true);
    await expect.poll(() => copiesIn(member.page), { timeout: 10_000 }).toEqual([]);
    await expectNoAxeViolations(member.page);
    member.watch.expectClean();
  });

  it("a session ended from another device loses its copies at once while the log is open (the socket says so)", async () => {
    const here = await signIn("facilitator@demo.test");
    await logWithCopy(here.page, "Left open on the shared PC");
    const elsewhere = await signIn("facilitator@demo.test");
    await endOtherSessions(elsewhere.page);
    await expect.poll(() => copiesIn(here.page), { timeout: 10_000 }).toEqual([]);
    // The server refuses the reconnecting socket now that its session is gone.
    here.watch.allow(/WebSocket connection to .* failed/);
    here.watch.expectClean();
  });

  it("a session ended from another device loses its copies on the next page it shows", async () => {
    const here = await signIn("analyst@demo.test");
    await logWithCopy(here.page, "Evidence reflections");
    await here.page.goto("/w/demo");
    expect((await copiesIn(here.page)).length).toBe(1);
    const elsewhere = await signIn("analyst@demo.test");
    await endOtherSessions(elsewhere.page);

    await Promise.all([here.page.waitForURL((url) => url.pathname === "/login"), here.page.getByRole("link", { name: "Logs", exact: true }).first().click()]);
    await expect.poll(() => copiesIn(here.page), { timeout: 10_000 }).toEqual([]);
  });

  it("a log made private while it is open deletes only that log's copy", async () => {
    const author = await signIn("owner@demo.test");
    const privatised = await logWithCopy(author.page, "Soon to be private");
    const member = await signIn("member@demo.test");
    const kept = await logWithCopy(member.page, "Still shared");
    await openWithCopy(member.page, privatised);
    const memberId = await userIdOf("member@demo.test");
    expect(await copiesIn(member.page)).toEqual([`praxis-offline:${memberId}:log:${kept}`, `praxis-offline:${memberId}:log:${privatised}`].sort());

    await sql("update logs set visibility = 'private' where id = ?", [privatised]);
    await expect.poll(() => copiesIn(member.page), { timeout: 10_000 }).toEqual([`praxis-offline:${memberId}:log:${kept}`]);
    await expect.poll(() => member.page.getByRole("alert").filter({ hasText: "can no longer be opened live" }).isVisible()).toBe(true);
    await expectNoAxeViolations(member.page);
  });

  it("a role changed to evaluator, then a removal, delete the person's copies on the next page", async () => {
    const member = await signIn("member@demo.test");
    await logWithCopy(member.page, "Before the role change");
    await member.page.goto("/w/demo");
    const memberId = await userIdOf("member@demo.test");
    const before = await copiesIn(member.page);
    expect(before.length).toBeGreaterThan(0);

    await sql("update memberships set role = 'evaluator' where user_id = ?", [memberId]);
    await member.page.getByRole("link", { name: "Logs", exact: true }).first().click();
    await member.page.waitForURL((url) => url.pathname === "/w/demo/logs");
    await expect.poll(() => copiesIn(member.page), { timeout: 10_000 }).toEqual([]);

    await sql("update memberships set role = 'member' where user_id = ?", [memberId]);
    await logWithCopy(member.page, "After the role came back");
    await member.page.goto("/w/demo");
    await sql("delete from memberships where user_id = ? and workspace_id = (select id from workspaces where slug = 'demo')", [memberId]);
    await member.page.goto("/w");
    await expect.poll(() => copiesIn(member.page), { timeout: 10_000 }).toEqual([]);
    await expectNoAxeViolations(member.page);
  });
});
