import { and, eq, inArray } from "drizzle-orm";

import {
  commitSpendImport,
  computePreview,
  createSpendImport,
  getSpendImport,
  updateSpendImport,
} from "../../app/models/spend/spend-import.server";
import { valueKey } from "../../app/models/spend/spend-labels";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { localities } from "../schema/places";
import { spendLines, type SpendApproach, type SpendCategory } from "../schema/spend";
import type { FoundationSeed } from "./foundation";

/*
 * The demo's place count. Musselburgh's phase 1 asked partners to "estimate total public sector
 * spend in the area and the proportion spent on vulnerable children and families" (East
 * Lothian Partnership, Musselburgh Total Place pilot: source A in shared/data/README.md). No
 * Musselburgh spend figures are published in those documents, so every figure here is an
 * illustrative demo figure, labelled so in its source, sized for a town of about 21,000 people.
 */
export const DEMO_SPEND_SOURCE =
  "Illustrative demo figure — not a published Musselburgh figure (phase-1 question of the Musselburgh Total Place pilot, East Lothian Partnership, 2014)";

/** Areas of the Musselburgh pilot; found or created, since the case evidence may list them first. */
export const DEMO_AREAS = ["Musselburgh East", "Musselburgh West and Inveresk", "Wallyford", "Whitecraig"];

type DemoLine = {
  agency: string;
  service: string;
  area: string | null;
  category: SpendCategory;
  pounds: number;
  sharePercent: number;
  approach: SpendApproach;
};

/** 2014-15, in whole pounds; 2013-14 is written as 3% less, to show the trend by year. */
export const DEMO_SPEND_LINES: DemoLine[] = [
  {
    agency: "childrensServices",
    service: "External residential and foster placements",
    area: null,
    category: "children_and_families",
    pounds: 3_100_000,
    sharePercent: 100,
    approach: "reactive",
  },
  {
    agency: "childrensServices",
    service: "Child protection and family social work",
    area: "Musselburgh East",
    category: "children_and_families",
    pounds: 1_450_000,
    sharePercent: 90,
    approach: "reactive",
  },
  {
    agency: "childrensServices",
    service: "Preventative family support and outreach",
    area: "Wallyford",
    category: "children_and_families",
    pounds: 620_000,
    sharePercent: 85,
    approach: "preventative",
  },
  {
    agency: "education",
    service: "Primary and secondary schools",
    area: "Musselburgh West and Inveresk",
    category: "education",
    pounds: 24_800_000,
    sharePercent: 12,
    approach: "universal",
  },
  {
    agency: "adultServices",
    service: "Adult social work and care at home",
    area: null,
    category: "adults",
    pounds: 6_900_000,
    sharePercent: 10,
    approach: "reactive",
  },
  {
    agency: "housing",
    service: "Homelessness and temporary accommodation",
    area: "Musselburgh East",
    category: "housing",
    pounds: 1_150_000,
    sharePercent: 45,
    approach: "reactive",
  },
  {
    agency: "police",
    service: "Local policing, Musselburgh ward",
    area: "Musselburgh West and Inveresk",
    category: "justice",
    pounds: 4_300_000,
    sharePercent: 20,
    approach: "reactive",
  },
  {
    agency: "police",
    service: "Domestic abuse and public protection",
    area: null,
    category: "justice",
    pounds: 520_000,
    sharePercent: 60,
    approach: "reactive",
  },
  {
    agency: "nhs",
    service: "Health visiting and school nursing",
    area: "Whitecraig",
    category: "health",
    pounds: 1_250_000,
    sharePercent: 40,
    approach: "preventative",
  },
  {
    agency: "nhs",
    service: "General practice and community health",
    area: null,
    category: "health",
    pounds: 7_600_000,
    sharePercent: 8,
    approach: "universal",
  },
  {
    agency: "nhs",
    service: "CAMHS and substance misuse services",
    area: null,
    category: "health",
    pounds: 980_000,
    sharePercent: 55,
    approach: "reactive",
  },
  {
    agency: "dwp",
    service: "Working-age benefits paid in the area",
    area: null,
    category: "welfare",
    pounds: 18_200_000,
    sharePercent: 18,
    approach: "universal",
  },
  {
    agency: "voluntary",
    service: "Family projects of the voluntary forum",
    area: "Wallyford",
    category: "children_and_families",
    pounds: 240_000,
    sharePercent: 70,
    approach: "preventative",
  },
];

/** An illustrative "spend over £500" file of East Lothian Council for April–June 2015, imported through the import model. */
export const DEMO_SPEND_FILE = [
  "Body,Organisation Name,Date,Net Amount,Irrecoverable VAT,Supplier(Beneficiary) Name,Expense Area,Expense Code,Purpose of Spend",
  ...[
    [
      "07/04/2015",
      "28,450.00",
      "Independent Fostering Agency",
      "Children's Services - Looked After Children",
      "Foster care placement",
    ],
    [
      "14/04/2015",
      "61,200.00",
      "REDACTED - personal data",
      "Children's Services - Looked After Children",
      "Residential school placement",
    ],
    [
      "21/04/2015",
      "4,180.00",
      "Musselburgh Community Voluntary Forum",
      "Children's Services - Family Support",
      "Parenting programme",
    ],
    [
      "05/05/2015",
      "12,940.50",
      "Lothian Family Mediation",
      "Children's Services - Family Support",
      "Family group conferencing",
    ],
    [
      "12/05/2015",
      "-1,250.00",
      "Independent Fostering Agency",
      "Children's Services - Looked After Children",
      "Credit note: placement ended early",
    ],
    [
      "19/05/2015",
      "2,315.75",
      "East Coast Taxis",
      "Education - Schools",
      "Transport to school, looked-after children",
    ],
    [
      "02/06/2015",
      "33,600.00",
      "REDACTED - personal data",
      "Children's Services - Looked After Children",
      "Secure accommodation",
    ],
    [
      "09/06/2015",
      "7,800.00",
      "Homeless Action Scotland",
      "Housing - Homelessness",
      "Temporary accommodation for families",
    ],
    ["16/06/2015", "980.40", "Lothian Buses", "Education - Schools", "Bus passes"],
    [
      "23/06/2015",
      "15,275.00",
      "Musselburgh Grammar School Parent Council",
      "Education - Schools",
      "Breakfast club",
    ],
  ].map(
    ([date, amount, supplier, area, purpose]) =>
      `S12000010,East Lothian Council,${date},"${amount}",0.00,${supplier},${area},5200,${purpose}`,
  ),
].join("\r\n");

function percentToBp(percent: number): number {
  return percent * 100;
}

export async function seedSpend(db: Database, foundation: FoundationSeed): Promise<void> {
  const { workspaceId } = foundation;
  await db
    .insert(localities)
    .values(DEMO_AREAS.map((name, position) => ({ id: newId(), workspaceId, name, position })))
    .onConflictDoNothing();
  const areaRows = await db
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(and(eq(localities.workspaceId, workspaceId), inArray(localities.name, DEMO_AREAS)));
  const areaId = new Map(areaRows.map((a) => [a.name, a.id]));
  const analyst = foundation.users.analyst.id;

  const rows = [2013, 2014].flatMap((financialYear) =>
    DEMO_SPEND_LINES.map((l) => {
      const pence = l.pounds * 100;
      return {
        id: newId(),
        workspaceId,
        financialYear,
        agencyId: foundation.agencies[l.agency] ?? null,
        service: l.service,
        localityId: l.area ? (areaId.get(l.area) ?? null) : null,
        category: l.category,
        // 2013-14 as 97% of 2014-15, in whole pence.
        amountPence: financialYear === 2014 ? pence : Math.floor((pence * 97 + 50) / 100),
        vulnerableShareBp: percentToBp(l.sharePercent),
        approach: l.approach,
        source: DEMO_SPEND_SOURCE,
        notes: "",
        createdBy: analyst,
      };
    }),
  );
  await db.insert(spendLines).values(rows);

  const actor = { userId: analyst };
  const staged = await createSpendImport(actor, workspaceId, {
    fileName: "elc-spend-over-500-2015-q1-illustrative.csv",
    bytes: new TextEncoder().encode(DEMO_SPEND_FILE),
    source: "East Lothian Council (illustrative demo file)",
  });
  if (!staged.ok) throw new Error(`The demo spend file did not stage: ${staged.message}`);
  const importRow = await getSpendImport(workspaceId, staged.id);
  if (!importRow) throw new Error("The demo spend import is missing");
  const { payload } = importRow;
  const rule = (
    value: string,
    agency: string,
    service: string,
    category: SpendCategory,
    sharePercent: number,
    approach: SpendApproach,
  ) => ({
    key: valueKey(value),
    value,
    agencyId: foundation.agencies[agency] ?? null,
    service,
    category,
    vulnerableShareBp: percentToBp(sharePercent),
    approach,
  });
  await updateSpendImport(actor, workspaceId, staged.id, {
    roles: payload.headers.map(
      (_, i) =>
        (Object.entries(payload.mapping).find(([, column]) => column === i)?.[0] as never) ??
        undefined,
    ),
    defaults: payload.defaults,
    rules: [
      rule(
        "Children's Services - Looked After Children",
        "childrensServices",
        "Looked-after children",
        "children_and_families",
        100,
        "reactive",
      ),
      rule(
        "Children's Services - Family Support",
        "childrensServices",
        "Family support",
        "children_and_families",
        90,
        "preventative",
      ),
      rule("Education - Schools", "education", "Schools", "education", 25, "universal"),
      rule("Housing - Homelessness", "housing", "Homelessness", "housing", 80, "reactive"),
    ],
  });
  const after = await getSpendImport(workspaceId, staged.id);
  const preview = await computePreview(workspaceId, after!.payload);
  const committed = await commitSpendImport(actor, workspaceId, staged.id, {
    lines: preview.drafts.length,
    totalPence: preview.totalPence,
  });
  if (committed === "not-found" || !committed.ok)
    throw new Error("The demo spend file did not commit");
}
