import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import * as Y from "yjs";

import { users } from "../../../db/schema/core";
import { logs, logVersions, type LogVersionKind } from "../../../db/schema/logs";
import { deriveContent } from "../../collab/content.server";
import { documentName } from "../../collab/document-name";
import { DOCUMENT_FIELD } from "../../collab/document-schema";
import { editDocument, loadDocumentState } from "../../collab/storage.server";
import { db } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { indexLogForSearch } from "../search/search.server";
import { readableLogCondition } from "./log-access.server";
import type { LogActor } from "./log.server";

/** Who is reading: versions are filtered by the same workspace and visibility rule as the log. */
export type VersionReader = { workspaceId: string; userId: string };

/** Copies of a fragment's nodes, ready to insert into another document (Tiptap uses no hooks). */
export function copyNodes(fragment: Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  return fragment.toArray().flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()]));
}

/**
 * The join that decides whether the reader may see a version: its log must be in the reader's
 * workspace, not in the bin, and readable by them — inside the query, as every other read does.
 */
function readableVersionLog(reader: VersionReader): SQL {
  return and(
    eq(logs.id, logVersions.logId),
    eq(logs.workspaceId, reader.workspaceId),
    isNull(logs.deletedAt),
    readableLogCondition(reader.userId),
  ) as SQL;
}

export async function listLogVersions(reader: VersionReader, logId: string) {
  return db()
    .select({
      id: logVersions.id,
      kind: logVersions.kind,
      name: logVersions.name,
      createdAt: logVersions.createdAt,
      createdByName: users.displayName,
    })
    .from(logVersions)
    .innerJoin(logs, readableVersionLog(reader))
    .leftJoin(users, eq(users.id, logVersions.createdBy))
    .where(and(eq(logVersions.logId, logId), eq(logVersions.workspaceId, reader.workspaceId)))
    .orderBy(desc(logVersions.createdAt), desc(logVersions.id));
}

export async function getLogVersion(reader: VersionReader, logId: string, versionId: string) {
  const [row] = await db()
    .select({
      id: logVersions.id,
      kind: logVersions.kind,
      name: logVersions.name,
      createdAt: logVersions.createdAt,
      contentJson: logVersions.contentJson,
      contentText: logVersions.contentText,
      state: logVersions.state,
      createdByName: users.displayName,
    })
    .from(logVersions)
    .innerJoin(logs, readableVersionLog(reader))
    .leftJoin(users, eq(users.id, logVersions.createdBy))
    .where(and(eq(logVersions.logId, logId), eq(logVersions.id, versionId), eq(logVersions.workspaceId, reader.workspaceId)))
    .limit(1);
  return row ?? null;
}

/** The log's current Yjs state (stored state plus any later updates) and what derives from it. */
async function currentContent(logId: string) {
  const state = await loadDocumentState(documentName("log", logId));
  const ydoc = new Y.Doc();
  if (state) Y.applyUpdate(ydoc, state);
  const derived = deriveContent(ydoc);
  const encoded = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return { state: encoded, ...derived };
}

async function insertVersion(actor: LogActor, logId: string, kind: LogVersionKind, name: string) {
  const content = await currentContent(logId);
  const id = newId();
  await db().transaction(async (tx) => {
    await tx.insert(logVersions).values({
      id,
      logId,
      workspaceId: actor.workspaceId,
      kind,
      name,
      state: Buffer.from(content.state),
      contentJson: content.json,
      contentText: content.text,
      createdBy: actor.userId,
      createdAt: Date.now(),
    });
    await recordAudit(
      {
        kind: kind === "named" ? "log.version_saved" : "log.version_pre_restore",
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: logId,
        detail: { versionId: id, name },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
  return id;
}

/** "Save version": a named snapshot of the log as it is now. */
export async function saveNamedVersion(actor: LogActor, logId: string, name: string): Promise<string> {
  return insertVersion(actor, logId, "named", name);
}

export function versionLabel(v: { kind: LogVersionKind; name: string }): string {
  if (v.kind === "periodic") return "Automatic snapshot";
  return v.name;
}

/**
 * Restores an old version without losing anything: the current state is first saved as a
 * version ("Before restoring …"), then the old content replaces the document's content as a new,
 * forward edit through the collaboration server — so people editing at that moment see it, and
 * their undo history and every earlier update stay intact.
 */
export async function restoreLogVersion(actor: LogActor, logId: string, versionId: string): Promise<{ preRestoreVersionId: string } | null> {
  const version = await getLogVersion(actor, logId, versionId);
  if (!version) return null;
  const label = versionLabel(version) || "an earlier version";
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" }).format(version.createdAt);
  const preRestoreVersionId = await insertVersion(actor, logId, "pre-restore", `Before restoring “${label}” (${when})`);

  const old = new Y.Doc();
  Y.applyUpdate(old, new Uint8Array(version.state));
  const oldFragment = old.getXmlFragment(DOCUMENT_FIELD);
  let after: { json: unknown; text: string } | null = null;
  const [log] = await db().select({ workspaceId: logs.workspaceId, title: logs.title }).from(logs).where(eq(logs.id, logId));
  await editDocument(
    documentName("log", logId),
    log.workspaceId,
    (ydoc) => {
      const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
      ydoc.transact(() => {
        fragment.delete(0, fragment.length);
        fragment.insert(0, copyNodes(oldFragment));
      });
      after = deriveContent(ydoc);
    },
    actor.userId,
  );
  old.destroy();

  const derived = after as { json: unknown; text: string } | null;
  await db().transaction(async (tx) => {
    if (derived) {
      await tx.update(logs).set({ contentJson: derived.json, contentText: derived.text, updatedAt: Date.now() }).where(eq(logs.id, logId));
      await indexLogForSearch(tx, { id: logId, workspaceId: log.workspaceId, title: log.title, text: derived.text });
    }
    await recordAudit(
      {
        kind: "log.version_restored",
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        targetType: "log",
        targetId: logId,
        detail: { versionId, preRestoreVersionId },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
  return { preRestoreVersionId };
}
