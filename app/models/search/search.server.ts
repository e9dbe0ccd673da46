import { sql } from "drizzle-orm";

import { logs } from "../../../db/schema/logs";
import { db, type Tx } from "../../utils/db.server";
import { readableLogCondition } from "../log/log-access.server";

/*
 * The FTS5 table `search_index` is created in db/migrate.ts (POST_MIGRATION_SQL). One row per
 * searchable object, named by `kind` + `object_id`; permission filters join back to the source.
 */

export type SearchKind = "log";

/** Replaces the search row of one log (title and derived plain text). */
export async function indexLogForSearch(tx: Tx, log: { id: string; workspaceId: string; title: string; text: string }): Promise<void> {
  await removeFromSearch(tx, "log", log.id);
  await tx.run(
    sql`insert into search_index (kind, object_id, workspace_id, title, body) values ('log', ${log.id}, ${log.workspaceId}, ${log.title}, ${log.text})`,
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

type SearchRow = { id: string; title: string; visibility: string; updated_at: number; title_hl: string; snip: string };

type SearchInput = { workspaceId: string; userId: string; q: string };

/** Matches of `match` among the logs this person may read in the workspace (the visibility rule is part of the where clause). */
function readableMatches(input: SearchInput, match: string) {
  return sql`from search_index
    join ${logs} on ${logs.id} = search_index.object_id
    where search_index match ${match}
      and search_index.kind = 'log'
      and search_index.workspace_id = ${input.workspaceId}
      and ${logs.workspaceId} = ${input.workspaceId}
      and ${logs.deletedAt} is null
      and ${readableLogCondition(input.userId)}`;
}

/**
 * Searches the titles and text of the logs this person may read in one workspace, best matches
 * first. Nothing unreadable is ever fetched or counted.
 */
export async function searchWorkspace(input: SearchInput & { limit?: number; offset?: number }) {
  const match = toFtsQuery(input.q);
  if (!match) return [];
  const rows = await db().all<SearchRow>(sql`
    select ${logs.id} as id, ${logs.title} as title, ${logs.visibility} as visibility, ${logs.updatedAt} as updated_at,
      highlight(search_index, 3, char(1), char(2)) as title_hl,
      snippet(search_index, 4, char(1), char(2), '…', 24) as snip
    ${readableMatches(input, match)}
    order by bm25(search_index, 0, 0, 0, 4.0, 1.0), ${logs.id}
    limit ${input.limit ?? SEARCH_PAGE_SIZE} offset ${input.offset ?? 0}`);
  return rows.map((r) => ({
    kind: "log" as const,
    id: r.id,
    title: splitSnippet(r.title_hl),
    visibility: r.visibility,
    updatedAt: Number(r.updated_at),
    snippet: splitSnippet(r.snip),
  }));
}

/** One page of results (pages from 1; a page past the end shows the last one) and how many there are in all. */
export async function searchWorkspacePage(input: SearchInput & { page: number; pageSize?: number }) {
  const pageSize = input.pageSize ?? SEARCH_PAGE_SIZE;
  const match = toFtsQuery(input.q);
  if (!match) return { results: [], total: 0, page: 1, pageCount: 1 };
  const [{ total }] = await db().all<{ total: number }>(sql`select count(*) as total ${readableMatches(input, match)}`);
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const results = await searchWorkspace({ ...input, limit: pageSize, offset: (page - 1) * pageSize });
  return { results, total: Number(total), page, pageCount };
}
