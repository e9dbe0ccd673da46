import type { Locator, Page } from "playwright-core";

/**
 * A section's link in the workspace navigation, as a person at a laptop reaches it: when the
 * section sits in a group (Evidence, Workspace), the group is opened first. The locator counts
 * only what the person can see, so a section the role may not use counts 0.
 */
export async function workspaceNavLink(page: Page, label: string): Promise<Locator> {
  const nav = page.getByRole("navigation", { name: "Workspace" });
  const link = nav.getByRole("link", { name: label, exact: true });
  if ((await link.count()) > 0) return link;
  const group = nav.locator("details:visible").filter({ has: page.getByRole("link", { name: label, exact: true, includeHidden: true }) });
  if ((await group.count()) > 0) {
    await group.first().locator("summary").first().click();
    await link.waitFor();
  }
  return link;
}
