import { describe, expect, it } from "vitest";

import { ROLES, type Role } from "../../../db/schema/core";
import { changedTables, fingerprintDatabase } from "../../helpers/db-fingerprint";
import { buildGuardWorld, loadGuardEntries } from "../../helpers/guard-table";
import { callRoute, postRequest } from "../../helpers/requests";
import { importAllRoutes, routePath } from "../../helpers/routes";
import type { GuardWorld, RouteGuardEntry } from "../route-guard/types";
import { discoverFieldNames, discoverIntents, hostileForms, readRouteSources, type LegitimateForms } from "./hostile-forms";

/*
 * Bad input: every action, posted hostile forms by the people who may use it, answers
 * 400/403/404/405/413/429 (or redirects without writing, like sign-out) — never 5xx, never a
 * thrown error — and changes nothing in the database.
 */

/**
 * Forms that legitimately accept what some hostile variants send (see LegitimateForms): their
 * valid input is rightly stored. Every other variant still applies to them. Each line says why.
 */
const LEGITIMATE_FORMS: Record<string, LegitimateForms> = {
  // Changing one's display name: the name is the only field and any text up to 100 characters is a name.
  "account.tsx": { "change-name": "free-text" },
  // The delete button posts only its intent (the log goes to the bin, restorable by owners).
  "w.$ws.logs.$id.tsx": { delete: "no-fields" },
  // A named version: the name is free text.
  "w.$ws.logs.$id_.history.tsx": { "save-version": "free-text" },
  // Workspace settings: a name is free text and "null" or "true" are valid web addresses; a locality name is free text.
  "w.$ws.settings.tsx": { details: "free-text", "locality-add": "free-text" },
  // Deleting an indicator (after its confirmation step): the button posts only its intent.
  "w.$ws.indicators.$id.tsx": { delete: "no-fields" },
  // Deleting a savings estimate: the button posts only its intent.
  "w.$ws.indicators.$id_.savings.$estimateId.tsx": { delete: "no-fields" },
  // Confirming an import preview: the button posts only its intent (and the council, when chosen).
  "w.$ws.indicators.import.$importId.tsx": { commit: "no-fields" },
  // A common vulnerability criterion: its label and description are free text.
  "w.$ws.criteria.tsx": { "add-common": "free-text" },
};

const ACCEPTED = new Set([400, 403, 404, 405, 413, 429]);

const ENTRIES = new Map((await loadGuardEntries()).map((entry) => [entry.file, entry]));
const ROUTES = await importAllRoutes();
const ACTION_ROUTES = ROUTES.flatMap((route) =>
  route.module && typeof route.module.action === "function" ? [{ file: route.file, action: route.module.action }] : [],
);

/** Params for a route without a route-guard entry: the workspace slug, anything else unknown. */
function guessParams(file: string, world: GuardWorld): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of file.matchAll(/\$(\w+)/g)) params[m[1]] = m[1] === "ws" ? world.a.slug : "nonexistent";
  return params;
}

/** The owner, and the most privileged role the table allows if the owner may not use the action. */
function posters(entry: RouteGuardEntry | undefined, world: GuardWorld): Array<{ label: string; cookie?: string }> {
  const people: Array<{ label: string; cookie?: string }> = [{ label: "the owner", cookie: world.a.users.owner.cookie }];
  const expectation = entry?.action;
  if (expectation?.anonymous === "public" || expectation?.anonymous === "allow") people.unshift({ label: "someone signed out" });
  const allowed = ROLES.find((role: Role) => expectation?.roles[role] === "allow");
  if (allowed && allowed !== "owner") people.push({ label: `the ${allowed}`, cookie: world.a.users[allowed].cookie });
  return people;
}

async function responseText(result: Awaited<ReturnType<typeof callRoute>>): Promise<string> {
  if (result.data !== null && result.data !== undefined) return JSON.stringify(result.data);
  return result.response ? await result.response.clone().text() : "";
}

describe("bad input", () => {
  it("finds the actions to attack, and every route module imports", () => {
    expect(ACTION_ROUTES.map((r) => r.file)).toContain("login.tsx");
    expect(ROUTES.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
  });

  // Parsing dozens of 1 MB fields per form is slow; a route with many intents takes a while.
  for (const { file, action } of ACTION_ROUTES) {
    const entry = ENTRIES.get(file);
    const note = entry ? "" : " (no route-guard entry yet: params guessed)";
    it(`${file} refuses hostile forms and changes nothing${note}`, async () => {
      const world = await buildGuardWorld();
      const params = entry ? await entry.params(world) : guessParams(file, world);
      const sources = readRouteSources(file);
      const fields = discoverFieldNames(sources);
      const intents = discoverIntents(sources);
      const problems: string[] = [];
      // Nothing else writes while the forms are posted one after another, so the database after
      // one form is the database before the next.
      let before = await fingerprintDatabase();
      for (const poster of posters(entry, world)) {
        for (const hostile of hostileForms(fields, intents, LEGITIMATE_FORMS[file] ?? {})) {
          const what = `${hostile.label}, posted by ${poster.label}`;
          try {
            const request = postRequest(routePath(file, params), hostile.form, poster.cookie ? { cookie: poster.cookie } : {});
            const result = await callRoute(action, request, params);
            const isRedirect = result.status >= 300 && result.status < 400;
            if (!ACCEPTED.has(result.status) && !isRedirect) problems.push(`${what}: answered ${result.status}`);
            if (result.status === 400 && (await responseText(result)).length === 0) problems.push(`${what}: 400 without a message`);
          } catch (error) {
            problems.push(`${what}: threw ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
          }
          const after = await fingerprintDatabase();
          const changed = changedTables(before, after);
          if (changed.length > 0) problems.push(`${what}: changed ${changed.join(", ")}`);
          before = after;
        }
      }
      expect(problems, `${file}: fields tried ${fields.join(", ")}; intents tried ${intents.join(", ") || "none"}`).toEqual([]);
    }, 300_000);
  }
});
