import { eq, sql } from "drizzle-orm";

import { insights } from "../../../db/schema/insights";
import { learningSets, meetings } from "../../../db/schema/learning";
import { logs } from "../../../db/schema/logs";
import { db, type Tx } from "../../utils/db.server";
import { readableLogCondition } from "../log/log-access.server";
import { participatesInSetSql } from "../set/set-access.server";

/*
 * The FTS5 table `search_index` is created in db/migrate.ts (POST_MIGRATION_SQL). One row per
 * searchable object, named by `kind` + `object_id`; permission filters join back to the source.
 */

export type SearchKind = "log" | "meeting" | "insight";

/** Replaces the search row of one log (title and derived plain text). */
export async function indexLogForSearch(tx: Tx, log: { id: string; workspaceId: string; title: string; text: string }): Promise<void> {
  await removeFromSearch(tx, "log", log.id);
  await tx.run(
    sql`insert into search_index (kind, object_id, workspace_id, title, body) values ('log', ${log.id}, ${log.workspaceId}, ${log.title}, ${log.text})`,
  );
}

/**
 * Replaces the search row of one meeting from what is stored: its title, and its agenda and
 * notes as the body. Called in the same transaction as every change to those columns.
 */
export async function indexMeetingForSearch(tx: Tx, meetingId: string): Promise<void> {
  await removeFromSearch(tx, "meeting", meetingId);
  const [meeting] = await tx
    .select({ workspaceId: meetings.workspaceId, title: meetings.title, agenda: meetings.agenda, notesText: meetings.notesText })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  if (!meeting) return;
  const body = [meeting.agenda, meeting.notesText].filter((part) => part.trim()).join("\n\n");
  await tx.run(
    sql`insert into search_index (kind, object_id, workspace_id, title, body) values ('meeting', ${meetingId}, ${meeting.workspaceId}, ${meeting.title}, ${body})`,
  );
}

/**
 * Replaces the search row of one insight: its statement as the title, and who a barrier was
 * relayed to as the body. Never the excerpts: their words belong to logs some readers may not see.
 */
export async function indexInsightForSearch(tx: Tx, insight: { id: string; workspaceId: string; statement: string; relayedTo: string }): Promise<void> {
  await removeFromSearch(tx, "insight", insight.id);
  await tx.run(
    sql`insert into search_index (kind, object_id, workspace_id, title, body) values ('insight', ${insight.id}, ${insight.workspaceId}, ${insight.statement}, ${insight.relayedTo})`,
  );
}

export async function removeFromSearch(tx: Tx, kind: SearchKind, objectId: string): Promise<void> {
  await tx.run(sql`delete from search_index where kind = ${kind} and object_id = ${objectId}`);
}

/**
 * Turns what a person typed into a safe FTS5 query: every word quoted (so operators and quotes
 * in the input mean nothing), all words required, the last one as a prefix so a half-typed word
 * already matches. Null when there is nothing to search for.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

/** A snippet as plain-text pieces; `hit` pieces are the matched words (shown in <mark>). */
export type SnippetPart = { text: string; hit: boolean };

// Control characters cannot occur in stored text (derived text is plain, titles are form input
// trimmed by zod), so they mark matches unambiguously; the text around them is never HTML.
const OPEN = "\u0001";
const CLOSE = "\u0002";

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close < 0 ? "" : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

export const SEARCH_PAGE_SIZE = 20;

type SearchRow = {
  kind: SearchKind;
  id: string;
  visibility: string | null;
  set_id: string | null;
  set_name: string | null;
  starts_at: number | null;
  updated_at: number;
  title_hl: string;
  snip: string;
  rank: number;
};

type SearchInput = { workspaceId: string; userId: string; q: string };

/** Logs matching `match` that this person may read in the workspace (the visibility rule is in the where clause). */
function readableLogMatches(input: SearchInput, match: string) {
  return sql`from search_index
    join ${logs} on ${logs.id} = search_index.object_id
    where search_index match ${match}
      and search_index.kind = 'log'
      and search_index.workspace_id = ${input.workspaceId}
      and ${logs.workspaceId} = ${input.workspaceId}
      and ${logs.deletedAt} is null
      and ${readableLogCondition(input.userId)}`;
}

/** Meetings matching `match` whose set this person takes part in (what is said in the set stays in the set). */
function readableMeetingMatches(input: SearchInput, match: string) {
  return sql`from search_index
    join ${meetings} on ${meetings.id} = search_index.object_id
    join ${learningSets} on ${learningSets.id} = ${meetings.setId}
    where search_index match ${match}
      and search_index.kind = 'meeting'
      and search_index.workspace_id = ${input.workspaceId}
      and ${meetings.workspaceId} = ${input.workspaceId}
      and ${participatesInSetSql(meetings.setId, input.userId)}`;
}

/** Insights matching `match` in the workspace: every member may read an insight (its excerpts keep their logs' rule). */
function readableInsightMatches(input: SearchInput, match: string) {
  return sql`from search_index
    join ${insights} on ${insights.id} = search_index.object_id
    where search_index match ${match}
      and search_index.kind = 'insight'
      and search_index.workspace_id = ${input.workspaceId}
      and ${insights.workspaceId} = ${input.workspaceId}`;
}

export type SearchResult =
  | { kind: "log"; id: string; title: SnippetPart[]; visibility: string; updatedAt: number; snippet: SnippetPart[] }
  | { kind: "meeting"; id: string; title: SnippetPart[]; setId: string; setName: string; startsAt: number; updatedAt: number; snippet: SnippetPart[] }
  | { kind: "insight"; id: string; title: SnippetPart[]; insightKind: string; updatedAt: number; snippet: SnippetPart[] };

function toResult(r: SearchRow): SearchResult {
  const title = splitSnippet(r.title_hl);
  const snippet = splitSnippet(r.snip);
  if (r.kind === "meeting") {
    return {
      kind: "meeting",
      id: r.id,
      title: title.length ? title : [{ text: "Set meeting", hit: false }],
      setId: String(r.set_id),
      setName: String(r.set_name),
      startsAt: Number(r.starts_at),
      updatedAt: Number(r.updated_at),
      snippet,
    };
  }
  if (r.kind === "insight") return { kind: "insight", id: r.id, title, insightKind: String(r.visibility), updatedAt: Number(r.updated_at), snippet };
  return { kind: "log", id: r.id, title, visibility: String(r.visibility), updatedAt: Number(r.updated_at), snippet };
}

/**
 * Searches the titles and text of the logs, the titles, agendas and notes of the set meetings,
 * and the insights, this person may read in one workspace, best matches first. Nothing unreadable is ever
 * fetched or counted.
 */
export async function searchWorkspace(input: SearchInput & { limit?: number; offset?: number }): Promise<SearchResult[]> {
  const match = toFtsQuery(input.q);
  if (!match) return [];
  const rows = await db().all<SearchRow>(sql`
    select 'log' as kind, ${logs.id} as id, ${logs.visibility} as visibility, null as set_id, null as set_name, null as starts_at,
      ${logs.updatedAt} as updated_at,
      highlight(search_index, 3, char(1), char(2)) as title_hl,
      snippet(search_index, 4, char(1), char(2), '…', 24) as snip,
      bm25(search_index, 0, 0, 0, 4.0, 1.0) as rank
    ${readableLogMatches(input, match)}
    union all
    select 'meeting' as kind, ${meetings.id} as id, null as visibility, ${meetings.setId} as set_id, ${learningSets.name} as set_name,
      ${meetings.startsAt} as starts_at, ${meetings.updatedAt} as updated_at,
      highlight(search_index, 3, char(1), char(2)) as title_hl,
      snippet(search_index, 4, char(1), char(2), '…', 24) as snip,
      bm25(search_index, 0, 0, 0, 4.0, 1.0) as rank
    ${readableMeetingMatches(input, match)}
    union all
    select 'insight' as kind, ${insights.id} as id, ${insights.kind} as visibility, null as set_id, null as set_name, null as starts_at,
      ${insights.updatedAt} as updated_at,
      highlight(search_index, 3, char(1), char(2)) as title_hl,
      snippet(search_index, 4, char(1), char(2), '…', 24) as snip,
      bm25(search_index, 0, 0, 0, 4.0, 1.0) as rank
    ${readableInsightMatches(input, match)}
    order by rank, id
    limit ${input.limit ?? SEARCH_PAGE_SIZE} offset ${input.offset ?? 0}`);
  return rows.map(toResult);
}

/** One page of results (pages from 1; a page past the end shows the last one) and how many there are in all. */
export async function searchWorkspacePage(input: SearchInput & { page: number; pageSize?: number }) {
  const pageSize = input.pageSize ?? SEARCH_PAGE_SIZE;
  const match = toFtsQuery(input.q);
  if (!match) return { results: [] as SearchResult[], total: 0, page: 1, pageCount: 1 };
  const [{ total }] = await db().all<{ total: number }>(
    sql`select (select count(*) ${readableLogMatches(input, match)}) + (select count(*) ${readableMeetingMatches(input, match)}) + (select count(*) ${readableInsightMatches(input, match)}) as total`,
  );
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const results = await searchWorkspace({ ...input, limit: pageSize, offset: (page - 1) * pageSize });
  return { results, total: Number(total), page, pageCount };
}
