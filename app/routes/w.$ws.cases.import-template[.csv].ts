import type { LoaderFunctionArgs } from "@remix-run/node";

import { TEMPLATE_CSV } from "../models/case/journey-import.server";
import { requireWorkspaceAccess } from "../utils/access.server";

/** The journey-event import template: the header row and two example events. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireWorkspaceAccess(request, params.ws, "evidence:read");
  return new Response(TEMPLATE_CSV, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="journey-events-template.csv"' },
  });
}
