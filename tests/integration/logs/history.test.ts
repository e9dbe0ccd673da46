import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent } from "../../../app/collab/content.server";
import { editDocument, loadDocumentState } from "../../../app/collab/storage.server";
import { DOCUMENT_FIELD } from "../../../app/components/editor/extensions";
import { action as historyAction, loader as historyLoader } from "../../../app/routes/w.$ws.logs.$id_.history";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { logs, logVersions } from "../../../db/schema/logs";
import { makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { actorFor, makeLog } from "./world";

async function currentText(logId: string): Promise<string> {
  const doc = new Y.Doc();
  const state = await loadDocumentState(`log:${logId}`);
  if (state) Y.applyUpdate(doc, state);
  return deriveContent(doc).text;
}

/** Appends a paragraph the way a person typing would: a forward edit of the shared document. */
async function type(logId: string, workspaceId: string, userId: string, text: string) {
  await editDocument(
    `log:${logId}`,
    workspaceId,
    (doc) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      fragment.insert(fragment.length, [paragraph]);
    },
    userId,
  );
}

describe("history: named versions and restore", () => {
  it("an author saves a named version, and restoring it first keeps the current text as a version, then brings the old text back as a new edit", async () => {
    const ws = await makeWorkspaceWithRoles();
    const member = ws.users.member;
    const log = await makeLog(actorFor(member, "member", ws.id), { title: "Six journeys", template: "what-so-what-now-what" });
    await type(log.id, ws.id, member.id, "Family C had contact with 23 agencies.");
    const saved = await callRoute(
      historyAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "save-version", name: "Before the set meeting" }, { cookie: member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(saved.status).toBe(302);
    const [named] = await db().select().from(logVersions).where(and(eq(logVersions.logId, log.id), eq(logVersions.kind, "named")));
    expect(named).toMatchObject({ name: "Before the set meeting", createdBy: member.id });
    expect(named.contentText).toContain("23 agencies");

    await type(log.id, ws.id, ws.users.facilitator.id, "A later paragraph that the restore replaces.");
    expect(await currentText(log.id)).toContain("later paragraph");

    const restored = await callRoute(
      historyAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "restore", versionId: named.id }, { cookie: member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(restored.status).toBe(302);
    const text = await currentText(log.id);
    expect(text).toContain("23 agencies");
    expect(text).not.toContain("later paragraph");
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row.contentText).toBe(text);

    const [pre] = await db().select().from(logVersions).where(and(eq(logVersions.logId, log.id), eq(logVersions.kind, "pre-restore")));
    expect(pre.name).toContain("Before restoring “Before the set meeting”");
    expect(pre.contentText).toContain("later paragraph");
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, log.id), eq(auditEvents.kind, "log.version_restored")));
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ versionId: named.id, preRestoreVersionId: pre.id });

    // The pre-restore version can itself be restored: nothing was lost.
    await callRoute(historyAction, postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "restore", versionId: pre.id }, { cookie: member.cookie }), {
      ws: ws.slug,
      id: log.id,
    });
    expect(await currentText(log.id)).toContain("later paragraph");
  });

  it("the history page shows a chosen version beside the current text", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Versions", template: "gibbs" });
    await callRoute(historyAction, postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "save-version", name: "First draft" }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
      id: log.id,
    });
    const [version] = await db().select().from(logVersions).where(eq(logVersions.logId, log.id));
    const page = await callRoute(historyLoader, getRequest(`/w/${ws.slug}/logs/${log.id}/history?version=${version.id}`, { cookie: ws.users.evaluator.cookie }), {
      ws: ws.slug,
      id: log.id,
    });
    const data = page.data as { selected: { label: string; contentText: string }; canEdit: boolean; versions: unknown[] };
    expect(data.selected.label).toBe("First draft");
    expect(data.selected.contentText).toContain("Action plan");
    expect(data.canEdit).toBe(false);
    expect(data.versions).toHaveLength(1);
  });

  it("an evaluator cannot save or restore versions, and a version of another log cannot be restored", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Guarded" });
    const other = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Other" });
    const evaluator = await callRoute(
      historyAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "save-version", name: "Nope" }, { cookie: ws.users.evaluator.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(evaluator.status).toBe(403);
    await callRoute(historyAction, postRequest(`/w/${ws.slug}/logs/${other.id}/history`, { intent: "save-version", name: "Other's" }, { cookie: ws.users.member.cookie }), {
      ws: ws.slug,
      id: other.id,
    });
    const [otherVersion] = await db().select().from(logVersions).where(eq(logVersions.logId, other.id));
    const crossed = await callRoute(
      historyAction,
      postRequest(`/w/${ws.slug}/logs/${log.id}/history`, { intent: "restore", versionId: otherVersion.id }, { cookie: ws.users.member.cookie }),
      { ws: ws.slug, id: log.id },
    );
    expect(crossed.status).toBe(404);
    expect(await db().select().from(logVersions).where(eq(logVersions.logId, log.id))).toEqual([]);
  });
});
