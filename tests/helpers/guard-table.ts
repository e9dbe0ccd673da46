import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { GuardWorld, RouteGuardEntry } from "../integration/route-guard/types";
import { makeWorkspace, makeWorkspaceWithRoles } from "./factories";

export const GUARD_TABLE_DIR = resolve(import.meta.dirname, "../integration/route-guard");

/** The route-guard table files: everything in tests/integration/route-guard/ but types.ts and tests. */
export function listGuardTableFiles(): string[] {
  return readdirSync(GUARD_TABLE_DIR)
    .filter((name) => /\.tsx?$/.test(name) && name !== "types.ts" && !/\.test\.tsx?$/.test(name))
    .sort();
}

export type SourcedEntry = RouteGuardEntry & { source: string };

/** Every entry of every table file, each marked with the file it came from. */
export async function loadGuardEntries(): Promise<SourcedEntry[]> {
  const entries: SourcedEntry[] = [];
  for (const name of listGuardTableFiles()) {
    const table = (await import(pathToFileURL(resolve(GUARD_TABLE_DIR, name)).href)) as { ENTRIES?: RouteGuardEntry[] };
    if (!Array.isArray(table.ENTRIES)) throw new Error(`tests/integration/route-guard/${name} must export ENTRIES: RouteGuardEntry[]`);
    for (const entry of table.ENTRIES) entries.push({ ...entry, source: name });
  }
  return entries;
}

/** Workspace A with one signed-in member per role; workspace B, whose owner is the foreigner. */
export async function buildGuardWorld(): Promise<GuardWorld> {
  const a = await makeWorkspaceWithRoles();
  const b = await makeWorkspace(undefined, "Another partnership");
  return { a, b, foreign: b.owner };
}
