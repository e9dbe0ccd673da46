import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { db } from "../../../app/utils/db.server";
import { getDb } from "../../../db/client";
import { insightCases, insightExcerpts, insights } from "../../../db/schema/insights";
import { logs } from "../../../db/schema/logs";
import { seedDemo } from "../../../db/seed";
import { linkDemoInsight } from "../../../db/seeds/insights";
import { makeCase, makeIndicator } from "./evidence-rows";

describe("the demo seed's insights", () => {
  it("quote their logs through marks in the documents, name local and national barriers, and take evidence links one call each", async () => {
    const foundation = await seedDemo();
    const rows = await db().select().from(insights).where(eq(insights.workspaceId, foundation.workspaceId));
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.kind === "barrier").map((r) => r.barrierLevel).sort()).toEqual(["local", "national"]);
    expect(rows.find((r) => r.barrierLevel === "national")?.relayedTo).toContain("Scottish Government");

    const excerpts = await db().select({ text: insightExcerpts.text, derivedAt: insightExcerpts.derivedAt, logText: logs.contentText }).from(insightExcerpts).innerJoin(logs, eq(logs.id, insightExcerpts.logId));
    expect(excerpts).toHaveLength(6);
    for (const e of excerpts) {
      // Read back from the document on compaction, and really in the log's text.
      expect(e.derivedAt).not.toBeNull();
      expect(e.logText).toContain(e.text);
    }

    const caseId = await makeCase(foundation.workspaceId, "MUS-0001");
    await makeIndicator(foundation.workspaceId, "Children looked after away from home");
    const { db: seedDb } = getDb();
    await linkDemoInsight(seedDb, foundation, { insight: "Families are assessed again and again", kind: "case", match: "MUS-0001" });
    await linkDemoInsight(seedDb, foundation, { insight: "Families are assessed again and again", kind: "indicator", match: "looked after" });
    const linked = await db().select().from(insightCases).where(eq(insightCases.caseId, caseId));
    expect(linked).toHaveLength(1);
    await expect(linkDemoInsight(seedDb, foundation, { insight: "Families are assessed again and again", kind: "case", match: "NO-SUCH-CASE" })).rejects.toThrow('No case matches "NO-SUCH-CASE"');
  });
});
