import type { LoaderFunctionArgs } from "@remix-run/node";

import { toCsv } from "../models/spend/spend-csv";
import { requireWorkspaceAccess } from "../utils/access.server";

/** The Praxis spend template: one line per row, with its own agency, category and share. */
export const TEMPLATE_ROWS = [
  [
    "Financial year",
    "Agency",
    "Service",
    "Area",
    "Category",
    "Amount",
    "Vulnerable-family share (%)",
    "Approach",
    "Notes",
  ],
  [
    "2014-15",
    "NHS Lothian",
    "Health visiting",
    "",
    "Health",
    "412000.00",
    "35",
    "Preventative",
    "Replace these example rows with your own figures",
  ],
  [
    "2014-15",
    "Police Scotland — J Division",
    "Response policing",
    "",
    "Justice",
    "1250000.00",
    "20",
    "Reactive",
    "",
  ],
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  return new Response(`\uFEFF${toCsv(TEMPLATE_ROWS)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="praxis-spend-template.csv"',
    },
  });
}
