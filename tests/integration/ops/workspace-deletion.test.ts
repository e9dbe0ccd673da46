import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DOCUMENT_KIND_CONFIG } from "../../../app/models/documents/document-kinds.server";
import { action } from "../../../app/routes/w.$ws.settings";
import { db } from "../../../app/utils/db.server";
import { auditEvents, workspaces } from "../../../db/schema/core";
import { connectCollabClient } from "../../helpers/collab-client";
import { originOf, startCollabServer, type TestServer } from "../../helpers/collab-server";
import { changedTables, fingerprintDatabase } from "../../helpers/db-fingerprint";
import { callRoute, postRequest } from "../../helpers/requests";
import { makePeople, makeWorkspaceFor, populateWorkspace } from "./world";

/*
 * Proof that deleting a workspace leaves nothing of it behind, judged against every table the
 * database has (read from sqlite_master, not from a list kept here): a fingerprint of every table
 * is taken before the workspace exists and must be the same again after it is deleted.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startCollabServer({ kinds: DOCUMENT_KIND_CONFIG });
});
afterAll(async () => {
  await server?.close();
});

/** FTS5's internal b-tree pages are rewritten by any delete; the virtual table itself is compared. */
const FTS_INTERNALS = new Set(["search_index_data", "search_index_idx"]);
/** Tables that only ever hold account-level rows (no workspace column, no workspace parent). */
const ACCOUNT_TABLES = new Set(["users", "job_leases"]);

async function allTables(): Promise<{ name: string; hasWorkspaceColumn: boolean }[]> {
  const rows = await db().all<{ name: string; ws: number }>(sql`
    select m.name, exists (select 1 from pragma_table_info(m.name) c where c.name = 'workspace_id') as ws
    from sqlite_master m where m.type = 'table' and m.name not like 'sqlite_%' order by m.name`);
  return rows.map((r) => ({ name: r.name, hasWorkspaceColumn: Boolean(r.ws) }));
}

function tableName(change: string): string {
  return change.split(" ")[0] ?? change;
}

describe("deleting a workspace", () => {
  it("removes every row of the workspace from every table in one go, collaboration and search included, and leaves other workspaces untouched", async () => {
    const people = await makePeople();
    const other = await makeWorkspaceFor(people, "Another partnership");
    await populateWorkspace(other, people);
    const baseline = await fingerprintDatabase();

    const doomed = await makeWorkspaceFor(people, "Musselburgh Total Place");
    const { logId } = await populateWorkspace(doomed, people);
    // An editor has the log open: the deletion must disconnect them and store nothing after it.
    const client = connectCollabClient({
      url: server.url,
      documentName: `log:${logId}`,
      cookie: people.member.cookie,
      origin: originOf(server.url),
    });
    expect(await client.outcome).toEqual({ kind: "synced" });
    const closed = new Promise<void>((resolve) => client.provider.on("close", () => resolve()));

    const populated = changedTables(baseline, await fingerprintDatabase()).map(tableName);
    const tables = await allTables();
    // The proof only means something if the workspace had rows everywhere it could.
    const expected = tables.filter(
      (t) =>
        !ACCOUNT_TABLES.has(t.name) &&
        !t.name.startsWith("search_index_") &&
        !t.name.startsWith("__drizzle") &&
        t.name !== "audit_events" &&
        t.name !== "sessions" &&
        t.name !== "login_attempts",
    );
    expect(expected.filter((t) => !populated.includes(t.name)).map((t) => t.name)).toEqual([]);

    const result = await callRoute(
      action,
      postRequest(
        `/w/${doomed.slug}/settings`,
        { intent: "delete", confirmation: "Musselburgh Total Place" },
        { cookie: people.owner.cookie },
      ),
      {
        ws: doomed.slug,
      },
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/w");
    await closed;
    client.destroy();
    await server.collab.storeAll();

    const left = changedTables(baseline, await fingerprintDatabase()).filter(
      (change) => !FTS_INTERNALS.has(tableName(change)),
    );
    expect(left).toEqual([]);
    for (const t of tables.filter((t) => t.hasWorkspaceColumn && t.name !== "audit_events")) {
      const [row] = await db().all<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(t.name)} where workspace_id = ${doomed.id}`,
      );
      expect({ table: t.name, rows: row?.n }).toEqual({ table: t.name, rows: 0 });
    }

    const [record] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, doomed.id), eq(auditEvents.kind, "workspace.deleted")),
      );
    expect(record).toMatchObject({ actorUserId: people.owner.id, targetId: doomed.id });
    expect(record.detail).toMatchObject({
      name: "Musselburgh Total Place",
      removed: expect.objectContaining({
        logs: 1,
        collab_documents: expect.any(Number),
        search_index: expect.any(Number),
        cases: 1,
      }),
    });
    expect(await db().select().from(workspaces).where(eq(workspaces.id, other.id))).toHaveLength(1);
  });
});
