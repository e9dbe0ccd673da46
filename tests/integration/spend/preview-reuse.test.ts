import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAgency, updateAgency } from "../../../app/models/agency/agency.server";
import {
  commitSpendImport,
  createSpendImport,
  getSpendImport,
  getSpendImportPreview,
  type SpendImportPayload,
} from "../../../app/models/spend/spend-import.server";
import { db } from "../../../app/utils/db.server";
import { imports } from "../../../db/schema/imports";
import { spendLines } from "../../../db/schema/spend";
import { makeWorkspaceWithRoles } from "../../helpers/factories";

/*
 * The preview page and the commit reuse a preview this process computed, keyed by the payload's
 * stored revision and the workspace's agencies and areas (ADR 013). These prove the reuse never
 * shows or writes anything but what the stored import and the current agencies say.
 */

const FILE = [
  "Financial year,Agency,Service,Category,Amount",
  "2014-15,Council,Children's social work,Children and families,100.00",
  "2014-15,Council,Children's social work,Children and families,250.25",
  "2015-16,Police,Response policing,Justice,-20.00",
].join("\n");

async function staged() {
  const ws = await makeWorkspaceWithRoles();
  const actor = { userId: ws.users.analyst.id };
  const council = await createAgency({ userId: ws.owner.id }, ws.id, {
    name: "Council",
    kind: "council",
  });
  if (!council.ok) throw new Error(council.reason);
  const created = await createSpendImport(actor, ws.id, {
    fileName: "partners.csv",
    bytes: new TextEncoder().encode(FILE),
    source: "Partners",
  });
  if (!created.ok) throw new Error(created.message);
  return { ws, actor, councilId: council.id, importId: created.id };
}

describe("the reused spend preview", () => {
  it("follows a renamed or added agency instead of showing what it found before", async () => {
    const { ws, councilId, importId } = await staged();
    const first = await getSpendImportPreview(ws.id, importId);
    if (!first?.open) throw new Error("not open");
    expect(first.preview.drafts.map((d) => d.agencyId)).toEqual([councilId, councilId]);
    expect(first.preview.problems).toEqual([
      { line: 4, reason: "there is no agency called “Police” in this workspace" },
    ]);

    const police = await createAgency({ userId: ws.owner.id }, ws.id, {
      name: "Police",
      kind: "police",
    });
    if (!police.ok) throw new Error(police.reason);
    const second = await getSpendImportPreview(ws.id, importId);
    if (!second?.open) throw new Error("not open");
    expect(second.preview.problems).toEqual([]);
    expect(second.preview.totalPence).toBe(10000 + 25025 - 2000);

    await updateAgency({ userId: ws.owner.id }, ws.id, councilId, {
      name: "East Lothian Council",
      kind: "council",
    });
    const third = await getSpendImportPreview(ws.id, importId);
    if (!third?.open) throw new Error("not open");
    expect(third.preview.drafts.map((d) => d.agencyId)).toEqual([police.id]);
    expect(third.preview.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it("follows a payload changed by another process, and the commit writes what is stored", async () => {
    const { ws, actor, importId } = await staged();
    const before = await getSpendImportPreview(ws.id, importId);
    if (!before?.open) throw new Error("not open");
    expect(before.preview.drafts).toHaveLength(2);

    // Another process changes the mapping: a new payload under a new revision.
    const stored = (await getSpendImport(ws.id, importId))!;
    const payload: SpendImportPayload = {
      ...stored.payload,
      mapping: { ...stored.payload.mapping, agency: null },
    };
    await db()
      .update(imports)
      .set({
        payload,
        summary: {
          ...stored.summary,
          lines: 3,
          totalPence: 33025,
          revision: "written-elsewhere",
        },
      })
      .where(eq(imports.id, importId));
    const after = await getSpendImportPreview(ws.id, importId);
    if (!after?.open) throw new Error("not open");
    expect(after.preview.drafts).toHaveLength(3);
    expect(after.preview.problems).toEqual([]);

    // What the person saw before the change is refused; what is stored now is written.
    expect(
      await commitSpendImport(actor, ws.id, importId, { lines: 2, totalPence: 35025 }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/preview has changed/) });
    expect(
      await commitSpendImport(actor, ws.id, importId, { lines: 3, totalPence: 33025 }),
    ).toEqual({ ok: true, lines: 3, totalPence: 33025 });
    const written = await db()
      .select({ agencyId: spendLines.agencyId, amountPence: spendLines.amountPence })
      .from(spendLines)
      .where(eq(spendLines.importId, importId));
    expect(written.map((l) => l.amountPence).sort((a, b) => a - b)).toEqual([-2000, 10000, 25025]);
    expect(written.every((l) => l.agencyId === null)).toBe(true);

    // Once committed the staged rows are gone and the import is closed.
    const closed = await getSpendImportPreview(ws.id, importId);
    expect(closed).toMatchObject({ open: false, status: "committed" });
    expect((await getSpendImport(ws.id, importId))?.payload).toBeNull();
  });
});
