import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent, ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { onLogDerived } from "../../../app/models/log/log-document.server";
import { SNAPSHOT_INTERVAL_MS } from "../../../app/models/log/log.policy";
import { splitSnippet, toFtsQuery } from "../../../app/models/search/search.server";
import { Highlighted, loader as searchLoader } from "../../../app/routes/w.$ws.search";
import { db } from "../../../app/utils/db.server";
import { logAuthors, logs, logVersions } from "../../../db/schema/logs";
import { makeWorkspaceWithRoles } from "../../helpers/factories";
import { callRoute, getRequest } from "../../helpers/requests";
import { actorFor, makeLog } from "./world";

function derivedFrom(paragraphs: string[], editorUserIds: string[], lastEditAt = Date.now()) {
  const doc = ydocFromProsemirrorJson({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
  const { json, text } = deriveContent(doc);
  return { json, text, state: Y.encodeStateAsUpdate(doc), editorUserIds, lastEditAt };
}

type SearchPage = {
  results: Array<{ id: string; title: Array<{ text: string; hit: boolean }>; snippet: Array<{ text: string; hit: boolean }> }>;
  total: number;
  page: number;
  pageCount: number;
};

async function searchPage(ws: { slug: string }, cookie: string, q: string, page?: string): Promise<SearchPage> {
  const url = `/w/${ws.slug}/search?q=${encodeURIComponent(q)}${page === undefined ? "" : `&page=${encodeURIComponent(page)}`}`;
  const result = await callRoute(searchLoader, getRequest(url, { cookie }), { ws: ws.slug });
  return result.data as SearchPage;
}

async function search(ws: { slug: string }, cookie: string, q: string) {
  return (await searchPage(ws, cookie, q)).results;
}

describe("derived content, authors and search", () => {
  it("a compaction updates the log's text, adds everyone who edited as an author and makes new words searchable", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Outreach in Midlothian" });
    expect(await search(ws, ws.users.analyst.cookie, "reconfigured")).toEqual([]);
    const at = Date.now() + 1000;
    await onLogDerived(log.id, derivedFrom(["82 children stayed with their families once the residential workforce was reconfigured."], [ws.users.facilitator.id], at));
    const [row] = await db().select().from(logs).where(eq(logs.id, log.id));
    expect(row.contentText).toContain("82 children stayed");
    expect(row.updatedAt).toBe(at);
    const authors = await db().select({ userId: logAuthors.userId }).from(logAuthors).where(eq(logAuthors.logId, log.id));
    expect(authors.map((a) => a.userId).sort()).toEqual([ws.users.member.id, ws.users.facilitator.id].sort());
    const results = await search(ws, ws.users.analyst.cookie, "reconfigured");
    expect(results.map((r) => r.id)).toEqual([log.id]);
    expect(results[0].snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(["reconfigured"]);
    // A half-typed word already matches.
    expect((await search(ws, ws.users.analyst.cookie, "residen")).map((r) => r.id)).toEqual([log.id]);
  });

  it("periodic snapshots are taken at most once per ten minutes of editing", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Snapshots" });
    const t0 = Date.now();
    await onLogDerived(log.id, derivedFrom(["first"], [ws.users.member.id], t0));
    await onLogDerived(log.id, derivedFrom(["second"], [ws.users.member.id], t0 + 60_000));
    await onLogDerived(log.id, derivedFrom(["third, nobody edited"], [], t0 + SNAPSHOT_INTERVAL_MS + 1));
    await onLogDerived(log.id, derivedFrom(["fourth"], [ws.users.member.id], t0 + SNAPSHOT_INTERVAL_MS + 2));
    const versions = await db().select().from(logVersions).where(eq(logVersions.logId, log.id));
    expect(versions.map((v) => v.contentText).sort()).toEqual(["first", "fourth"]);
    expect(versions.every((v) => v.kind === "periodic")).toBe(true);
  });

  it("search snippets carry text only, so HTML in a log is shown as text and only matches are marked", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Escaping <b>test</b>" });
    await onLogDerived(log.id, derivedFrom(['A note with <script>alert("x")</script> and <img src=x onerror=alert(1)> pathfinder words.'], [ws.users.member.id]));
    const [result] = await search(ws, ws.users.member.cookie, "pathfinder");
    expect(result.id).toBe(log.id);
    const html = renderToStaticMarkup(createElement(Highlighted, { parts: result.snippet }));
    expect(html).toContain("<mark");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    const title = renderToStaticMarkup(createElement(Highlighted, { parts: result.title }));
    expect(title).toContain("&lt;b&gt;test&lt;/b&gt;");
  });

  it("search input is never FTS syntax: quotes, operators and columns are just words", async () => {
    expect(toFtsQuery('title:foo OR "bar" NEAR(x)')).toBe('"title" "foo" "OR" "bar" "NEAR" "x"*');
    expect(toFtsQuery("  ")).toBeNull();
    expect(splitSnippet("a \u0001b\u0002 c")).toEqual([
      { text: "a ", hit: false },
      { text: "b", hit: true },
      { text: " c", hit: false },
    ]);
    const ws = await makeWorkspaceWithRoles();
    expect(await search(ws, ws.users.member.cookie, '") OR 1=1 --')).toEqual([]);
  });

  it("deleted logs are not found by search", async () => {
    const ws = await makeWorkspaceWithRoles();
    const log = await makeLog(actorFor(ws.users.member, "member", ws.id), { title: "Vanishing heliotrope" });
    expect((await search(ws, ws.users.member.cookie, "heliotrope")).map((r) => r.id)).toEqual([log.id]);
    await db().update(logs).set({ deletedAt: Date.now() }).where(eq(logs.id, log.id));
    expect(await search(ws, ws.users.member.cookie, "heliotrope")).toEqual([]);
  });

  it("search results come 20 to a page with the number of readable matches; odd page numbers are corrected", async () => {
    const ws = await makeWorkspaceWithRoles();
    const author = actorFor(ws.users.member, "member", ws.id);
    const ids: string[] = [];
    for (let i = 1; i <= 23; i++) ids.push((await makeLog(author, { title: `Kestrel review ${i}` })).id);
    // Someone else's private log matches too, but is neither shown nor counted.
    await makeLog(actorFor(ws.users.facilitator, "facilitator", ws.id), { title: "Kestrel private", visibility: "private" });

    const first = await searchPage(ws, ws.users.analyst.cookie, "kestrel");
    expect(first).toMatchObject({ total: 23, page: 1, pageCount: 2 });
    expect(first.results).toHaveLength(20);
    const second = await searchPage(ws, ws.users.analyst.cookie, "kestrel", "2");
    expect(second).toMatchObject({ total: 23, page: 2, pageCount: 2 });
    expect(second.results).toHaveLength(3);
    expect([...first.results, ...second.results].map((r) => r.id).sort()).toEqual([...ids].sort());

    expect(await searchPage(ws, ws.users.analyst.cookie, "kestrel", "99")).toMatchObject({ page: 2, results: second.results });
    expect(await searchPage(ws, ws.users.analyst.cookie, "kestrel", "two")).toMatchObject({ page: 1, results: first.results });
    expect(await searchPage(ws, ws.users.analyst.cookie, "kestrel", "-1")).toMatchObject({ page: 1 });
  });
});
