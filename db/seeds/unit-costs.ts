import { upsertUnitCostsByCode, type UnitCostFields } from "../../app/models/unit-cost/unit-cost.server";
import type { Database } from "../client";
import type { FoundationSeed } from "./foundation";

/*
 * The demo's unit costs: only figures a public document states, each with that document as its
 * source (the project's data notes, sources C and E; copied here so a clone needs no shared/).
 * Other domains' seeds find these by cost code, so the codes are fixed and writes upsert by code.
 *
 * No GDP deflator series is seeded: without a series whose figures and release are known exactly,
 * the library says plainly that costs cannot be uprated and how to import HM Treasury's series.
 */
export const DEMO_UNIT_COSTS: UnitCostFields[] = [
  {
    costCode: "MID-FOSTER-2016",
    outcomeCategory: "Children and families",
    outcomeDetail: "Looked-after children",
    description:
      "Foster care place: average cost a year, as stated by Midlothian Council. The price year (2015-16) is inferred from the publication date (June 2016); the case study states no price base.",
    unit: "per year",
    fiscalCostPence: 2_800_000,
    agency: "Local authority",
    agencyDetail: "Midlothian Council children's services",
    priceYear: "2015-16",
    source: "Midlothian Council, Preventative Outreach Service case study (June 2016)",
    confidence: "medium",
  },
  {
    costCode: "WES-CAREPROC-2010",
    outcomeCategory: "Children and families",
    outcomeDetail: "Care proceedings",
    description:
      "Care proceedings: cost per family, as estimated for the Westminster family recovery programme (35 of its 40 families were likely to involve care proceedings).",
    unit: "per family",
    fiscalCostPence: 9_300_000,
    agency: "Local authority",
    agencyDetail: "Westminster City Council children's services",
    priceYear: "2009-10",
    source: "Total Place conference report (March 2010): Westminster family recovery programme",
    confidence: "low",
  },
];

export async function seedUnitCosts(db: Database, foundation: FoundationSeed): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertUnitCostsByCode(tx, foundation.workspaceId, DEMO_UNIT_COSTS, { createdBy: foundation.users.analyst?.id ?? null });
  });
}
