import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { ROUTES_DIR } from "../../helpers/routes";

/** Field names many Praxis forms use; posted to every action besides the ones found in its source. */
export const COMMON_FIELDS = [
  "id",
  "name",
  "slug",
  "description",
  "email",
  "password",
  "confirmPassword",
  "displayName",
  "role",
  "userId",
  "memberId",
  "membershipId",
  "agencyId",
  "token",
  "title",
  "text",
  "body",
  "kind",
  "status",
  "visibility",
  "note",
  "date",
  "redirectTo",
];

const LOCAL_IMPORT = /from\s+["'](\.{1,2}\/[^"']+)["']/g;

/** The route file's source and the sources of the app modules it imports (its schemas among them). */
export function readRouteSources(file: string): string[] {
  const path = resolve(ROUTES_DIR, file);
  const source = readFileSync(path, "utf8");
  const sources = [source];
  for (const match of source.matchAll(LOCAL_IMPORT)) {
    const base = resolve(dirname(path), match[1]);
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
      if (existsSync(candidate) && !candidate.endsWith("/")) {
        try {
          sources.push(readFileSync(candidate, "utf8"));
          break;
        } catch {
          // a directory: try the next candidate
        }
      }
    }
  }
  return sources;
}

/** Field names used by the route's forms and schemas: `name="x"`, `fields.x`, `x: z.`. */
export function discoverFieldNames(sources: string[]): string[] {
  const names = new Set(COMMON_FIELDS);
  for (const source of sources) {
    for (const m of source.matchAll(/\bname=["']([A-Za-z_][\w.[\]-]*)["']/g)) names.add(m[1]);
    for (const m of source.matchAll(/\bfields\.([A-Za-z_]\w*)/g)) names.add(m[1]);
    for (const m of source.matchAll(/\b([A-Za-z_]\w*)\s*:\s*z\s*\./g)) names.add(m[1]);
  }
  names.delete("intent");
  return [...names].sort();
}

/** Intent values: `z.literal("x")`, `name="intent" value="x"`, `intent === "x"`, `case "x":`. */
export function discoverIntents(sources: string[]): string[] {
  const intents = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/z\s*\.\s*literal\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) intents.add(m[1]);
    for (const m of source.matchAll(/name=["']intent["']\s+value=["'{`]+([^"'`}]+)["'`}]+/g)) intents.add(m[1]);
    for (const m of source.matchAll(/value=["'{`]+([^"'`}]+)["'`}]+\s+name=["']intent["']/g)) intents.add(m[1]);
    for (const m of source.matchAll(/intent\s*===?\s*["'`]([^"'`]+)["'`]/g)) intents.add(m[1]);
    for (const m of source.matchAll(/case\s+["'`]([^"'`]+)["'`]\s*:/g)) intents.add(m[1]);
  }
  return [...intents].sort();
}

const ODD = ["<script>alert(1)</script>", "'; DROP TABLE users; --", "\u0000", "é", "🙂", "\u202e", "../../etc/passwd", "%00", " "];

function randomText(seed: number): string {
  const words = Array.from({ length: 1 + (seed % 5) }, (_, i) => ODD[(seed + i * 7) % ODD.length]);
  return `${Math.random().toString(36).slice(2)} ${words.join(" ")}`;
}

const WRONG_TYPES = ["-1", "1e309", "NaN", "true", "null", "[]", "{}", "0", "9007199254740993", "2026-13-45"];

export const HUGE = "x".repeat(1024 * 1024);

export type HostileForm = { label: string; form: FormData; intent: string | null };

/**
 * A form the hostile variants can fill with valid input, by intent ("" = the form without one):
 * - "free-text": every field is free text, so random text and wrong types are valid input;
 * - "no-fields": the intent alone is the whole form (a delete button), so no variant of the
 *   other fields can make it invalid.
 */
export type LegitimateForms = Record<string, "free-text" | "no-fields">;

/**
 * The hostile forms for one route: for no intent, each intent found and an unknown one — the
 * intent alone (every other field missing), every field random text, every field 1 MB, every field
 * a wrong type, every field sent twice, every field a file. Variants that would be valid input for
 * a form in `legitimate` are left out for that form.
 */
export function hostileForms(fields: string[], intents: string[], legitimate: LegitimateForms = {}): HostileForm[] {
  const forms: HostileForm[] = [];
  const withIntent = (intent: string | string[] | null, fill: (form: FormData, field: string, i: number) => void) => {
    const form = new FormData();
    if (Array.isArray(intent)) for (const value of intent) form.append("intent", value);
    else if (intent !== null) form.append("intent", intent);
    fields.forEach((field, i) => fill(form, field, i));
    return form;
  };
  forms.push({ label: "an empty form", form: new FormData(), intent: null });
  for (const intent of [null, ...intents]) {
    const name = intent === null ? "no intent" : `intent "${intent}"`;
    const kind = legitimate[intent ?? ""];
    if (kind === "no-fields") continue;
    const freeText = kind === "free-text";
    if (intent !== null) forms.push({ label: `${name} and no other field`, form: withIntent(intent, () => {}), intent });
    if (!freeText) {
      forms.push({ label: `${name}, every field random text`, form: withIntent(intent, (f, k, i) => f.append(k, randomText(i))), intent });
      forms.push({ label: `${name}, every field a wrong type`, form: withIntent(intent, (f, k, i) => f.append(k, WRONG_TYPES[i % WRONG_TYPES.length])), intent });
    }
    forms.push({ label: `${name}, every field 1 MB`, form: withIntent(intent, (f, k) => f.append(k, HUGE)), intent });
    forms.push({
      label: `${name}, every field sent twice`,
      form: withIntent(intent, (f, k, i) => {
        f.append(k, randomText(i));
        f.append(k, WRONG_TYPES[i % WRONG_TYPES.length]);
      }),
      intent,
    });
    forms.push({
      label: `${name}, every field a file`,
      form: withIntent(intent, (f, k) => f.append(k, new Blob([HUGE.slice(0, 1024)], { type: "application/octet-stream" }), "upload.bin")),
      intent,
    });
  }
  forms.push({ label: "an unknown intent, every field random text", form: withIntent("praxis-no-such-intent", (f, k, i) => f.append(k, randomText(i))), intent: "praxis-no-such-intent" });
  forms.push({ label: "two intents at once", form: withIntent(intents.length >= 2 ? intents.slice(0, 2) : ["a", "b"], (f, k, i) => f.append(k, randomText(i))), intent: null });
  return forms;
}
