import { type LoaderFunctionArgs } from "@remix-run/node";

import { pickerQuerySchema } from "../models/insight/insight.schema";
import { getInsight, searchLinkTargets } from "../models/insight/insight.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { getClientIp } from "../utils/request.server";

/** The link picker's search as you type: `?pick=<kind>&q=<words>` → up to ten targets this person may see. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "insight:edit");
  const insight = await getInsight(access.workspace.id, params.id ?? "");
  if (!insight) throw await denyAccess(access, request, 404, { reason: "insight-not-found", insightId: params.id });
  const parsed = pickerQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ targets: [], error: "Choose what to link: an inquiry, case, journey event, spend figure, unit cost, indicator, action or decision" }, { status: 400 });
  const targets = await searchLinkTargets({ workspaceId: access.workspace.id, userId: access.user.id, kind: parsed.data.pick, q: parsed.data.q, ipAddress: getClientIp(request) });
  return Response.json({ targets: targets.map(({ id, label, detail }) => ({ id, label, detail })), error: null }, { headers: { "Cache-Control": "no-store" } });
}
