import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startApp, type RunningApp } from "./helpers/app";
import { expectNoAxeViolations, launchBrowser, newUserContext } from "./helpers/browser";

let app: RunningApp; let browser: Browser;
beforeAll(async () => { app = await startApp({ seed: "demo" }); browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); await app?.stop(); });
it("works", async () => {
  const u = await newUserContext(browser, app.url, "owner@demo.test", "praxis-demo-2015");
  expect(new URL(u.page.url()).pathname).toBe("/w");
  await expectNoAxeViolations(u.page);
  u.watch.expectClean();
});
