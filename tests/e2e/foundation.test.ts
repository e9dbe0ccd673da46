import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newAnonymousContext, newUserContext, type UserContext } from "./helpers/browser";
import { workspaceNavLink } from "./helpers/nav";

/*
 * The foundation, end to end in Chromium against the production build: accounts, workspaces,
 * invitations and the role guard, with axe-core run on every page visited.
 */
const PASSWORD = "a long enough passphrase 2026";

let browser: Browser;
const opened: UserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const user of opened) await user.context.close();
  await browser?.close();
});

async function track(user: Promise<UserContext>): Promise<UserContext> {
  const ready = await user;
  opened.push(ready);
  return ready;
}

/** Clicks and waits for the navigation it starts to land on a path matching `path`. */
async function clickAndWait(page: Page, path: RegExp, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForURL((url) => path.test(url.pathname)), click()]);
}

async function fillSignup(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
}

describe("a new partnership in the browser", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ seed: "empty" });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("someone signs up, creates a workspace and invites a facilitator, who joins from a second browser and sees the workspace", async () => {
    // The owner-to-be: sign-in page, then sign up.
    const owner = await track(newAnonymousContext(browser, app.url));
    await owner.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    const { page } = owner;
    await page.goto("/login");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await expectNoAxeViolations(page);

    await clickAndWait(page, /^\/signup$/, () => page.getByRole("main").getByRole("link", { name: "Create an account" }).click());
    await expectNoAxeViolations(page);
    await fillSignup(page, "Morven Hay", "morven.hay@example.test");
    await clickAndWait(page, /^\/w$/, () => page.getByRole("button", { name: "Create account" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My workspaces");
    await expectNoAxeViolations(page);

    // A workspace of their own.
    await clickAndWait(page, /^\/w\/new$/, () => page.getByRole("link", { name: "Create a workspace" }).click());
    await expectNoAxeViolations(page);
    await page.getByLabel("Name").fill("Tranent Family Support Pilot");
    await page.getByLabel("Web address").fill("tranent-pilot");
    await page.getByLabel("Description (optional)").fill("Which families reach crisis before anyone joins up?");
    await clickAndWait(page, /^\/w\/tranent-pilot$/, () => page.getByRole("button", { name: "Create workspace" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tranent Family Support Pilot");
    await expectNoAxeViolations(page);

    // The owner's administration pages.
    for (const [label, path, heading] of [
      ["Agencies", "/w/tranent-pilot/agencies", /Partner agencies/],
      ["Audit log", "/w/tranent-pilot/audit", /Audit log/],
      ["Members", "/w/tranent-pilot/members", /^Members$/],
    ] as const) {
      await clickAndWait(page, new RegExp(`^${path}$`), async () => (await workspaceNavLink(page, label)).click());
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(heading);
      await expectNoAxeViolations(page);
    }

    // Invite a facilitator: the link is shown once, to copy.
    await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("facilitator");
    await page.getByLabel("Note (optional)").fill("For Alasdair, who runs the first set");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const linkField = page.getByLabel("Invitation link", { exact: true });
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/invite/[A-Za-z0-9_-]+$`));
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Link copied" }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expectNoAxeViolations(page);

    // The facilitator, in a browser of their own, opens the link and signs up from it.
    const facilitator = await track(newAnonymousContext(browser, app.url));
    const invited = facilitator.page;
    await invited.goto(link);
    await expect.poll(() => invited.getByRole("heading", { level: 1 }).textContent()).toBe("Join Tranent Family Support Pilot");
    expect(await invited.getByRole("main").textContent()).toContain("Facilitator");
    await expectNoAxeViolations(invited);
    await clickAndWait(invited, /^\/signup$/, () => invited.getByRole("main").getByRole("link", { name: "Create an account" }).click());
    await fillSignup(invited, "Alasdair Reid", "alasdair.reid@example.test");
    await clickAndWait(invited, /^\/invite\//, () => invited.getByRole("button", { name: "Create account" }).click());
    await clickAndWait(invited, /^\/w\/tranent-pilot$/, () => invited.getByRole("button", { name: "Join workspace" }).click());
    await expect.poll(() => invited.getByRole("heading", { level: 1 }).textContent()).toBe("Tranent Family Support Pilot");
    expect(await invited.getByText("Your role: Facilitator").count()).toBe(1);
    await expectNoAxeViolations(invited);

    // Facilitators see members but not the audit log; the workspace is listed as theirs.
    expect(await (await workspaceNavLink(invited, "Members")).count()).toBe(1);
    expect(await (await workspaceNavLink(invited, "Audit log")).count()).toBe(0);
    await invited.goto("/w");
    expect(await invited.getByRole("link", { name: "Tranent Family Support Pilot" }).count()).toBe(1);

    // The link worked once: opening it again says so.
    await invited.goto(link);
    await expect.poll(() => invited.getByRole("heading", { level: 1 }).textContent()).toMatch(/already been used|already a member/);
    facilitator.watch.allow(/status of 410/);

    // The owner now sees the facilitator among the members.
    await page.goto("/w/tranent-pilot/members");
    const row = page.getByRole("row").filter({ hasText: "Alasdair Reid" });
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("Facilitator");

    owner.watch.expectClean();
    facilitator.watch.expectClean();
  });
});

describe("the demo workspace in the browser", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ seed: "demo" });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("an evaluator has no way into member management: no link, and the address answers 403", async () => {
    const evaluator = await track(newUserContext(browser, app.url, "evaluator@demo.test", "praxis-demo-2015"));
    const { page } = evaluator;
    await page.goto("/w/demo");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Musselburgh Total Place (demo)");
    expect(await (await workspaceNavLink(page, "Members")).count()).toBe(0);
    expect(await (await workspaceNavLink(page, "Audit log")).count()).toBe(0);
    expect(await (await workspaceNavLink(page, "Agencies")).count()).toBe(1);
    await expectNoAxeViolations(page);

    const response = await page.goto("/w/demo/members");
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Not allowed");
    expect(await page.getByText("Alasdair Reid").count()).toBe(0);
    await expectNoAxeViolations(page);
    evaluator.watch.allow(/status of 403/);
    evaluator.watch.expectClean();
  });

  it("the demo owner signs in through the form and manages members", async () => {
    const owner = await track(newUserContext(browser, app.url, "owner@demo.test", "praxis-demo-2015"));
    const { page } = owner;
    await page.goto("/w/demo/members");
    expect(await page.getByRole("button", { name: "Create invitation link" }).count()).toBe(1);
    expect(await page.getByRole("row").filter({ hasText: "Dr Euan Lindsay" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    owner.watch.expectClean();
  });
});
