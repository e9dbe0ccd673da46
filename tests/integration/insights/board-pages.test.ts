import { beforeAll, describe, expect, it } from "vitest";

import { INSIGHT_KINDS, INSIGHT_STATUSES, type InsightKind, type InsightStatus } from "../../../app/models/insight/insight.constants";
import { INSIGHTS_PAGE_SIZE } from "../../../app/models/insight/insight.server";
import { loader as boardLoader } from "../../../app/routes/w.$ws.insights._index";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { insightExcerpts, insightInquiries, insights } from "../../../db/schema/insights";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeInquiry } from "./evidence-rows";
import { makeInsightWorld, type InsightWorld } from "./world";

/*
 * The insight board in pages (issue 11): pages do not overlap and together hold every insight the
 * filter selects; the counts per status are of the whole filter, not of the page; a page past the
 * end shows the last page and nonsense the first; another workspace's insights are never counted.
 */
type Row = { id: string; kind: InsightKind; status: InsightStatus; inquiry: boolean; updatedAt: number };
type Board = {
  insights: Array<{ id: string; status: InsightStatus; kind: InsightKind; excerpts: number }>;
  byStatus: Record<InsightStatus, number>;
  total: number;
  page: number;
  pageCount: number;
};

const MADE = INSIGHTS_PAGE_SIZE * 4 + 37;
let world: InsightWorld;
let inquiryId: string;
let foreignInquiryId: string;
let emptyInquiryId: string;
const rows: Row[] = [];

async function board(search: string, cookie = world.ws.users.member.cookie): Promise<Board> {
  const result = await callRoute(boardLoader, getRequest(`/w/${world.ws.slug}/insights${search}`, { cookie }), { ws: world.ws.slug });
  expect(result.status).toBe(200);
  return result.data as Board;
}

async function allPages(search: string, cookie?: string): Promise<{ ids: string[]; pages: Board[] }> {
  const first = await board(search, cookie);
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await board(`${search}${search ? "&" : "?"}page=${page}`, cookie));
  return { ids: pages.flatMap((p) => p.insights.map((i) => i.id)), pages };
}

function countOf(selected: Row[]): Record<InsightStatus, number> {
  return Object.fromEntries(INSIGHT_STATUSES.map((s) => [s, selected.filter((r) => r.status === s).length])) as Record<InsightStatus, number>;
}

beforeAll(async () => {
  world = await makeInsightWorld();
  inquiryId = await makeInquiry(world.ws.id, "Which families reach crisis first (paging test)?");
  emptyInquiryId = await makeInquiry(world.ws.id, "An inquiry with no insights yet (paging test)?");
  foreignInquiryId = await makeInquiry(world.other.id, "Another partnership's inquiry (paging test)?");
  const now = Date.now();
  // Several insights share an update time, so the order's tie-break (the id) is exercised too.
  const made = Array.from({ length: MADE }, (_, i) => ({
    id: newId(),
    kind: INSIGHT_KINDS[i % INSIGHT_KINDS.length],
    status: INSIGHT_STATUSES[(i + Math.floor(i / 5)) % INSIGHT_STATUSES.length],
    inquiry: i % 3 === 0,
    updatedAt: now - Math.floor(i / 4),
  }));
  await db()
    .insert(insights)
    .values(
      made.map((r, i) => ({
        id: r.id,
        workspaceId: world.ws.id,
        statement: `Paged insight number ${i} from the board test`,
        kind: r.kind,
        status: r.status,
        barrierLevel: r.kind === "barrier" ? ("local" as const) : null,
        createdBy: world.ws.users.member.id,
        createdAt: r.updatedAt,
        updatedAt: r.updatedAt,
      })),
    );
  await db()
    .insert(insightInquiries)
    .values(made.filter((r) => r.inquiry).map((r) => ({ insightId: r.id, inquiryId })));
  rows.push(...made);

  // Another workspace's insights, some in its own inquiry: never on this workspace's board.
  const foreign = Array.from({ length: 25 }, () => newId());
  await db()
    .insert(insights)
    .values(foreign.map((id) => ({ id, workspaceId: world.other.id, statement: "Another partnership's insight", kind: "finding" as const, status: "emerging" as const, createdBy: world.other.owner.id, createdAt: now, updatedAt: now + 1000 })));
  await db()
    .insert(insightInquiries)
    .values(foreign.map((insightId) => ({ insightId, inquiryId: foreignInquiryId })));

  // One live excerpt from a private log and one removed one: the first is counted for everyone
  // (a reader learns that an excerpt exists, ADR 015), the removed one for nobody.
  await db().insert(insightExcerpts).values([
    { id: newId(), workspaceId: world.ws.id, insightId: made[0].id, logId: world.logs.private, text: "private words", derivedAt: now },
    { id: newId(), workspaceId: world.ws.id, insightId: made[0].id, logId: world.logs.workspace, text: "removed words", derivedAt: now, removedAt: now },
  ]);
});

describe("the insight board in pages", () => {
  it("the whole workspace's pages do not overlap, hold every insight once, newest first, and count each status", async () => {
    const { ids, pages } = await allPages("");
    expect(pages.map((p) => [p.page, p.pageCount])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 5]));
    expect(pages.map((p) => p.insights.length)).toEqual([...Array.from({ length: 4 }, () => INSIGHTS_PAGE_SIZE), 37]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
    for (const p of pages) {
      expect(p.total).toBe(MADE);
      expect(p.byStatus).toEqual(countOf(rows));
    }
    // Most recently changed first; then by id.
    const expected = [...rows].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  it("filters by inquiry, kind and status keep working across pages", async () => {
    const selected = rows.filter((r) => r.inquiry && r.kind === "barrier");
    const { ids, pages } = await allPages(`?inquiry=${inquiryId}&kind=barrier`);
    expect([...ids].sort()).toEqual(selected.map((r) => r.id).sort());
    expect(pages[0].byStatus).toEqual(countOf(selected));
    expect(pages[0].total).toBe(selected.length);

    const largest = [...INSIGHT_STATUSES].sort((a, b) => countOf(rows)[b] - countOf(rows)[a])[0];
    const ofStatus = rows.filter((r) => r.status === largest);
    expect(ofStatus.length).toBeGreaterThan(INSIGHTS_PAGE_SIZE);
    const byStatus = await allPages(`?status=${largest}`);
    expect(byStatus.pages).toHaveLength(Math.ceil(ofStatus.length / INSIGHTS_PAGE_SIZE));
    expect(new Set(byStatus.ids).size).toBe(byStatus.ids.length);
    expect([...byStatus.ids].sort()).toEqual(ofStatus.map((r) => r.id).sort());
    expect(byStatus.pages[0].total).toBe(ofStatus.length);
    // The other columns' counts are still those of the whole filter.
    expect(byStatus.pages[0].byStatus).toEqual(countOf(rows));
  });

  it("a page past the end shows the last page, and nonsense shows the first", async () => {
    const last = await board("?page=99");
    expect([last.page, last.pageCount]).toEqual([5, 5]);
    expect(last.insights).toHaveLength(37);
    for (const nonsense of ["abc", "0", "-2", "1.5", "99999999"]) {
      const shown = await board(`?page=${nonsense}`);
      expect(shown.page, `?page=${nonsense}`).toBe(1);
      expect(shown.insights).toHaveLength(INSIGHTS_PAGE_SIZE);
    }
    const empty = await board(`?inquiry=${emptyInquiryId}&page=4`);
    expect([empty.page, empty.pageCount, empty.total, empty.insights.length]).toEqual([1, 1, 0, 0]);
  });

  it("counts only this workspace's insights, the same for every role, and another workspace's inquiry is ignored", async () => {
    for (const user of [world.ws.users.evaluator, world.ws.users.analyst, world.ws.users.owner]) {
      const seen = await board("", user.cookie);
      expect(seen.total).toBe(MADE);
      expect(seen.byStatus).toEqual(countOf(rows));
    }
    const foreign = await board(`?inquiry=${foreignInquiryId}`);
    expect(foreign.total).toBe(MADE);
    const { ids } = await allPages(`?inquiry=${foreignInquiryId}`);
    expect(ids.every((id) => rows.some((r) => r.id === id))).toBe(true);

    const first = (await board("", world.ws.users.evaluator.cookie)).insights.find((i) => i.id === rows[0].id);
    expect(first?.excerpts).toBe(1);
  });
});
