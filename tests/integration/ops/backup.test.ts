import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { documentName } from "../../../app/collab/document-name";
import { backupDatabase } from "../../../db/backup";
import { checkBackup, RestoreRefused, restoreDatabase } from "../../../db/restore";
import { TMP_DIR } from "../../setup/paths";
import { makeLog } from "../logs/world";
import {
  connectEditor,
  ensureAppBuild,
  startAppProcess,
  type AppProcess,
  type Editor,
} from "./fixtures/processes";
import { makePeople, makeWorkspaceFor } from "./world";

const processes: AppProcess[] = [];
const editors: Editor[] = [];

beforeAll(() => {
  ensureAppBuild();
}, 240_000);

afterAll(async () => {
  for (const e of editors) e.destroy();
  await Promise.all(processes.map((p) => p.stop()));
});

function scratch(): string {
  return mkdtempSync(join(TMP_DIR, "backup-"));
}

describe("backups", () => {
  it("a backup taken while a client is typing restores to a server that opens every log with all the text acknowledged before the backup began", async () => {
    const people = await makePeople();
    const ws = await makeWorkspaceFor(people);
    const logIds = [
      (
        await makeLog(
          { userId: people.member.id, role: "member", workspaceId: ws.id },
          { title: "First log" },
        )
      ).id,
      (
        await makeLog(
          { userId: people.member.id, role: "member", workspaceId: ws.id },
          { title: "Second log" },
        )
      ).id,
    ];
    const live = await startAppProcess({ databaseUrl: process.env.DATABASE_URL ?? "" });
    processes.push(live);
    const typists = logIds.map((id) =>
      connectEditor({
        port: live.port,
        documentName: documentName("log", id),
        cookie: people.member.cookie,
      }),
    );
    editors.push(...typists);
    await Promise.all(typists.map((t) => t.synced()));
    const acknowledged = typists.map(() => "");
    typists.forEach((typist, i) =>
      typist.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
        if (number === 0) acknowledged[i] = typist.text();
      }),
    );
    let n = 0;
    const keystrokes = setInterval(() => {
      for (const t of typists) t.type(`k${n} `);
      n += 1;
    }, 5);
    let before: string[] = [];
    let file = "";
    try {
      await Promise.all(
        typists.map((t, i) =>
          t.until((text) => text.split(" ").length > 30 && acknowledged[i].length > 0),
        ),
      );
      before = [...acknowledged];
      const dir = scratch();
      ({ file } = await backupDatabase({ dir, keep: 3 }));
      // Typing carried on during the backup.
      await Promise.all(typists.map((t) => t.until((text) => text.split(" ").length > 60)));
    } finally {
      clearInterval(keystrokes);
    }

    const restoredUrl = `file:${join(scratch(), "data", "praxis.db")}`;
    const result = await restoreDatabase(file, restoredUrl);
    expect(result.migrationsApplied).toBe(0);
    const restored = await startAppProcess({ databaseUrl: restoredUrl });
    processes.push(restored);
    for (const [i, logId] of logIds.entries()) {
      // The session in the backup is the same session: the member signs in with the cookie they had.
      const reader = connectEditor({
        port: restored.port,
        documentName: documentName("log", logId),
        cookie: people.member.cookie,
      });
      editors.push(reader);
      await reader.synced();
      expect(before[i]?.length).toBeGreaterThan(0);
      expect(reader.text().startsWith(before[i] ?? "∅")).toBe(true);
    }
  });

  it("keeps only the newest N backups", async () => {
    const dir = scratch();
    const made = [];
    for (let day = 1; day <= 4; day++)
      made.push(
        (await backupDatabase({ dir, keep: 2, now: new Date(Date.UTC(2026, 11, day, 2)) })).file,
      );
    expect(readdirSync(dir).sort()).toEqual(made.slice(2).map((f) => f.split("/").pop()));
  });

  it("restore refuses a damaged file, a database from a newer version and a data directory that is not empty, and writes nothing", async () => {
    const dir = scratch();
    const { file } = await backupDatabase({ dir, keep: 5 });

    const damaged = join(dir, "damaged.db");
    writeFileSync(damaged, "this is not a database, it is a text file that happens to end in .db");
    await expect(checkBackup(damaged)).rejects.toThrow(/not a readable SQLite database|integrity/);

    const { file: copy } = await backupDatabase({ dir: join(dir, "newer"), keep: 1 });
    const client = createClient({ url: `file:${copy}` });
    await client.execute(
      "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('f00d', 4102444800000)",
    );
    client.close();
    await expect(restoreDatabase(copy, `file:${join(scratch(), "praxis.db")}`)).rejects.toThrow(
      /newer version of Praxis/,
    );

    const occupied = scratch();
    writeFileSync(join(occupied, "praxis.db"), "");
    await expect(
      restoreDatabase(file, `file:${join(occupied, "praxis.db")}`),
    ).rejects.toBeInstanceOf(RestoreRefused);

    const target = join(scratch(), "fresh", "praxis.db");
    await expect(restoreDatabase(damaged, `file:${target}`)).rejects.toBeInstanceOf(RestoreRefused);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(resolve(target, ".."))).toBe(false);
  });
});
