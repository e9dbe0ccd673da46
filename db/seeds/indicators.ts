import { and, eq, like } from "drizzle-orm";

import { createIndicator, addIndicatorValue } from "../../app/models/indicator/indicator.server";
import { createSavingsEstimate } from "../../app/models/savings/savings.server";
import { findUnitCostByCode } from "../../app/models/savings/unit-cost-options.server";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { unitCosts } from "../schema/costs";
import { indicatorValues } from "../schema/indicators";
import { decisions } from "../schema/learning";
import type { FoundationSeed } from "./foundation";

/*
 * Outcome indicators for the demo, with the figures copied from two public documents (sources C
 * and D of the project's data notes):
 * - C: Midlothian Preventative Outreach Service, case study (June 2016): 82 children and young
 *   people enabled to remain with their families; a foster care place costs on average £28,000 a
 *   year; 15% reduction in the external residential and educational placements budget.
 * - D: Midlothian's progress report on The Promise: external placements 26 in 2014, 5 "now";
 *   youth justice 2021/22: 202 referrals, 54 referred to children's services for assessment of
 *   need, 7 referred to SCRA, 1 proceeded to a Hearing; Hawthorn Family Learning Centre 63
 *   referrals in 2021, over a third directly from families.
 * The report gives no date for "now"; its latest dated figures are for 2021/22, so the value is
 * dated to that period and the note says so.
 */
const PROMISE = "Midlothian Council, progress report on The Promise";
const OUTREACH = "Midlothian Council, Preventative Outreach Service case study (June 2016)";

/** The unit cost the savings estimate uses; the unit-cost seed normally makes it first. */
export const FOSTER_CARE_COST = {
  costCode: "MID-FOSTER-2016",
  outcomeCategory: "Children's social care",
  outcomeDetail: "Looked after children",
  description: "Foster care place",
  unit: "per year",
  fiscalCostPence: 2_800_000,
  agency: "Local authority",
  agencyDetail: "Midlothian Council",
  priceYear: "2015-16",
  source: OUTREACH,
  confidence: "medium" as const,
};

export async function seedIndicators(db: Database, foundation: FoundationSeed): Promise<void> {
  const workspaceId = foundation.workspaceId;
  const analyst = { userId: foundation.users.analyst.id };
  const a = foundation.agencies;

  const [pooledBudget] = await db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.workspaceId, workspaceId), like(decisions.decision, "Pilot a lead professional%")))
    .limit(1);

  const placements = await createIndicator(analyst, workspaceId, {
    name: "Children and young people in external placements",
    unit: "placements",
    polarity: "lower_is_better",
    code: "",
    story:
      "Midlothian reconfigured its residential workforce into a 24/7 community outreach service working with children at risk of being accommodated, for up to 12 weeks at a time (Preventative Outreach Service, June 2016). Its progress report on The Promise counts 26 external placements in 2014 and 5 now. The board asks what a similar whole-family outreach offer would change in Musselburgh, and which partners would have to pool budget to make it happen.",
    baselinePeriod: "2014",
    baselineValue: "26",
    targetPeriod: "",
    targetValue: "",
    agencyIds: [a.childrensServices, a.education].filter(Boolean),
    actionIds: [],
    decisionIds: pooledBudget ? [pooledBudget.id] : [],
  });
  await addIndicatorValue(analyst, workspaceId, placements.id, { period: "2014", value: "26", note: "", source: PROMISE });
  await addIndicatorValue(analyst, workspaceId, placements.id, {
    period: "2021-22",
    value: "5",
    note: 'Reported as "now"; dated to 2021-22, the latest period the report gives figures for.',
    source: PROMISE,
  });

  const youthJustice = await createIndicator(analyst, workspaceId, {
    name: "Youth justice referrals",
    unit: "referrals",
    polarity: "lower_is_better",
    code: "",
    story:
      "Of 202 referrals in 2021/22, 54 went to children's services for an assessment of need, 7 to the Scottish Children's Reporter Administration and 1 proceeded to a Children's Hearing: almost every young person was dealt with without formal measures.",
    baselinePeriod: "",
    baselineValue: "",
    targetPeriod: "",
    targetValue: "",
    agencyIds: [a.police, a.childrensServices, a.scra].filter(Boolean),
    actionIds: [],
    decisionIds: [],
  });
  await addIndicatorValue(analyst, workspaceId, youthJustice.id, {
    period: "2021-22",
    value: "202",
    note: "54 referred to children's services for assessment of need; 7 referred to SCRA; 1 proceeded to a Hearing.",
    source: PROMISE,
  });

  const hawthorn = await createIndicator(analyst, workspaceId, {
    name: "Referrals to Hawthorn Family Learning Centre",
    unit: "referrals",
    polarity: "higher_is_better",
    code: "",
    story: "Over a third of the referrals in 2021 came directly from families: a sign that families trust the centre enough to ask for help themselves.",
    baselinePeriod: "",
    baselineValue: "",
    targetPeriod: "",
    targetValue: "",
    agencyIds: [a.education, a.voluntary].filter(Boolean),
    actionIds: [],
    decisionIds: [],
  });
  await addIndicatorValue(analyst, workspaceId, hawthorn.id, { period: "2021", value: "63", note: "Over a third directly from families.", source: PROMISE });

  const keptHome = await createIndicator(analyst, workspaceId, {
    name: "Children and young people enabled to remain with their families",
    unit: "children and young people",
    polarity: "higher_is_better",
    code: "",
    story: "The Preventative Outreach Service's count of children and young people who stayed with their families instead of being accommodated, reported in its June 2016 case study.",
    baselinePeriod: "",
    baselineValue: "",
    targetPeriod: "",
    targetValue: "",
    agencyIds: [a.childrensServices].filter(Boolean),
    actionIds: [],
    decisionIds: [],
  });
  await addIndicatorValue(analyst, workspaceId, keptHome.id, { period: "2016-06", value: "82", note: "Total reported by the case study.", source: OUTREACH });

  let cost = await findUnitCostByCode(workspaceId, FOSTER_CARE_COST.costCode, db);
  if (!cost) {
    await db.insert(unitCosts).values({ id: newId(), workspaceId, ...FOSTER_CARE_COST, createdBy: analyst.userId });
    cost = await findUnitCostByCode(workspaceId, FOSTER_CARE_COST.costCode, db);
  }
  if (!cost) throw new Error("The foster care unit cost could not be found or created");

  const values = await db.select({ id: indicatorValues.id, period: indicatorValues.period }).from(indicatorValues).where(eq(indicatorValues.indicatorId, placements.id));
  const from = values.find((v) => v.period === "2014");
  const to = values.find((v) => v.period === "2021-22");
  if (!from || !to) throw new Error("The placements values are missing");
  await createSavingsEstimate(analyst, workspaceId, placements.id, {
    title: "Cost avoided by 21 fewer external placements",
    fromValueId: from.id,
    toValueId: to.id,
    unitCostId: cost.id,
    deadweight: "20",
    attribution: "50",
    optimismBias: "25",
    confidence: "low",
    assumptions:
      "Each placement avoided is costed at the average foster care place (£28,000 a year, 2015-16 prices), for one year only; an external residential placement costs more, so this understates the gross cost. Deadweight 20%: some of the fall would have happened anyway as national policy moved towards care at home. Attribution 50%: the outreach service is one of several changes (kinship care, The Promise) that contributed. Optimism bias 25%: a Green Book correction for an estimate made by the service's own partners from two data points. The figures are from different years (2014 to 2021-22) and prices are not uprated.",
  });
}
