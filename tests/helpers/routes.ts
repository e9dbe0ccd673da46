import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export const ROUTES_DIR = resolve(import.meta.dirname, "../../app/routes");

export type RouteHandler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
export type RouteModule = { loader?: RouteHandler; action?: RouteHandler };

/**
 * Every route module Remix's flat-routes convention picks up, relative to app/routes:
 * `name.tsx` files and `folder/route.tsx` folder routes (other files in a folder are not routes).
 */
export function listRouteFiles(): string[] {
  const files: string[] = [];
  for (const name of readdirSync(ROUTES_DIR).sort()) {
    if (name.startsWith(".") || /\.test\.tsx?$/.test(name)) continue;
    const full = resolve(ROUTES_DIR, name);
    if (statSync(full).isDirectory()) {
      for (const index of ["route.tsx", "route.ts"]) if (existsSync(resolve(full, index))) files.push(`${name}/${index}`);
    } else if (/\.(tsx?|jsx?)$/.test(name)) {
      files.push(name);
    }
  }
  return files;
}

export function routeFileExists(file: string): boolean {
  return existsSync(resolve(ROUTES_DIR, file));
}

export function readRouteSource(file: string): string {
  return readFileSync(resolve(ROUTES_DIR, file), "utf8");
}

export async function importRoute(file: string): Promise<RouteModule> {
  return (await import(pathToFileURL(resolve(ROUTES_DIR, file)).href)) as RouteModule;
}

export type LoadedRoute = { file: string; module: RouteModule | null; error: string | null };

/**
 * Every route module, imported; a module that fails to import is reported (so a test can fail
 * for that route by name) instead of crashing the whole suite.
 */
export async function importAllRoutes(): Promise<LoadedRoute[]> {
  return Promise.all(
    listRouteFiles().map(async (file) => {
      try {
        return { file, module: await importRoute(file), error: null };
      } catch (error) {
        return { file, module: null, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/**
 * The URL path a route file answers, with params filled in: "w.$ws.members.tsx" with
 * { ws: "demo" } → "/w/demo/members". Follows Remix v2 flat routes: `.` separates segments,
 * `_index` is the index, `_name` segments are pathless layouts, a trailing `_` only opts out of
 * nesting, `[x]` escapes, `$name` is a param and a lone `$` the splat (params["*"]).
 */
export function routePath(file: string, params: Record<string, string> = {}): string {
  const base = file.replace(/\/route\.(tsx?|jsx?)$/, "").replace(/\.(tsx?|jsx?)$/, "");
  const segments: string[] = [];
  for (const raw of base.split(/\.(?![^[]*\])/)) {
    if (raw === "_index" || (raw.startsWith("_") && !raw.startsWith("_["))) continue;
    const segment = raw.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1");
    if (segment === "$") segments.push(params["*"] ?? "");
    else if (segment.startsWith("$")) segments.push(encodeURIComponent(params[segment.slice(1)] ?? segment));
    else if (segment.startsWith("(") && segment.endsWith(")")) continue;
    else segments.push(segment);
  }
  return `/${segments.join("/")}`;
}
