import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { db } from "../../../app/utils/db.server";
import { indicators } from "../../../db/schema/indicators";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeExportWorld } from "../export/world";

type Handler = Parameters<typeof callRoute>[0];
const inquiryRoute = (await import("../../../app/routes/w.$ws.inquiries.$id")) as { loader: Handler };

describe("the inquiry's learning trail", () => {
  it("ends in the trends of the indicators its insights are linked to: the verdict and the chart", async () => {
    const world = await makeExportWorld();
    const [indicator] = await db().select().from(indicators).where(eq(indicators.workspaceId, world.ws.id));
    const result = await callRoute(inquiryRoute.loader, getRequest(`/w/${world.ws.slug}/inquiries/${world.inquiryId}`, { cookie: world.ws.users.evaluator.cookie }), {
      ws: world.ws.slug,
      id: world.inquiryId,
    });
    expect(result.status).toBe(200);
    const { trends } = result.data as { trends: Record<string, { verdict: string; svg: string | null }> };
    expect(Object.keys(trends)).toEqual([indicator.id]);
    expect(trends[indicator.id].verdict).toMatch(/right way/i);
    expect(trends[indicator.id].svg).toMatch(/^<svg[\s\S]*data-/);
    expect(trends[indicator.id].svg).not.toContain('id="trend-title"');
  });
});
