import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { deriveContent, ydocFromProsemirrorJson } from "../../../app/collab/content.server";
import { createInsight } from "../../../app/models/insight/insight.server";
import { onLogDerived } from "../../../app/models/log/log-document.server";
import { loader as barriersLoader } from "../../../app/routes/w.$ws.barriers";
import { loader as inquiryLoader } from "../../../app/routes/w.$ws.inquiries.$id";
import { action as insightAction, loader as insightLoader } from "../../../app/routes/w.$ws.insights.$id";
import { loader as targetsLoader } from "../../../app/routes/w.$ws.insights.$id_.targets";
import { action as insightsAction, loader as insightsLoader } from "../../../app/routes/w.$ws.insights._index";
import { loader as optionsLoader } from "../../../app/routes/w.$ws.insights.options";
import { loader as searchLoader } from "../../../app/routes/w.$ws.search";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { insightActions, insightCases, insightExcerpts, insights } from "../../../db/schema/insights";
import { makeAgency } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { makeAction, makeCase, makeIndicator, makeInquiry, makeJourneyEvent, makeSpendLine, makeUnitCost } from "./evidence-rows";
import { FINDING, makeInsight, makeInsightWorld, type InsightWorld } from "./world";

let world: InsightWorld;

beforeAll(async () => {
  world = await makeInsightWorld();
});

/** A compaction of the log whose text is `before`, `words` (under the insight's mark) and `after`. */
async function compactWithMark(logId: string, insightId: string, before: string, words: string, after: string) {
  const doc = ydocFromProsemirrorJson({
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: before },
          { type: "text", text: words, marks: [{ type: "insightExcerpt", attrs: { insightId } }] },
          { type: "text", text: after },
        ],
      },
    ],
  });
  const { json, text } = deriveContent(doc);
  await onLogDerived(logId, { json, text, state: Y.encodeStateAsUpdate(doc), editorUserIds: [world.ws.users.member.id], lastEditAt: Date.now() });
}

type Detail = {
  insight: {
    excerpts: Array<{ readable: boolean; text?: string; removed: boolean }>;
    links: Record<string, { items: Array<{ id: string; label: string; detail: string }>; hidden: number }>;
    strength: { pieces: number; agencies: number; stale: number; summary: string };
  };
};

async function detail(cookie: string, insightId: string, search = "") {
  const result = await callRoute(insightLoader, getRequest(`/w/${world.ws.slug}/insights/${insightId}${search}`, { cookie }), { ws: world.ws.slug, id: insightId });
  return { status: result.status, data: result.data as Detail & { picker: { results: Array<{ id: string; label: string; detail: string }> | null } } };
}

async function targets(cookie: string, insightId: string, pick: string, q: string) {
  const result = await callRoute(targetsLoader, getRequest(`/w/${world.ws.slug}/insights/${insightId}/targets?pick=${pick}&q=${encodeURIComponent(q)}`, { cookie }), {
    ws: world.ws.slug,
    id: insightId,
  });
  expect(result.response?.headers.get("Content-Type")).toMatch(/^application\/json/);
  return { status: result.status, targets: ((await result.response?.json()) as { targets: Array<{ id: string; label: string; detail: string }> }).targets };
}

async function post(action: typeof insightAction, path: string, params: Record<string, string>, cookie: string, form: Record<string, string>) {
  return callRoute(action, postRequest(path, form, { cookie }), params);
}

describe("excerpts and who may read them", () => {
  it("a reader who may not see the log sees that an excerpt exists, never its words", async () => {
    const logId = world.logs.private;
    const { id } = await makeInsight(world.ws, {}, { excerpt: { logId, quote: "wombatine" } });
    await compactWithMark(logId, id, "Only the author knows that ", "the wombatine family was assessed four times", " this spring.");
    const [row] = await db().select().from(insightExcerpts).where(eq(insightExcerpts.insightId, id));
    expect(row.text).toBe("the wombatine family was assessed four times");

    const author = await detail(world.ws.users.member.cookie, id);
    expect(author.data.insight.excerpts).toEqual([expect.objectContaining({ readable: true, text: "the wombatine family was assessed four times", removed: false })]);
    for (const reader of [world.ws.users.owner, world.ws.users.evaluator, world.setPeer]) {
      const seen = await detail(reader.cookie, id);
      expect(seen.status).toBe(200);
      expect(seen.data.insight.excerpts).toEqual([{ id: row.id, readable: false, removed: false }]);
      expect(JSON.stringify(seen.data)).not.toContain("wombatine");
    }
  });

  it("an excerpt whose words are deleted is kept and reported removed, and an undo that brings the mark back clears it", async () => {
    const logId = world.logs.workspace;
    const { id } = await makeInsight(world.ws, {}, { excerpt: { logId, quote: "x" } });
    await compactWithMark(logId, id, "First ", "the marked words", " after.");
    const plainDoc = ydocFromProsemirrorJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "First after." }] }] });
    const derived = deriveContent(plainDoc);
    await onLogDerived(logId, { ...derived, state: Y.encodeStateAsUpdate(plainDoc), editorUserIds: [world.ws.users.member.id], lastEditAt: Date.now() });
    const [removed] = await db().select().from(insightExcerpts).where(eq(insightExcerpts.insightId, id));
    expect(removed.removedAt).not.toBeNull();
    expect(removed.text).toBe("the marked words");
    await compactWithMark(logId, id, "First ", "the marked words", " after.");
    const [back] = await db().select().from(insightExcerpts).where(eq(insightExcerpts.insightId, id));
    expect(back.removedAt).toBeNull();
  });

  it("a set log's excerpt is read by the set's participants only", async () => {
    const logId = world.logs.set;
    const { id } = await makeInsight(world.ws, {}, { excerpt: { logId, quote: "x" } });
    await compactWithMark(logId, id, "In the set: ", "numbatoid rent arrears come first", ".");
    expect((await detail(world.setPeer.cookie, id)).data.insight.excerpts[0]).toMatchObject({ readable: true, text: "numbatoid rent arrears come first" });
    expect((await detail(world.ws.users.facilitator.cookie, id)).data.insight.excerpts[0]).toMatchObject({ readable: true });
    const outsider = await detail(world.ws.users.analyst.cookie, id);
    expect(outsider.data.insight.excerpts[0]).toMatchObject({ readable: false });
    expect(JSON.stringify(outsider.data)).not.toContain("numbatoid");
  });

  it("creating an insight from a selection needs edit rights on the log: evaluators get 403, people who cannot read it 404, and nothing is stored", async () => {
    const before = await db().select({ id: insights.id }).from(insights).where(eq(insights.workspaceId, world.ws.id));
    const form = { intent: "create-from-excerpt", logId: world.logs.workspace, quote: "some words", statement: "An insight from words selected in a log", kind: "finding" };
    const path = `/w/${world.ws.slug}/insights?index`;
    const params = { ws: world.ws.slug };
    expect((await post(insightsAction, path, params, world.ws.users.evaluator.cookie, form)).status).toBe(403);
    expect((await post(insightsAction, path, params, world.ws.users.owner.cookie, { ...form, logId: world.logs.private })).status).toBe(404);
    expect((await post(insightsAction, path, params, world.foreign.cookie, form)).status).toBe(404);
    const after = await db().select({ id: insights.id }).from(insights).where(eq(insights.workspaceId, world.ws.id));
    expect(after.length).toBe(before.length);

    const made = await post(insightsAction, path, params, world.ws.users.analyst.cookie, form);
    expect(made.status).toBe(200);
    const insightId = (made.data as { insightId: string }).insightId;
    const [excerpt] = await db().select().from(insightExcerpts).where(eq(insightExcerpts.insightId, insightId));
    expect(excerpt).toMatchObject({ logId: world.logs.workspace, text: "some words", derivedAt: null });
  });
});

describe("the link picker and links", () => {
  it("offers only what the person may see: set actions stay in the set, other workspaces never appear, and journey events come by reference without their description", async () => {
    const { id } = await makeInsight(world.ws);
    const setAction = await makeAction(world.ws.id, world.ws.users.member.id, "Bring the quollish police contact list to the set", world.setId);
    const openAction = await makeAction(world.ws.id, world.ws.users.owner.id, "Write to the quollish housing association");
    await makeAction(world.other.id, world.other.owner.id, "A quollish action of another partnership");
    const caseId = await makeCase(world.ws.id, "MUS-0042");
    await makeCase(world.other.id, "MUS-0043");
    await makeJourneyEvent(world.ws.id, caseId, { occurredOn: "2014-10-03", kind: "assessment", agencyId: null, description: "Assessment at the echidnal address" });

    const member = await targets(world.ws.users.member.cookie, id, "action", "quollish");
    expect(member.targets.map((t) => t.id).sort()).toEqual([setAction, openAction].sort());
    const owner = await targets(world.ws.users.owner.cookie, id, "action", "quollish");
    expect(owner.targets.map((t) => t.id)).toEqual([openAction]);

    const cases = await targets(world.ws.users.member.cookie, id, "case", "MUS-004");
    expect(cases.targets.map((t) => t.label)).toEqual(["Case MUS-0042"]);
    const events = await targets(world.ws.users.member.cookie, id, "journeyEvent", "MUS-0042");
    expect(events.targets).toHaveLength(1);
    expect(events.targets[0].label).toBe("Assessment, 3 Oct 2014 (case MUS-0042)");
    expect(JSON.stringify(events.targets)).not.toContain("echidnal");

    // Without JavaScript the same search comes with the insight page.
    const plain = await detail(world.ws.users.member.cookie, id, "?pick=case&q=MUS-004");
    expect(plain.data.picker.results?.map((t) => t.label)).toEqual(["Case MUS-0042"]);
    // Evaluators do not link: the search is refused.
    expect((await callRoute(targetsLoader, getRequest(`/w/${world.ws.slug}/insights/${id}/targets?pick=case&q=`, { cookie: world.ws.users.evaluator.cookie }), { ws: world.ws.slug, id })).status).toBe(403);
  });

  it("the log's “Link to an existing insight” search offers this workspace's insights that are not dropped, by their words, and another workspace's never", async () => {
    const live = await makeInsight(world.ws, { statement: "Bandicootish outreach reaches families early" });
    await makeInsight(world.ws, { statement: "Bandicootish pilot that the board dropped", status: "dropped" });
    await makeInsight(world.ws, { statement: "Unrelated words entirely, for the options test" });
    await createInsight({ userId: world.other.owner.id }, world.other.id, { ...FINDING, statement: "Bandicootish insight of another partnership" });
    const options = async (cookie: string, q: string) => {
      const result = await callRoute(optionsLoader, getRequest(`/w/${world.ws.slug}/insights/options?q=${encodeURIComponent(q)}`, { cookie }), { ws: world.ws.slug });
      const body = result.status === 200 ? ((await result.response?.json()) as { targets: Array<{ id: string; label: string; detail: string }> }) : null;
      return { status: result.status, targets: body?.targets ?? [] };
    };
    const found = await options(world.ws.users.member.cookie, "bandicootish");
    expect(found.targets).toEqual([{ id: live.id, label: "Bandicootish outreach reaches families early", detail: "Finding · Emerging" }]);
    // The user's % and _ are taken literally.
    expect((await options(world.ws.users.member.cookie, "%")).targets).toEqual([]);
    // Evaluators comment but do not quote: the search is refused.
    expect((await options(world.ws.users.evaluator.cookie, "bandicootish")).status).toBe(403);
  });

  it("linking something the person may not see is refused with a clear message and stores nothing", async () => {
    const { id } = await makeInsight(world.ws);
    const setAction = await makeAction(world.ws.id, world.ws.users.member.id, "A set-only action", world.setId);
    const foreignCase = await makeCase(world.other.id, "OTHER-001");
    const path = `/w/${world.ws.slug}/insights/${id}`;
    const params = { ws: world.ws.slug, id };
    const refused = await post(insightAction, path, params, world.ws.users.owner.cookie, { intent: "link", kind: "action", targetId: setAction });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("Choose an item from the list: that one is not available to you");
    const foreign = await post(insightAction, path, params, world.ws.users.member.cookie, { intent: "link", kind: "case", targetId: foreignCase });
    expect(foreign.status).toBe(400);
    const missing = await post(insightAction, path, params, world.ws.users.member.cookie, { intent: "link", kind: "case" });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.data)).toContain("Choose an item from the list to link");
    const unknownKind = await post(insightAction, path, params, world.ws.users.member.cookie, { intent: "link", kind: "password", targetId: "x" });
    expect(unknownKind.status).toBe(400);
    expect(await db().select().from(insightActions).where(eq(insightActions.insightId, id))).toEqual([]);
    expect(await db().select().from(insightCases).where(eq(insightCases.insightId, id))).toEqual([]);
  });

  it("someone outside the set sees that a set action is linked, not what it is", async () => {
    const { id } = await makeInsight(world.ws);
    const setAction = await makeAction(world.ws.id, world.ws.users.member.id, "Dunnartish plan agreed in the set", world.setId);
    const linked = await post(insightAction, `/w/${world.ws.slug}/insights/${id}`, { ws: world.ws.slug, id }, world.ws.users.member.cookie, { intent: "link", kind: "action", targetId: setAction });
    expect(linked.status).toBe(302);
    const inside = await detail(world.setPeer.cookie, id);
    expect(inside.data.insight.links.action).toEqual({ items: [expect.objectContaining({ id: setAction })], hidden: 0 });
    const outside = await detail(world.ws.users.evaluator.cookie, id);
    expect(outside.data.insight.links.action).toEqual({ items: [], hidden: 1 });
    expect(JSON.stringify(outside.data)).not.toContain("Dunnartish");
  });

  it("the strength of evidence counts the pieces and their agencies and flags a 2008-09 unit cost as stale; links and reads of case references are audited", async () => {
    const { id } = await makeInsight(world.ws);
    const police = await makeAgency(world.ws.id, "Police Scotland (strength test)", "council");
    const council = await makeAgency(world.ws.id, "East Lothian Council (strength test)", "council");
    const caseId = await makeCase(world.ws.id, "STR-001", council);
    const eventId = await makeJourneyEvent(world.ws.id, caseId, { occurredOn: "2015-01-12", kind: "crisis", agencyId: police, description: "" });
    const spendId = await makeSpendLine(world.ws.id, { financialYear: 2014, agencyId: council, service: "Children's services", amountPence: 1_234_567_89 });
    const oldCost = await makeUnitCost(world.ws.id, { description: "Foster care place (strength test)", priceYear: "2008-09", fiscalCostPence: 2_800_000 });
    const indicatorId = await makeIndicator(world.ws.id, "Children accommodated (strength test)");
    const path = `/w/${world.ws.slug}/insights/${id}`;
    const params = { ws: world.ws.slug, id };
    for (const [kind, targetId] of [
      ["case", caseId],
      ["journeyEvent", eventId],
      ["spendLine", spendId],
      ["unitCost", oldCost],
      ["indicator", indicatorId],
    ] as const) {
      expect((await post(insightAction, path, params, world.ws.users.member.cookie, { intent: "link", kind, targetId })).status).toBe(302);
    }
    const seen = await detail(world.ws.users.analyst.cookie, id);
    expect(seen.data.insight.strength).toMatchObject({ pieces: 5, agencies: 2, stale: 1 });
    expect(seen.data.insight.strength.summary).toBe("5 pieces of evidence from 2 agencies; 1 stale unit cost");
    expect(seen.data.insight.links.spendLine.items[0].label).toBe("East Lothian Council (strength test): Children's services, 2014-15, £1,234,567.89");

    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.workspaceId, world.ws.id), eq(auditEvents.targetId, id)));
    const kinds = audit.map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(["insight.created", "insight.case-linked", "insight.linked", "case.referenced"]));
    const read = audit.find((a) => a.kind === "case.referenced" && a.actorUserId === world.ws.users.analyst.id);
    expect(read?.detail).toMatchObject({ caseIds: [caseId], journeyEventIds: [eventId] });

    const unlinked = await post(insightAction, path, params, world.ws.users.member.cookie, { intent: "unlink", kind: "unitCost", targetId: oldCost });
    expect(unlinked.status).toBe(302);
    expect((await detail(world.ws.users.analyst.cookie, id)).data.insight.strength).toMatchObject({ pieces: 4, stale: 0 });
  });
});

describe("insight forms, board, barrier register, search and the trail", () => {
  it("bad input is refused with a specific message and stores nothing", async () => {
    const path = `/w/${world.ws.slug}/insights?index`;
    const params = { ws: world.ws.slug };
    const cookie = world.ws.users.member.cookie;
    const count = async () => (await db().select({ id: insights.id }).from(insights).where(eq(insights.workspaceId, world.ws.id))).length;
    const before = await count();
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: "create", statement: "Too short", kind: "finding" }, "The insight should be at least 10 characters"],
      [{ intent: "create", statement: "A barrier with no level given at all", kind: "barrier" }, "Choose whether the barrier is local (ours to fix) or national (to relay to government)"],
      [{ intent: "create", statement: "A finding that claims a barrier level", kind: "finding", barrierLevel: "national" }, "Only a barrier has a level"],
      [{ intent: "create", statement: "An insight of an unknown kind", kind: "hunch" }, "Choose what kind of insight this is"],
      [{ intent: "create", statement: "An insight about a foreign inquiry", kind: "finding", inquiryId: await makeInquiry(world.other.id, "Another partnership's question?") }, "Choose an inquiry question of this workspace"],
      [{ intent: "create", statement: "x".repeat(1001), kind: "finding" }, "The insight must be 1,000 characters or fewer"],
    ];
    for (const [form, message] of cases) {
      const result = await post(insightsAction, path, params, cookie, form);
      expect(result.status, message).toBe(400);
      expect(JSON.stringify(result.data), message).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it("the board groups an inquiry's insights by status and filters by kind; the barrier register splits local from national", async () => {
    const inquiryId = await makeInquiry(world.ws.id, "How can we prevent families hitting crisis (board test)?");
    const path = `/w/${world.ws.slug}/insights?index`;
    const params = { ws: world.ws.slug };
    const cookie = world.ws.users.member.cookie;
    const made = await post(insightsAction, path, params, cookie, { intent: "create", statement: "Local barrier on the board test", kind: "barrier", barrierLevel: "local", status: "tested", inquiryId });
    expect(made.status).toBe(302);
    await post(insightsAction, path, params, cookie, {
      intent: "create",
      statement: "National barrier on the board test",
      kind: "barrier",
      barrierLevel: "national",
      relayedTo: "Scottish Government",
      inquiryId,
    });
    await post(insightsAction, path, params, cookie, { intent: "create", statement: "A finding on the board test", kind: "finding", inquiryId });
    await makeInsight(world.ws, { statement: "An insight of no inquiry (board test)" });

    type Board = { insights: Array<{ statement: string; status: string; kind: string }> };
    const board = (await callRoute(insightsLoader, getRequest(`/w/${world.ws.slug}/insights?inquiry=${inquiryId}`, { cookie: world.ws.users.evaluator.cookie }), params)).data as Board;
    expect(board.insights.map((i) => i.statement).sort()).toEqual(["A finding on the board test", "Local barrier on the board test", "National barrier on the board test"]);
    expect(board.insights.find((i) => i.statement.startsWith("Local"))?.status).toBe("tested");
    const barriersOnly = (await callRoute(insightsLoader, getRequest(`/w/${world.ws.slug}/insights?inquiry=${inquiryId}&kind=barrier`, { cookie }), params)).data as Board;
    expect(barriersOnly.insights.map((i) => i.kind)).toEqual(["barrier", "barrier"]);

    type Register = { barriers: Array<{ statement: string; relayedTo: string }> };
    const national = (await callRoute(barriersLoader, getRequest(`/w/${world.ws.slug}/barriers?level=national`, { cookie }), params)).data as Register;
    expect(national.barriers.map((b) => b.statement)).toContain("National barrier on the board test");
    expect(national.barriers.map((b) => b.statement)).not.toContain("Local barrier on the board test");
    expect(national.barriers.find((b) => b.statement.startsWith("National"))?.relayedTo).toBe("Scottish Government");
    const local = (await callRoute(barriersLoader, getRequest(`/w/${world.ws.slug}/barriers?level=local`, { cookie }), params)).data as Register;
    expect(local.barriers.map((b) => b.statement)).toContain("Local barrier on the board test");
    expect(local.barriers.map((b) => b.statement)).not.toContain("National barrier on the board test");
  });

  it("insights are found in search by everyone in the workspace and never from another one, and an edit is searchable at once", async () => {
    const { id } = await makeInsight(world.ws, { statement: "Pademelonic outreach keeps children at home" });
    type Results = { results: Array<{ kind: string; id: string }> };
    const search = async (cookie: string, slug: string, q: string) =>
      ((await callRoute(searchLoader, getRequest(`/w/${slug}/search?q=${q}`, { cookie }), { ws: slug })).data as Results | null)?.results ?? [];
    for (const user of Object.values(world.ws.users)) expect((await search(user.cookie, world.ws.slug, "pademelonic")).map((r) => `${r.kind}:${r.id}`)).toEqual([`insight:${id}`]);
    expect(await search(world.other.owner.cookie, world.other.slug, "pademelonic")).toEqual([]);
    const saved = await post(insightAction, `/w/${world.ws.slug}/insights/${id}`, { ws: world.ws.slug, id }, world.ws.users.member.cookie, {
      intent: "update",
      statement: "Bilbyesque outreach keeps children at home",
      kind: "opportunity",
      status: "adopted",
      confidence: "high",
    });
    expect(saved.status).toBe(302);
    expect(await search(world.ws.users.member.cookie, world.ws.slug, "pademelonic")).toEqual([]);
    expect((await search(world.ws.users.member.cookie, world.ws.slug, "bilbyesque")).map((r) => r.id)).toEqual([id]);
    const [row] = await db().select().from(insights).where(eq(insights.id, id));
    expect(row).toMatchObject({ kind: "opportunity", status: "adopted", confidence: "high", barrierLevel: null });
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.kind, "insight.updated")));
    expect(audit).toHaveLength(1);
  });

  it("the inquiry's learning trail shows its insights, the evidence behind them and the indicators they watch", async () => {
    const inquiryId = await makeInquiry(world.ws.id, "How can we capture the learning at all levels (trail test)?");
    const { id } = await makeInsight(world.ws, { statement: "Outcome-free interventions teach nothing (trail test)" }, { inquiryId });
    const indicatorId = await makeIndicator(world.ws.id, "School attendance of the six families (trail test)");
    const caseId = await makeCase(world.ws.id, "TRAIL-007");
    for (const [kind, targetId] of [
      ["indicator", indicatorId],
      ["case", caseId],
    ] as const) {
      await post(insightAction, `/w/${world.ws.slug}/insights/${id}`, { ws: world.ws.slug, id }, world.ws.users.member.cookie, { intent: "link", kind, targetId });
    }
    type Trail = { insights: Array<{ id: string; links: Record<string, { items: Array<{ label: string }> }> }> };
    const trail = (await callRoute(inquiryLoader, getRequest(`/w/${world.ws.slug}/inquiries/${inquiryId}`, { cookie: world.ws.users.evaluator.cookie }), { ws: world.ws.slug, id: inquiryId })).data as Trail;
    expect(trail.insights.map((i) => i.id)).toEqual([id]);
    expect(trail.insights[0].links.indicator.items.map((i) => i.label)).toEqual(["School attendance of the six families (trail test)"]);
    expect(trail.insights[0].links.case.items.map((i) => i.label)).toEqual(["Case TRAIL-007"]);
  });

  it("a foreign workspace's insight is not found, whatever the URL", async () => {
    const member = await (await import("../../helpers/factories")).addMember(world.other, "member");
    const { id } = await createInsight({ userId: member.id }, world.other.id, { statement: "Another partnership's private finding", kind: "finding", status: "emerging", confidence: "low", relayedTo: "" });
    const seen = await callRoute(insightLoader, getRequest(`/w/${world.ws.slug}/insights/${id}`, { cookie: world.ws.users.owner.cookie }), { ws: world.ws.slug, id });
    expect(seen.status).toBe(404);
    const edit = await post(insightAction, `/w/${world.ws.slug}/insights/${id}`, { ws: world.ws.slug, id }, world.ws.users.owner.cookie, { intent: "update", statement: "Hijacked statement text", kind: "finding" });
    expect(edit.status).toBe(404);
    const [row] = await db().select().from(insights).where(eq(insights.id, id));
    expect(row.statement).toBe("Another partnership's private finding");
  });
});
