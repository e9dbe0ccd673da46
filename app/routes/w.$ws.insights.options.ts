import { type LoaderFunctionArgs } from "@remix-run/node";

import { insightOptionsQuerySchema } from "../models/insight/insight.schema";
import { searchInsightOptions } from "../models/insight/insight.server";
import { requireWorkspaceAccess } from "../utils/access.server";

/** The log's "Link to an existing insight" search as you type: `?q=<words>` → up to ten insights. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "insight:edit");
  const { q } = insightOptionsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const targets = await searchInsightOptions({ workspaceId: access.workspace.id, q });
  return Response.json({ targets, error: null }, { headers: { "Cache-Control": "no-store" } });
}
