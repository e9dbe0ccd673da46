import { createClient } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Role } from "../../db/schema/core";
import { startApp, type RunningApp } from "./helpers/app";
import { axeViolations, launchBrowser, newUserContext, type UserContext } from "./helpers/browser";
import { workspaceNavLink } from "./helpers/nav";
import { WALK_PAGES, WALK_ROLES, type DemoIds } from "./walk-pages";

/*
 * A newcomer's walk (issue 8): every page of the demo as each role, at a desktop width and a phone
 * width, in one browser with one signed-in context per role. On every page: axe-core finds no
 * WCAG 2.2 AA violation (the same tags as helpers/browser.ts, listed per page so one run shows
 * everything) and nothing scrolls sideways. Then a presentation is started in the
 * runner, and its first screen must show the presenter's timer at both widths.
 */
const PASSWORD = "praxis-demo-2015";
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let browser: Browser;
let app: RunningApp;
let ids: DemoIds;
const contexts = new Map<Role, UserContext>();

async function demoIds(databaseFile: string): Promise<DemoIds> {
  const client = createClient({ url: `file:${databaseFile}` });
  try {
    const one = async (sql: string) => String((await client.execute(sql)).rows[0]?.[0] ?? "");
    return {
      inquiryId: await one("select id from inquiries order by position limit 1"),
      setId: await one("select id from learning_sets limit 1"),
      heldMeetingId: await one("select id from meetings where title = 'Meeting 2'"),
      upcomingMeetingId: await one("select id from meetings where title = 'Meeting 3'"),
      workspaceLogId: await one("select id from logs where title = 'One family, 23 agencies'"),
      insightId: await one("select id from insights order by created_at limit 1"),
      caseId: await one("select id from cases order by reference limit 1"),
      indicatorId: await one("select id from indicators order by name limit 1"),
    };
  } finally {
    client.close();
  }
}

async function contextFor(role: Role): Promise<UserContext> {
  const existing = contexts.get(role);
  if (existing) return existing;
  const user = await newUserContext(browser, app.url, WALK_ROLES[role], PASSWORD);
  contexts.set(role, user);
  return user;
}

/** What is wrong with the page as it is now, as readable lines (none: all is well). */
async function problemsOn(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) problems.push(`${label}: scrolls sideways (${scrollWidth} px content in ${innerWidth} px)`);
  for (const line of await axeViolations(page)) problems.push(`${label}: ${line}`);
  return problems;
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({ seed: "demo" })]);
  ids = await demoIds(app.databaseFile);
}, 120_000);

afterAll(async () => {
  for (const user of contexts.values()) await user.context.close();
  await browser?.close();
  await app?.stop();
});

describe("a newcomer's walk through the demo", () => {
  it("the accessibility check can fail: an unlabelled field and low-contrast text added to a page are both reported", async () => {
    const { page } = await contextFor("member");
    await page.goto("/w/demo");
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const main = document.querySelector("main");
      main?.insertAdjacentHTML("beforeend", '<input type="text" id="walk-probe"><p style="color:#ccc;background:#fff">faint words</p>');
    });
    const found = (await axeViolations(page)).map((line) => line.split(":")[0]);
    expect(found).toEqual(expect.arrayContaining(["[critical] label", "[serious] color-contrast"]));
  });

  for (const role of Object.keys(WALK_ROLES) as Role[]) {
    it(`every page the ${role} may open has no accessibility violation and no sideways scroll at 1280 and 390 px`, async () => {
      const { page, watch } = await contextFor(role);
      const problems: string[] = [];
      for (const entry of WALK_PAGES.filter((p) => p.roles.includes(role))) {
        const path = entry.path(ids);
        const response = await page.goto(path);
        if (response?.status() !== 200) {
          problems.push(`${entry.name} (${path}) answered ${response?.status()}`);
          continue;
        }
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          const label = `${entry.name} (${path}) at ${size.width} px`;
          problems.push(...(await problemsOn(page, label)));
          if (entry.check) await entry.check(page).catch((error: Error) => problems.push(`${label}: ${error.message}`));
        }
        await page.setViewportSize(WIDTHS[0]);
      }
      expect(problems).toEqual([]);
      watch.expectClean();
    }, 600_000);
  }

  it("at 1280 px the owner's eighteen sections fit one row: evidence and administration are groups opened by keyboard, closed by Escape", async () => {
    const { page } = await contextFor("owner");
    await page.setViewportSize(WIDTHS[0]);
    await page.goto("/w/demo/spend");
    const nav = page.getByRole("navigation", { name: "Workspace" });
    expect((await nav.boundingBox())?.height ?? 999).toBeLessThan(60);
    const evidence = nav.locator("summary:visible", { hasText: "Evidence" });
    expect(await evidence.textContent()).toContain("the current page is in this group");
    expect(await nav.getByRole("link", { name: "Indicators", exact: true }).count()).toBe(0);
    await evidence.focus();
    await page.keyboard.press("Enter");
    const indicators = nav.getByRole("link", { name: "Indicators", exact: true });
    await indicators.waitFor();
    expect(await nav.getByRole("link", { name: "Spend", exact: true }).getAttribute("aria-current")).toBe("page");
    await page.keyboard.press("Escape");
    await indicators.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Evidence");
    const settings = await workspaceNavLink(page, "Settings");
    await settings.click();
    await page.getByRole("heading", { level: 1, name: "Workspace settings" }).waitFor();
    expect(await nav.getByRole("link", { name: "Settings", exact: true }).count()).toBe(0);
  });

  it("on a phone the workspace navigation is one Menu button, and it opens to every section", async () => {
    const { page } = await contextFor("member");
    await page.setViewportSize(WIDTHS[1]);
    await page.goto("/w/demo");
    const nav = page.getByRole("navigation", { name: "Workspace" });
    expect((await nav.boundingBox())?.height ?? 999).toBeLessThan(60);
    expect(await nav.getByRole("link", { name: "Logs" }).isVisible()).toBe(false);
    await nav.getByText("Menu").click();
    await nav.getByRole("link", { name: "Logs" }).click();
    await page.getByRole("heading", { level: 1, name: "Learning logs" }).waitFor();
    await page.setViewportSize(WIDTHS[0]);
  });

  it("during a presentation the first screen of the runner shows the presenter and the timer, at 1280 and 390 px", async () => {
    const facilitator = await contextFor("facilitator");
    const member = await contextFor("member");
    const runner = `/w/demo/sets/${ids.setId}/meetings/${ids.upcomingMeetingId}/run`;
    const { page } = facilitator;
    await page.goto(runner);
    const press = async (name: string) => {
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name, exact: true }).click()]);
    };
    await press("Start the opening round");
    await press("Move to bidding for airtime");
    await page.getByLabel("Presenter", { exact: true }).selectOption({ label: "Sergeant Fiona Baird" });
    await page.getByLabel("The issue to bring").fill("Repeat call-outs to one family's home");
    await press("Add bid");
    await press("Start Sergeant Fiona Baird's slot");
    await page.getByTestId("runner-phase").getByText("Sergeant Fiona Baird: Present the issue").waitFor();

    for (const who of [facilitator, member]) {
      for (const size of WIDTHS) {
        await who.page.setViewportSize(size);
        await who.page.goto(runner);
        const timer = who.page.getByRole("timer");
        await timer.waitFor();
        const box = await timer.boundingBox();
        expect(box, `the timer at ${size.width} px`).not.toBeNull();
        expect(box!.y + box!.height, `the timer's bottom edge at ${size.width} px`).toBeLessThanOrEqual(size.height);
        expect(await who.page.getByRole("heading", { name: /^Sergeant Fiona Baird: Repeat call-outs/ }).isVisible()).toBe(true);
        expect(await problemsOn(who.page, `runner at ${size.width} px`)).toEqual([]);
      }
      await who.page.setViewportSize(WIDTHS[0]);
    }
    facilitator.watch.expectClean();
    member.watch.expectClean();
  }, 180_000);
});
