import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "../../../app/utils/db.server";
import { seedDemo } from "../../../db/seed";
import { DAY_MS, WORKSPACE_AGE_DAYS } from "../../../db/seeds/foundation";

/*
 * The demo's clock (db/seeds/foundation.ts): the workspace began WORKSPACE_AGE_DAYS before the
 * install; everything stored lies between that start and the install, except what is in the
 * future by nature. Every integer column named *_at or *_on of every table is checked, so a seed
 * added later is held to the same rule.
 */
/**
 * Columns that record when something happened in a family's life, not when it was written down:
 * the journeys mapped in Phase 1 go back years before the workspace (their rows' own created_at
 * and updated_at still follow the rule).
 */
const PAST_BY_NATURE = new Set(["journey_events.occurred_on"]);

const FUTURE_BY_NATURE = new Set(["meetings.starts_at", "meetings.ends_at", "actions.due_on", "decisions.review_on", "invitations.expires_at", "sessions.expires_at"]);

type Column = { table: string; column: string };

async function timeColumns(): Promise<Column[]> {
  const tables = await db().all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'search_index%'`,
  );
  const out: Column[] = [];
  for (const { name } of tables) {
    const columns = await db().all<{ name: string; type: string }>(sql.raw(`pragma table_info("${name}")`));
    for (const c of columns) if (/_(at|on)$/.test(c.name) && c.type.toLowerCase() === "integer") out.push({ table: name, column: c.name });
  }
  return out;
}

let installedAt = 0;
let seededBy = 0;
let startedAt = 0;

beforeAll(async () => {
  installedAt = Date.now();
  await seedDemo();
  seededBy = Date.now();
  const [ws] = await db().all<{ created_at: number }>(sql`select created_at from workspaces where slug = 'demo'`);
  startedAt = ws.created_at;
});

describe("the demo's dates tell one story", () => {
  it("the workspace started WORKSPACE_AGE_DAYS before the install", () => {
    expect(Math.round((installedAt - startedAt) / DAY_MS)).toBe(WORKSPACE_AGE_DAYS);
  });

  it("nothing is older than the workspace's start, and nothing is in the future except upcoming meetings, due dates, review dates and expiry times", async () => {
    const problems: string[] = [];
    const columns = await timeColumns();
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(["logs.updated_at", "log_versions.created_at", "memberships.created_at", "meetings.starts_at"]));
    for (const { table, column } of columns) {
      const [range] = await db().all<{ lo: number | null; hi: number | null }>(sql.raw(`select min("${column}") as lo, max("${column}") as hi from "${table}"`));
      if (range.lo === null || range.hi === null) continue;
      // Day-valued columns (`*_on`) hold London midnight of the day, so they may sit up to a day before the start.
      const floor = column.endsWith("_on") ? startedAt - DAY_MS : startedAt;
      if (!PAST_BY_NATURE.has(`${table}.${column}`) && range.lo < floor) problems.push(`${table}.${column} has ${new Date(range.lo).toISOString()}, before the workspace's start`);
      if (!FUTURE_BY_NATURE.has(`${table}.${column}`) && range.hi > seededBy) problems.push(`${table}.${column} has ${new Date(range.hi).toISOString()}, in the future`);
    }
    expect(problems).toEqual([]);
  });

  it("held meetings are in the past and only the meeting that has not run lies ahead", async () => {
    const rows = await db().all<{ title: string; starts_at: number; ends_at: number; run: string | null }>(
      sql`select m.title, m.starts_at, m.ends_at, r.phase as run from meetings m left join meeting_runs r on r.meeting_id = m.id order by m.starts_at`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const m of rows) {
      if (m.run) expect(m.ends_at, `${m.title} was held`).toBeLessThan(installedAt);
      else expect(m.starts_at, `${m.title} has not been held`).toBeGreaterThan(installedAt);
    }
    const attendanceOfUnheld = await db().all(sql`select a.* from meeting_attendance a left join meeting_runs r on r.meeting_id = a.meeting_id where r.meeting_id is null`);
    expect(attendanceOfUnheld).toEqual([]);
  });

  it("people joined, logs were written and versions were saved on their own days, not all at the install", async () => {
    const joined = await db().all<{ created_at: number }>(sql`select created_at from memberships`);
    expect(new Set(joined.map((j) => j.created_at)).size).toBeGreaterThan(3);
    expect(Math.max(...joined.map((j) => j.created_at))).toBeLessThan(installedAt - 60 * DAY_MS);

    const logs = await db().all<{ title: string; created_at: number; updated_at: number }>(sql`select title, created_at, updated_at from logs`);
    expect(new Set(logs.map((l) => l.created_at)).size).toBe(logs.length);
    for (const l of logs) {
      expect(l.updated_at, l.title).toBeGreaterThanOrEqual(l.created_at);
      expect(l.updated_at, l.title).toBeLessThan(installedAt - DAY_MS);
    }

    const versions = await db().all<{ name: string | null; created_at: number; log_created: number }>(
      sql`select v.name, v.created_at, l.created_at as log_created from log_versions v join logs l on l.id = v.log_id`,
    );
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) {
      expect(v.created_at).toBeGreaterThan(v.log_created);
      expect(v.created_at).toBeLessThan(installedAt - DAY_MS);
      expect(v.name ?? "").not.toMatch(/20\d\d/);
    }
  });
});
