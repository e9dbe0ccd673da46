import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { redirectForPreviousSlug } from "../../../app/models/workspace/workspace-redirect.server";
import { createWorkspace, SlugTakenError } from "../../../app/models/workspace/workspace.server";
import { action, loader } from "../../../app/routes/w.$ws.settings";
import { db } from "../../../app/utils/db.server";
import { auditEvents, workspaces } from "../../../db/schema/core";
import { localities } from "../../../db/schema/places";
import { workspaceRetention } from "../../../db/schema/settings";
import { changedTables, fingerprintDatabase } from "../../helpers/db-fingerprint";
import {
  makeUser,
  makeWorkspace,
  makeWorkspaceWithRoles,
  type TestUser,
} from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

function post(slug: string, who: TestUser, form: Record<string, string>) {
  return callRoute(action, postRequest(`/w/${slug}/settings`, form, { cookie: who.cookie }), {
    ws: slug,
  });
}

function errorsOf(result: { data: unknown }): Record<string, string[]> {
  return ((result.data as { error?: Record<string, string[]> } | null)?.error ?? {}) as Record<
    string,
    string[]
  >;
}

async function auditOf(workspaceId: string, prefix: string) {
  const rows = await db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId));
  return rows.filter((r) => r.kind.startsWith(prefix));
}

type Page = {
  workspace: { slug: string; name: string; description: string };
  previousSlugs: string[];
  active: { id: string; name: string }[];
  archived: { id: string; name: string }[];
  preview: {
    periods: { learningMonths: number; evidenceMonths: number };
    dueNow: unknown[];
    rules: { kind: string }[];
  };
};

async function page(slug: string, who: TestUser): Promise<Page> {
  const result = await callRoute(
    loader,
    getRequest(`/w/${slug}/settings`, { cookie: who.cookie }),
    { ws: slug },
  );
  expect(result.status).toBe(200);
  return result.data as Page;
}

describe("workspace settings: name, web address and description", () => {
  it("an owner renames the workspace and its web address; the old address redirects members and is never given to another workspace", async () => {
    const ws = await makeWorkspaceWithRoles();
    const newSlug = `${ws.slug}-new`;
    const saved = await post(ws.slug, ws.owner, {
      intent: "details",
      name: "Musselburgh Total Place",
      slug: newSlug,
      description: "Pilot board",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/w/${newSlug}/settings`);
    const [row] = await db().select().from(workspaces).where(eq(workspaces.id, ws.id));
    expect(row).toMatchObject({
      name: "Musselburgh Total Place",
      slug: newSlug,
      description: "Pilot board",
    });
    expect((await page(newSlug, ws.owner)).previousSlugs).toEqual([ws.slug]);

    const [audit] = await auditOf(ws.id, "workspace.updated");
    expect(audit.detail).toMatchObject({
      slug: { from: ws.slug, to: newSlug },
      name: { from: "Test partnership", to: "Musselburgh Total Place" },
    });

    const oldLink = (cookie?: string) =>
      new Request(`http://localhost/w/${ws.slug}/logs?q=housing`, {
        headers: cookie ? { cookie } : {},
      });
    expect(await redirectForPreviousSlug(oldLink(ws.users.evaluator.cookie))).toBe(
      `/w/${newSlug}/logs?q=housing`,
    );
    // Neither a stranger nor a signed-out visitor learns where the workspace went.
    expect(await redirectForPreviousSlug(oldLink((await makeUser()).cookie))).toBeNull();
    expect(await redirectForPreviousSlug(oldLink())).toBeNull();
    expect(
      await redirectForPreviousSlug(
        new Request(`http://localhost/w/${newSlug}/logs`, { headers: { cookie: ws.owner.cookie } }),
      ),
    ).toBeNull();

    const other = await makeWorkspace();
    await expect(
      createWorkspace({ userId: other.owner.id }, { name: "Squatter", slug: ws.slug }),
    ).rejects.toBeInstanceOf(SlugTakenError);
    const taken = await post(other.slug, other.owner, {
      intent: "details",
      name: "Other",
      slug: ws.slug,
      description: "",
    });
    expect(taken.status).toBe(400);
    expect(errorsOf(taken).slug?.[0]).toMatch(/used before/);

    // Going back to an earlier address takes it out of the history.
    expect(
      (
        await post(newSlug, ws.owner, {
          intent: "details",
          name: "Musselburgh Total Place",
          slug: ws.slug,
          description: "Pilot board",
        })
      ).status,
    ).toBe(302);
    expect((await page(ws.slug, ws.owner)).previousSlugs).toEqual([newSlug]);
  });

  it("a bad web address is refused with its reason and changes nothing", async () => {
    const ws = await makeWorkspace();
    const before = await fingerprintDatabase();
    for (const [slug, message] of [
      ["No Spaces Allowed", /lower-case letters/],
      ["ab", /at least 3/],
      ["login", /reserved/],
    ] as const) {
      const result = await post(ws.slug, ws.owner, {
        intent: "details",
        name: "Test partnership",
        slug,
        description: "",
      });
      expect(result.status).toBe(400);
      expect(errorsOf(result).slug?.[0]).toMatch(message);
    }
    expect(changedTables(before, await fingerprintDatabase())).toEqual([]);
  });

  it("only an owner may open or change the settings", async () => {
    const ws = await makeWorkspaceWithRoles();
    for (const role of ["facilitator", "analyst", "member", "evaluator"] as const) {
      const who = ws.users[role];
      expect(
        (
          await callRoute(loader, getRequest(`/w/${ws.slug}/settings`, { cookie: who.cookie }), {
            ws: ws.slug,
          })
        ).status,
      ).toBe(403);
      expect(
        (await post(ws.slug, who, { intent: "delete", confirmation: "Test partnership" })).status,
      ).toBe(403);
    }
    expect((await db().select().from(workspaces).where(eq(workspaces.id, ws.id))).length).toBe(1);
  });
});

describe("workspace settings: localities", () => {
  it("an owner adds, renames, reorders, archives and restores localities, each audited", async () => {
    const ws = await makeWorkspace();
    for (const name of ["Musselburgh East", "Wallyford", "Whitecraig"])
      expect((await post(ws.slug, ws.owner, { intent: "locality-add", name })).status).toBe(302);
    let listed = await page(ws.slug, ws.owner);
    expect(listed.active.map((l) => l.name)).toEqual([
      "Musselburgh East",
      "Wallyford",
      "Whitecraig",
    ]);
    const [east, wallyford, whitecraig] = listed.active;

    const duplicate = await post(ws.slug, ws.owner, { intent: "locality-add", name: "wallyford" });
    expect(duplicate.status).toBe(400);
    expect(errorsOf(duplicate).name?.[0]).toMatch(/already exists/);

    expect(
      (
        await post(ws.slug, ws.owner, {
          intent: "locality-rename",
          localityId: east.id,
          name: "Musselburgh East and Carberry",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await post(ws.slug, ws.owner, {
          intent: "locality-move",
          localityId: whitecraig.id,
          direction: "up",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await post(ws.slug, ws.owner, {
          intent: "locality-move",
          localityId: whitecraig.id,
          direction: "up",
        })
      ).status,
    ).toBe(302);
    listed = await page(ws.slug, ws.owner);
    expect(listed.active.map((l) => l.name)).toEqual([
      "Whitecraig",
      "Musselburgh East and Carberry",
      "Wallyford",
    ]);

    expect(
      (await post(ws.slug, ws.owner, { intent: "locality-archive", localityId: wallyford.id }))
        .status,
    ).toBe(302);
    listed = await page(ws.slug, ws.owner);
    expect(listed.active.map((l) => l.name)).toEqual([
      "Whitecraig",
      "Musselburgh East and Carberry",
    ]);
    expect(listed.archived.map((l) => l.name)).toEqual(["Wallyford"]);
    expect(
      (await post(ws.slug, ws.owner, { intent: "locality-restore", localityId: wallyford.id }))
        .status,
    ).toBe(302);
    const [row] = await db().select().from(localities).where(eq(localities.id, wallyford.id));
    expect(row.archivedAt).toBeNull();

    expect((await auditOf(ws.id, "locality.")).map((a) => a.kind)).toEqual([
      "locality.created",
      "locality.created",
      "locality.created",
      "locality.renamed",
      "locality.moved",
      "locality.moved",
      "locality.archived",
      "locality.restored",
    ]);
  });

  it("another workspace's locality is not found and is left alone", async () => {
    const mine = await makeWorkspace();
    const theirs = await makeWorkspace();
    expect(
      (await post(theirs.slug, theirs.owner, { intent: "locality-add", name: "Tranent" })).status,
    ).toBe(302);
    const [foreign] = await db()
      .select()
      .from(localities)
      .where(eq(localities.workspaceId, theirs.id));
    const forms: Record<string, string>[] = [
      { intent: "locality-rename", localityId: foreign.id, name: "Stolen" },
      { intent: "locality-archive", localityId: foreign.id },
      { intent: "locality-move", localityId: foreign.id, direction: "down" },
    ];
    for (const form of forms) {
      expect((await post(mine.slug, mine.owner, form)).status).toBe(404);
    }
    const [after] = await db().select().from(localities).where(eq(localities.id, foreign.id));
    expect(after).toMatchObject({ name: "Tranent", archivedAt: null });
  });
});

describe("workspace settings: retention periods", () => {
  it("an owner sets both periods; the page shows them and what expiry means", async () => {
    const ws = await makeWorkspace();
    expect((await page(ws.slug, ws.owner)).preview.periods).toEqual({
      learningMonths: 36,
      evidenceMonths: 24,
    });
    expect(
      (
        await post(ws.slug, ws.owner, {
          intent: "retention",
          learningMonths: "48",
          evidenceMonths: "12",
        })
      ).status,
    ).toBe(302);
    const shown = await page(ws.slug, ws.owner);
    expect(shown.preview.periods).toEqual({ learningMonths: 48, evidenceMonths: 12 });
    expect(shown.preview.rules.map((r) => r.kind)).toEqual(
      expect.arrayContaining(["logs", "cases", "meetings", "imports"]),
    );
    const [audit] = await auditOf(ws.id, "retention.updated");
    expect(audit.detail).toMatchObject({
      from: { learningMonths: 36, evidenceMonths: 24 },
      to: { learningMonths: 48, evidenceMonths: 12 },
    });
  });

  it("a period below the floor, above the ceiling or not a whole number is refused and changes nothing", async () => {
    const ws = await makeWorkspace();
    for (const [learningMonths, evidenceMonths, field, message] of [
      ["1", "24", "learningMonths", /at least 6 months/],
      ["36", "500", "evidenceMonths", /at most 120 months/],
      ["36", "12.5", "evidenceMonths", /whole number/],
      ["", "24", "learningMonths", /Enter how many months/],
    ] as const) {
      const result = await post(ws.slug, ws.owner, {
        intent: "retention",
        learningMonths,
        evidenceMonths,
      });
      expect(result.status).toBe(400);
      expect(errorsOf(result)[field]?.[0]).toMatch(message);
    }
    expect(
      await db().select().from(workspaceRetention).where(eq(workspaceRetention.workspaceId, ws.id)),
    ).toEqual([]);
  });
});

describe("workspace settings: deleting the workspace", () => {
  it("a confirmation that is not the workspace's exact name deletes nothing", async () => {
    const ws = await makeWorkspace(undefined, "Musselburgh Total Place");
    const before = await fingerprintDatabase();
    for (const confirmation of ["musselburgh total place", "Musselburgh", "delete"]) {
      const result = await post(ws.slug, ws.owner, { intent: "delete", confirmation });
      expect(result.status).toBe(400);
      expect(errorsOf(result).confirmation?.[0]).toMatch(/exactly as shown/);
    }
    expect(changedTables(before, await fingerprintDatabase())).toEqual([]);
    const denied = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.kind, "workspace.deleted")));
    expect(denied).toEqual([]);
  });
});
