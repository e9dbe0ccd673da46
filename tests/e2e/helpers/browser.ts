import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { AxeResults } from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Headless system Chromium (see the team brief: /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Records what should never happen while a person uses the app: browser console errors,
 * uncaught page errors and 5xx responses. Call `allow(pattern)` for a console message a step
 * provokes on purpose (Chromium logs "Failed to load resource: … 403" when a page answers 403),
 * then `expectClean()` at the end of the test.
 */
export type ProblemWatch = {
  problems: () => string[];
  allow: (pattern: RegExp) => void;
  expectClean: () => void;
};

export function watchProblems(context: BrowserContext): ProblemWatch {
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    problems.push(`console error on ${message.page()?.url() ?? "?"}: ${message.text()}${source ? ` (${source})` : ""}`);
  });
  context.on("weberror", (error) => problems.push(`uncaught error on ${error.page()?.url() ?? "?"}: ${error.error().message}`));
  context.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  const open = () => problems.filter((p) => !allowed.some((pattern) => pattern.test(p)));
  return {
    problems: open,
    allow: (pattern) => allowed.push(pattern),
    expectClean: () => expect(open(), "the browser saw errors").toEqual([]),
  };
}

export type UserContext = { context: BrowserContext; page: Page; watch: ProblemWatch };

/** A fresh browser context (its own cookies) with a watched page and nobody signed in. */
export async function newAnonymousContext(browser: Browser, baseURL: string): Promise<UserContext> {
  const context = await browser.newContext({ baseURL });
  const watch = watchProblems(context);
  const page = await context.newPage();
  return { context, page, watch };
}

/** A fresh browser context signed in through the real /login form. */
export async function newUserContext(browser: Browser, baseURL: string, email: string, password: string): Promise<UserContext> {
  const user = await newAnonymousContext(browser, baseURL);
  await signInThroughForm(user.page, email, password);
  return user;
}

export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** The WCAG 2.0/2.1/2.2 A and AA rules. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's own `axe.run` on the page's document, with the WCAG A and AA rules: one line per
 * violation and node (none: no violation). axe is injected once per document and reused at each
 * check of it. We call axe-core directly rather than through @axe-core/playwright, whose
 * frame-by-frame `runPartial` opens a blank page for every check and made each one 3 to 5 times
 * slower; the app renders no iframes, so the top document is the whole page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === "function"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((results) => results.violations),
    WCAG_TAGS,
  );
  return violations.flatMap((v) => v.nodes.map((node) => `[${v.impact ?? "?"}] ${v.id}: ${v.help} — ${node.target.join(" ")}\n    ${node.failureSummary ?? ""}`));
}

/** Fails with one readable line per violation and node. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe-core found accessibility violations on ${page.url()}`).toEqual([]);
}
