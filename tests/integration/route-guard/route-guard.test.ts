import { describe, expect, it } from "vitest";

import { ROLES } from "../../../db/schema/core";
import { buildGuardWorld, listGuardTableFiles, loadGuardEntries } from "../../helpers/guard-table";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { importAllRoutes, routeFileExists, routePath, type RouteHandler } from "../../helpers/routes";
import type { GuardExpectation, GuardWorld, Outcome, RouteGuardEntry } from "./types";

/*
 * The route-guard table: every route module with a loader or action has an entry in one of the
 * files beside this one (each exports `ENTRIES`), and every loader and action is called with no
 * session, with a member of another workspace, and with each role of the workspace.
 */
const TABLE_FILES = listGuardTableFiles();
const ENTRIES = await loadGuardEntries();
const ROUTES = await importAllRoutes();
const ROUTE_FILES = ROUTES.map((r) => r.file);
const MODULES = new Map(ROUTES.flatMap((r) => (r.module ? [[r.file, r.module] as const] : [])));

type Caller = { label: string; cookie?: string };

function describeResult(status: number, location: string | null): string {
  return location ? `${status} → ${location}` : String(status);
}

/** Why a result does not match the outcome, or null when it does. */
function mismatch(outcome: Outcome, status: number, location: string | null): string | null {
  const got = describeResult(status, location);
  const toLogin = status >= 300 && status < 400 && (location ?? "").startsWith("/login");
  if (status >= 500) return `expected ${outcome}, got ${got}`;
  switch (outcome) {
    case "public":
      return null;
    case "allow":
      return status === 401 || status === 403 || status === 404 || toLogin ? `expected allow, got ${got}` : null;
    case "redirect-login":
      return toLogin ? null : `expected a redirect to /login, got ${got}`;
    default:
      return status === outcome ? null : `expected ${outcome}, got ${got}`;
  }
}

async function check(
  kind: "loader" | "action",
  fn: RouteHandler,
  expectation: GuardExpectation,
  world: GuardWorld,
  entry: RouteGuardEntry,
  params: Record<string, string>,
): Promise<string[]> {
  const path = routePath(entry.file, params);
  const callers: Array<Caller & { outcome: Outcome }> = [
    { label: "anonymous", outcome: expectation.anonymous },
    { label: "foreign", cookie: world.foreign.cookie, outcome: expectation.foreign },
    ...ROLES.map((role) => ({ label: role, cookie: world.a.users[role].cookie, outcome: expectation.roles[role] })),
  ];
  const problems: string[] = [];
  for (const caller of callers) {
    const init = caller.cookie ? { cookie: caller.cookie } : {};
    const request = kind === "loader" ? getRequest(`${path}${entry.search ?? ""}`, init) : postRequest(path, {}, init);
    try {
      const result = await callRoute(fn, request, params);
      const problem = mismatch(caller.outcome, result.status, result.headers.get("Location"));
      if (problem) problems.push(`${kind} as ${caller.label}: ${problem}`);
    } catch (error) {
      problems.push(`${kind} as ${caller.label}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return problems;
}

describe("route guards", () => {
  it("every route module imports", () => {
    expect(ROUTES.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
  });

  it("every route module with a loader or action has exactly one entry in the route-guard table", () => {
    const counts = new Map<string, number>();
    for (const entry of ENTRIES) counts.set(entry.file, (counts.get(entry.file) ?? 0) + 1);
    const missing = ROUTE_FILES.filter((file) => {
      const mod = MODULES.get(file);
      // A module that failed to import is assumed to have a loader or action.
      return (mod ? mod.loader || mod.action : true) && !counts.has(file);
    });
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([file]) => file);
    expect({ missing, duplicated }, `add an entry to a file in tests/integration/route-guard/ (tables: ${TABLE_FILES.join(", ") || "none"})`).toEqual({
      missing: [],
      duplicated: [],
    });
  });

  it("every entry names an existing route file and matches what it exports", () => {
    const problems: string[] = [];
    for (const entry of ENTRIES) {
      if (!routeFileExists(entry.file) || !ROUTE_FILES.includes(entry.file)) {
        problems.push(`${entry.source}: ${entry.file} is not a route module in app/routes`);
        continue;
      }
      const mod = MODULES.get(entry.file);
      if (!mod) continue;
      for (const kind of ["loader", "action"] as const) {
        if (mod[kind] && !entry[kind]) problems.push(`${entry.source}: ${entry.file} exports a ${kind} but its entry has no ${kind} expectation`);
        if (!mod[kind] && entry[kind]) problems.push(`${entry.source}: ${entry.file} has a ${kind} expectation but exports no ${kind}`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const entry of ENTRIES) {
    const mod = MODULES.get(entry.file);
    if (!mod) continue;
    it(`${entry.file} answers every caller as the table says`, async () => {
      const world = await buildGuardWorld();
      const params = await entry.params(world);
      const problems: string[] = [];
      if (mod.loader && entry.loader) problems.push(...(await check("loader", mod.loader, entry.loader, world, entry, params)));
      if (mod.action && entry.action) problems.push(...(await check("action", mod.action, entry.action, world, entry, params)));
      expect(problems, `${entry.file} (${entry.source})`).toEqual([]);
    });
  }
});
