import type { OfflineCopiesCheck } from "../../models/documents/offline-copies.schema";

/*
 * Offline copies: the Yjs documents y-indexeddb keeps in this browser so edits survive a reload
 * or a lost connection. Each is named for the person and the document, so the browser can tell
 * whose copies it holds and delete them when that person signs out, their session ends or they
 * lose the right to write the document (ADR 007). Browser-only; every function is a no-op where
 * IndexedDB is missing.
 */

const PREFIX = "praxis-offline:";
/** Copies made before they were named per person (`praxis:<document>`): nobody's, always deleted. */
const LEGACY_PREFIX = "praxis:";

export type OfflineCopy = { database: string; userId: string | null; documentName: string };

export function offlineCopyName(userId: string, documentName: string): string {
  return `${PREFIX}${userId}:${documentName}`;
}

export function parseOfflineCopyName(database: string): OfflineCopy | null {
  if (database.startsWith(PREFIX)) {
    const rest = database.slice(PREFIX.length);
    const separator = rest.indexOf(":");
    if (separator <= 0) return { database, userId: null, documentName: rest };
    return { database, userId: rest.slice(0, separator), documentName: rest.slice(separator + 1) };
  }
  if (database.startsWith(LEGACY_PREFIX)) return { database, userId: null, documentName: database.slice(LEGACY_PREFIX.length) };
  return null;
}

function hasIndexedDb(): boolean {
  return typeof indexedDB !== "undefined" && typeof indexedDB.databases === "function";
}

export async function listOfflineCopies(): Promise<OfflineCopy[]> {
  if (!hasIndexedDb()) return [];
  const databases = await indexedDB.databases();
  return databases.flatMap((d) => (d.name ? [parseOfflineCopyName(d.name)].filter((c): c is OfflineCopy => c !== null) : []));
}

/**
 * Deletes one copy. If a tab still has it open the deletion waits ("blocked") until that tab
 * closes it; the promise settles at once either way, and the browser finishes the deletion.
 */
export function deleteOfflineCopy(database: string): Promise<void> {
  if (!hasIndexedDb()) return Promise.resolve();
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(database);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/** Deletes every copy in this browser except those of `keepUserId` (null: all of them). */
export async function deleteOfflineCopiesExcept(keepUserId: string | null): Promise<void> {
  const copies = await listOfflineCopies();
  await Promise.all(copies.filter((c) => keepUserId === null || c.userId !== keepUserId).map((c) => deleteOfflineCopy(c.database)));
}

/**
 * Brings this browser's copies in line with who is signed in and what they may still write:
 * other people's copies go at once; the server is asked which of this person's it may keep, and
 * the rest go. Signed out (a redirect to /login), all go. Offline or on a server error nothing
 * more is deleted — offline editing is what the copies are for.
 */
export async function reconcileOfflineCopies(userId: string | null): Promise<void> {
  await deleteOfflineCopiesExcept(userId);
  if (userId === null) return;
  const mine = (await listOfflineCopies()).filter((c) => c.userId === userId);
  if (mine.length === 0) return;
  let response: Response;
  try {
    response = await fetch("/offline-copies", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ documents: mine.map((c) => c.documentName) }),
      credentials: "same-origin",
      redirect: "manual",
    });
  } catch {
    return;
  }
  if (response.type === "opaqueredirect" || response.status === 401) {
    await deleteOfflineCopiesExcept(null);
    return;
  }
  if (!response.ok) return;
  const { keep } = (await response.json()) as OfflineCopiesCheck;
  const kept = new Set(keep);
  await Promise.all(mine.filter((c) => !kept.has(c.documentName)).map((c) => deleteOfflineCopy(c.database)));
}
