import type { LoaderFunctionArgs } from "@remix-run/node";

import { learningSummaryJsonSchema } from "../models/export/export.schema";
import { requireWorkspaceAccess } from "../utils/access.server";

/** The JSON Schema that summary.json validates against; for anyone in the workspace. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireWorkspaceAccess(request, params.ws, "workspace:read");
  return new Response(`${JSON.stringify(learningSummaryJsonSchema(), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/schema+json; charset=utf-8",
      "Cache-Control": "private, max-age=300",
    },
  });
}
