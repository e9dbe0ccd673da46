import { AsyncLocalStorage } from "node:async_hooks";

/*
 * One page is several loaders (root, workspace layout, the page), and Remix gives each its own
 * Request object, so each validated the session and looked up the membership again (issue 8:
 * signed-in pages cost three times a public one). server.ts runs every GET in a request scope;
 * reads that are the same for the whole request are computed once in it. Nothing outlives the
 * request, so there is no stale cache to invalidate. Actions run without a scope (an action may
 * change what a later read in the same request must see). docs/decisions/008-newcomer-walk-and-signed-in-performance.md
 */
type Scope = Map<string, Promise<unknown>>;

declare global {
  // One store per process, shared by server.ts (source) and the Remix build (bundled copy).
  var __praxisRequestScope: AsyncLocalStorage<Scope> | undefined;
}

const storage = (globalThis.__praxisRequestScope ??= new AsyncLocalStorage<Scope>());

export function runInRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** `compute()` once per request scope for this key; outside a scope (tests, actions), every time. */
export function memoForRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return compute();
  const hit = scope.get(key);
  if (hit) return hit as Promise<T>;
  const promise = compute();
  scope.set(key, promise);
  // A failure is not remembered: the next caller tries again.
  promise.catch(() => scope.delete(key));
  return promise;
}
