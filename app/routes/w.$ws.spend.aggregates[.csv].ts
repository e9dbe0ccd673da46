import type { LoaderFunctionArgs } from "@remix-run/node";

import { recordAudit } from "../models/audit/audit.server";
import { penceCell, toCsv } from "../models/spend/spend-csv";
import { formatFinancialYear } from "../models/spend/spend-dates";
import {
  SPEND_APPROACH_LABELS,
  SPEND_CATEGORY_LABELS,
  type SpendApproach,
  type SpendCategory,
} from "../models/spend/spend-labels";
import { formatBasisPoints } from "../models/spend/spend-money";
import { parseSpendFilters } from "../models/spend/spend.schema";
import { getPlaceCount, type Group } from "../models/spend/spend.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { getClientIp } from "../utils/request.server";

/** The place count's totals as CSV, for the filters given; every export is audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const { filters, errors } = parseSpendFilters(new URL(request.url).searchParams);
  if (errors.length)
    return new Response(`${errors.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const count = await getPlaceCount(workspace.id, filters);
  const row = (
    dimension: string,
    label: string,
    g: Pick<Group, "lines" | "pence" | "vulnerablePence" | "vulnerableBp">,
  ) => [
    dimension,
    label,
    String(g.lines),
    penceCell(g.pence),
    penceCell(g.vulnerablePence),
    formatBasisPoints(g.vulnerableBp).replace("%", ""),
  ];
  const rows = [
    [
      "Dimension",
      "Group",
      "Lines",
      "Spend (GBP)",
      "Spent on vulnerable families (GBP)",
      "Vulnerable-family share (%)",
    ],
    row("Total", "All spend", count.total),
    ...count.byAgency.map((g) => row("Agency", g.label, g)),
    ...count.byCategory.map((g) =>
      row("Category", SPEND_CATEGORY_LABELS[g.key as SpendCategory], g),
    ),
    ...count.byArea.map((g) => row("Area", g.label, g)),
    ...count.byYear.map((g) => row("Financial year", formatFinancialYear(Number(g.key)), g)),
    ...count.byApproach.map((g) =>
      row("Approach", SPEND_APPROACH_LABELS[g.key as SpendApproach], g),
    ),
  ];
  await recordAudit({
    kind: "spend.aggregates_exported",
    workspaceId: workspace.id,
    actorUserId: user.id,
    targetType: "export",
    detail: { filters },
    ipAddress: getClientIp(request),
  });
  return new Response(`\uFEFF${toCsv(rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${workspace.slug}-place-count.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
