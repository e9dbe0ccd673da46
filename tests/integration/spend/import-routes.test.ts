import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import {
  action as previewAction,
  loader as previewLoader,
} from "../../../app/routes/w.$ws.spend.import.$importId";
import { action as uploadAction } from "../../../app/routes/w.$ws.spend.import._index";
import { db } from "../../../app/utils/db.server";
import { imports } from "../../../db/schema/imports";
import { spendLines } from "../../../db/schema/spend";
import { makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/spend");

function upload(bytes: Uint8Array<ArrayBuffer>, source: string, name = "spend.csv"): FormData {
  const form = new FormData();
  form.append("source", source);
  form.append("file", new File([bytes], name, { type: "text/csv" }));
  return form;
}

describe("the import as plain form posts", () => {
  it("POST multipart answers 303 to the preview; the preview's commit answers 303 to the place count and writes every line", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.analyst.cookie;
    const bytes = Uint8Array.from(readFileSync(resolve(FIXTURES, "body-expense-area-bom.csv")));
    // The source is left empty: the file names its publisher in its Organisation Name column.
    const up = await callRoute(
      uploadAction,
      postRequest(`/w/${ws.slug}/spend/import`, upload(bytes, ""), { cookie }),
      { ws: ws.slug },
    );
    expect(up.status).toBe(303);
    const location = up.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/w/${ws.slug}/spend/import/[a-z0-9]+$`));
    const importId = location.split("/").pop()!;

    const preview = await callRoute(previewLoader, getRequest(location, { cookie }), {
      ws: ws.slug,
      importId,
    });
    const data = preview.data as {
      lines: number;
      totalPence: number;
      credits: number;
      source: string;
    };
    expect([data.lines, data.totalPence, data.credits, data.source]).toEqual([
      4,
      1433024,
      1,
      "East Lothian Council",
    ]);

    const commit = await callRoute(
      previewAction,
      postRequest(
        location,
        { intent: "commit", expectedLines: "4", expectedTotalPence: "1433024" },
        { cookie },
      ),
      { ws: ws.slug, importId },
    );
    expect(commit.status).toBe(303);
    expect(commit.headers.get("Location")).toBe(`/w/${ws.slug}/spend`);
    const [row] = await db()
      .select({ n: count() })
      .from(spendLines)
      .where(eq(spendLines.workspaceId, ws.id));
    expect(row.n).toBe(4);
  });

  it("discarding a preview imports nothing, and the same file may then be uploaded again", async () => {
    const ws = await makeWorkspaceWithRoles();
    const cookie = ws.users.owner.cookie;
    const bytes = new TextEncoder().encode("Service Area,Paid Date,Amount\nX,01/05/2015,1.00\n");
    const up = await callRoute(
      uploadAction,
      postRequest(`/w/${ws.slug}/spend/import`, upload(bytes, "A council"), { cookie }),
      { ws: ws.slug },
    );
    const location = up.headers.get("Location")!;
    const importId = location.split("/").pop()!;
    const discard = await callRoute(
      previewAction,
      postRequest(location, { intent: "discard", importId }, { cookie }),
      { ws: ws.slug, importId },
    );
    expect(discard.status).toBe(302);
    const [row] = await db()
      .select({ status: imports.status })
      .from(imports)
      .where(eq(imports.id, importId));
    expect(row.status).toBe("discarded");
    expect(await db().select().from(spendLines).where(eq(spendLines.workspaceId, ws.id))).toEqual(
      [],
    );
    const again = await callRoute(
      uploadAction,
      postRequest(`/w/${ws.slug}/spend/import`, upload(bytes, "A council"), { cookie }),
      { ws: ws.slug },
    );
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).not.toBe(location);
  });

  it("a 50 MB upload is refused with the size limit in the message and nothing is stored", async () => {
    const ws = await makeWorkspaceWithRoles();
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const res = await callRoute(
      uploadAction,
      postRequest(`/w/${ws.slug}/spend/import`, upload(big, "A council", "huge.csv"), {
        cookie: ws.users.analyst.cookie,
      }),
      { ws: ws.slug },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toMatch(/larger than 20\.0 MB|The file is 50\.0 MB/);
    expect(await db().select().from(imports).where(eq(imports.workspaceId, ws.id))).toEqual([]);
  });

  it("a post without a file asks for one", async () => {
    const ws = await makeWorkspaceWithRoles();
    const res = await callRoute(
      uploadAction,
      postRequest(
        `/w/${ws.slug}/spend/import`,
        { source: "A council" },
        { cookie: ws.users.owner.cookie },
      ),
      { ws: ws.slug },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("Choose a CSV file to upload.");
  });

  it("another workspace's import is not found", async () => {
    const a = await makeWorkspaceWithRoles();
    const b = await makeWorkspaceWithRoles();
    const up = await callRoute(
      uploadAction,
      postRequest(
        `/w/${b.slug}/spend/import`,
        upload(
          new TextEncoder().encode("Service Area,Paid Date,Amount\nX,01/05/2015,1.00\n"),
          "B council",
        ),
        { cookie: b.users.analyst.cookie },
      ),
      { ws: b.slug },
    );
    const importId = up.headers.get("Location")!.split("/").pop()!;
    const res = await callRoute(
      previewLoader,
      getRequest(`/w/${a.slug}/spend/import/${importId}`, { cookie: a.users.analyst.cookie }),
      { ws: a.slug, importId },
    );
    expect(res.status).toBe(404);
    const commit = await callRoute(
      previewAction,
      postRequest(
        `/w/${a.slug}/spend/import/${importId}`,
        { intent: "commit", expectedLines: "1", expectedTotalPence: "100" },
        { cookie: a.users.analyst.cookie },
      ),
      { ws: a.slug, importId },
    );
    expect(commit.status).toBe(404);
  });
});
