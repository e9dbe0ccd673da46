import { and, eq } from "drizzle-orm";

import { refreshCaseTotals } from "../../app/models/case/case-totals.server";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { agencyCriteria, caseCriteria, caseHouseholdMembers, cases, caseSettings, commonCriteria, journeyEvents, type EventApproach, type HouseholdRole, type JourneyEventKind } from "../schema/cases";
import { agencies, type AgencyKind } from "../schema/core";
import { unitCosts } from "../schema/costs";
import { localities } from "../schema/places";
import type { FoundationSeed } from "./foundation";

/*
 * The demo's case evidence, after Musselburgh's phase 1 (source A in shared/data/README.md):
 * common vulnerability criteria drawn from each agency's own, and six mapped family journeys.
 * The families, their events and the explicit event costs are INVENTED for the demo (no real
 * family's data). The unit costs used are published figures, with their sources:
 * - a foster care place, on average £28,000 a year (Midlothian Preventative Outreach Service
 *   case study, June 2016 — source C);
 * - care proceedings, £93,000 per family (Westminster family recovery programme, Total Place
 *   conference report, March 2010 — source E).
 * The 23-agency case echoes Wiltshire's family "in contact with over 23 agencies" (source B).
 */

export const DEMO_LOCALITIES = ["Musselburgh East", "Musselburgh West and Inveresk", "Wallyford", "Whitecraig", "Fisherrow"];

/** Partners beyond the foundation's nine, so one journey can touch 23 agencies. */
export const DEMO_EXTRA_AGENCIES: Array<{ key: string; name: string; kind: AgencyKind }> = [
  { key: "gp", name: "Musselburgh Primary Care Centre (GP practice)", kind: "health" },
  { key: "ae", name: "Royal Infirmary of Edinburgh — Emergency Department", kind: "health" },
  { key: "healthVisiting", name: "NHS Lothian — Health Visiting", kind: "health" },
  { key: "camhs", name: "NHS Lothian — CAMHS", kind: "health" },
  { key: "school", name: "Musselburgh Grammar School", kind: "education" },
  { key: "nursery", name: "Wallyford Early Learning Centre", kind: "education" },
  { key: "womensAid", name: "Women's Aid East and Midlothian", kind: "voluntary" },
  { key: "substance", name: "MELDAP substance use service", kind: "health" },
  { key: "jobCentre", name: "Jobcentre Plus Musselburgh", kind: "national" },
  { key: "housingAssoc", name: "Castle Rock Edinvar Housing Association", kind: "housing" },
  { key: "fire", name: "Scottish Fire and Rescue Service", kind: "other" },
  { key: "youthWork", name: "East Lothian Council — Youth Work", kind: "council" },
  { key: "sps", name: "Scottish Prison Service — HMP Edinburgh", kind: "national" },
  { key: "cjsw", name: "East Lothian Council — Criminal Justice Social Work", kind: "council" },
  { key: "advice", name: "Musselburgh Citizens Advice Bureau", kind: "voluntary" },
];

const UNIT_COSTS = [
  {
    costCode: "MID-FOSTER-2016",
    outcomeCategory: "Children's social care",
    outcomeDetail: "Looked-after children",
    description: "Foster care place",
    unit: "per year",
    fiscalCostPence: 2_800_000,
    agency: "Local authority",
    agencyDetail: "Midlothian Council",
    priceYear: "2016-17",
    source: "Midlothian Preventative Outreach Service case study (June 2016): a foster care place costs on average £28,000 a year",
    confidence: "medium" as const,
  },
  {
    costCode: "WES-CAREPROC-2010",
    outcomeCategory: "Children's social care",
    outcomeDetail: "Care proceedings",
    description: "Care proceedings",
    unit: "per family",
    fiscalCostPence: 9_300_000,
    agency: "Local authority",
    agencyDetail: "Westminster City Council",
    priceYear: "2009-10",
    source: "Total Place conference report (March 2010): Westminster family recovery programme, care proceedings at £93,000 each",
    confidence: "low" as const,
  },
];

const COMMON = [
  { key: "da", label: "Domestic abuse in the household", description: "Repeat incidents reported to police or support services" },
  { key: "attendance", label: "Poor school attendance", description: "A child's attendance below the school's threshold" },
  { key: "substance", label: "Parental substance misuse", description: "Alcohol or drug use affecting parenting" },
  { key: "housing", label: "Housing instability", description: "Arrears, eviction risk or homelessness" },
  { key: "mental", label: "Parental mental ill-health", description: "Diagnosed or suspected, affecting the family" },
  { key: "offending", label: "Offending in the family", description: "A family member in the justice system" },
  { key: "worklessness", label: "Worklessness and debt", description: "No adult in work, benefit sanctions or serious debt" },
];

const AGENCY_OWN: Array<{ agency: string; label: string; common: string }> = [
  { agency: "police", label: "3+ domestic incidents in 12 months", common: "da" },
  { agency: "police", label: "Family member charged or on a community order", common: "offending" },
  { agency: "education", label: "Attendance under 85 %", common: "attendance" },
  { agency: "education", label: "2+ exclusions in a school year", common: "attendance" },
  { agency: "housing", label: "Rent arrears over 8 weeks or notice of proceedings", common: "housing" },
  { agency: "nhs", label: "Parent in contact with addiction services", common: "substance" },
  { agency: "nhs", label: "Parent with a mental health referral in the last year", common: "mental" },
  { agency: "childrensServices", label: "Child on the child protection register", common: "da" },
  { agency: "dwp", label: "Benefit sanction in the last 12 months", common: "worklessness" },
];

type Step = [month: number, day: number, agency: string, kind: JourneyEventKind, approach: EventApproach, pounds: number | null, description: string, extra?: { member?: number; unit?: "foster" | "careproc"; quantity?: number; episode?: string; recordedBy?: string; service?: string }];

type DemoCase = { reference: string; locality: number; owner: string; status: "active" | "stepped_down" | "closed"; household: Array<[HouseholdRole, number]>; criteria: string[]; start: [number, number]; steps: Step[] };

const DEMO_CASES: DemoCase[] = [
  {
    reference: "MUS-001",
    locality: 2,
    owner: "childrensServices",
    status: "active",
    household: [["adult", 2], ["child", 3], ["grandparent", 1], ["extended_family", 2]],
    criteria: ["da", "attendance", "substance", "housing", "offending", "worklessness"],
    start: [2012, 0],
    steps: [
      [0, 9, "healthVisiting", "contact", "preventative", 95, "Routine visit; concerns about Adult 1's drinking", { member: 1 }],
      [1, 14, "police", "crisis", "reactive", 1_200, "Domestic incident attended at night", { episode: "EP-001-A" }],
      [1, 16, "womensAid", "contact", "reactive", 240, "Police referral followed up; outreach offered", { episode: "EP-001-A", recordedBy: "womensAid" }],
      [2, 3, "childrensServices", "referral", "reactive", 350, "Referral after the domestic incident"],
      [2, 20, "childrensServices", "assessment", "reactive", 1_850, "Initial assessment of the children's needs"],
      [3, 2, "camhs", "assessment", "reactive", 1_400, "Child 1 assessed for anxiety", { member: 3 }],
      [3, 28, "gp", "contact", "reactive", 45, "Adult 1 seen for low mood", { member: 1 }],
      [4, 6, "substance", "referral", "reactive", 150, "Adult 1 referred for alcohol support", { member: 1 }],
      [4, 25, "school", "contact", "preventative", 60, "Attendance meeting for Child 1; attendance 78 %", { member: 3 }],
      [5, 12, "housing", "contact", "reactive", 120, "Arrears letter and visit"],
      [6, 1, "advice", "intervention", "preventative", 300, "Debt and benefits advice sessions"],
      [6, 19, "jobCentre", "contact", "reactive", 80, "Adult 2 work-focused interview", { member: 2 }],
      [7, 10, "ae", "crisis", "reactive", 420, "Adult 1 attended after a fall while intoxicated", { member: 1 }],
      [9, 4, "dwp", "contact", "reactive", 90, "Benefit sanction applied to Adult 2", { member: 2 }],
      [9, 22, "nursery", "contact", "preventative", 70, "Child 3 started an early learning place", { member: 5 }],
      [10, 8, "fire", "intervention", "preventative", 210, "Home fire safety visit"],
      [11, 15, "youthWork", "intervention", "preventative", 380, "Child 1 joined a youth group", { member: 3 }],
      [12, 3, "police", "crisis", "reactive", 1_500, "Second domestic incident; Adult 2 arrested", { episode: "EP-001-B" }],
      [12, 3, "childrensServices", "contact", "reactive", 200, "Duty social worker told of the arrest", { episode: "EP-001-B", recordedBy: "childrensServices" }],
      [12, 12, "scra", "referral", "reactive", 600, "Children referred to the Reporter"],
      [13, 1, "cjsw", "assessment", "reactive", 1_100, "Report for court on Adult 2", { member: 2 }],
      [13, 9, "childrensServices", "assessment", "reactive", 1_900, "Child protection assessment"],
      [15, 20, "sps", "intervention", "reactive", 9_800, "Adult 2 remanded for ten weeks", { member: 2 }],
      [16, 2, "housingAssoc", "contact", "reactive", 150, "Tenancy sustainment visit"],
      [17, 11, "adultServices", "assessment", "reactive", 900, "Grandparent's care needs assessed", { member: 6 }],
      [18, 5, "education", "intervention", "preventative", 700, "Educational psychology input for Child 2", { member: 4 }],
      [19, 14, "voluntary", "intervention", "preventative", 450, "Family befriending started"],
      [20, 7, "childrensServices", "intervention", "reactive", null, "Child 1 placed with foster carers for six months", { member: 3, unit: "foster", quantity: 0.5 }],
      [22, 1, "childrensServices", "outcome", "reactive", null, "Child 1 returned home with a support plan", { member: 3 }],
    ],
  },
  {
    reference: "MUS-002",
    locality: 0,
    owner: "childrensServices",
    status: "active",
    household: [["adult", 1], ["child", 2]],
    criteria: ["da", "mental", "housing"],
    start: [2013, 3],
    steps: [
      [0, 4, "police", "crisis", "reactive", 1_200, "Domestic incident; ex-partner removed", { episode: "EP-002-A" }],
      [0, 6, "childrensServices", "contact", "reactive", 180, "Notification from police", { episode: "EP-002-A", recordedBy: "childrensServices" }],
      [0, 20, "womensAid", "intervention", "reactive", 650, "Safety planning with Adult 1", { member: 1 }],
      [1, 2, "childrensServices", "assessment", "reactive", 1_850, "Assessment of the children's safety"],
      [1, 15, "healthVisiting", "assessment", "reactive", 300, "Health needs assessment for Child 2", { member: 3 }],
      [2, 10, "gp", "referral", "reactive", 45, "Adult 1 referred for anxiety support", { member: 1 }],
      [4, 1, "housing", "intervention", "preventative", 900, "Move to a safer tenancy"],
      [6, 12, "voluntary", "intervention", "preventative", 420, "Parenting group completed"],
      [9, 3, "childrensServices", "outcome", "preventative", null, "Case stepped down to universal services"],
    ],
  },
  {
    reference: "MUS-003",
    locality: 2,
    owner: "education",
    status: "active",
    household: [["adult", 2], ["child", 4]],
    criteria: ["attendance", "worklessness", "substance"],
    start: [2013, 8],
    steps: [
      [0, 10, "school", "contact", "preventative", 60, "Attendance concerns for Child 1 and Child 2"],
      [1, 7, "education", "assessment", "reactive", 650, "Attendance review"],
      [1, 21, "childrensServices", "assessment", "reactive", 1_850, "Assessment after school referral"],
      [2, 4, "substance", "intervention", "reactive", 1_200, "Adult 2 began treatment", { member: 2 }],
      [3, 15, "dwp", "contact", "reactive", 90, "Benefit review"],
      [5, 2, "police", "crisis", "reactive", 800, "Child 1 reported missing overnight", { member: 3 }],
      [8, 20, "youthWork", "intervention", "preventative", 380, "Youth worker allocated to Child 1", { member: 3 }],
      [10, 1, "school", "outcome", "preventative", null, "Attendance up to 91 %", { member: 3 }],
    ],
  },
  {
    reference: "MUS-004",
    locality: 4,
    owner: "adultServices",
    status: "stepped_down",
    household: [["adult", 1], ["child", 1], ["grandparent", 1]],
    criteria: ["mental", "housing"],
    start: [2013, 1],
    steps: [
      [0, 3, "gp", "contact", "reactive", 45, "Adult 1 seen for depression", { member: 1 }],
      [0, 25, "nhs", "referral", "reactive", 150, "Referral to community mental health team", { member: 1 }],
      [2, 8, "housing", "crisis", "reactive", 700, "Notice of eviction served"],
      [2, 12, "advice", "intervention", "preventative", 300, "Arrears negotiated with the landlord"],
      [3, 1, "adultServices", "assessment", "reactive", 900, "Carer's assessment for the grandparent", { member: 3 }],
      [6, 15, "housing", "outcome", "preventative", null, "Tenancy sustained"],
    ],
  },
  {
    reference: "MUS-005",
    locality: 1,
    owner: "childrensServices",
    status: "active",
    household: [["adult", 2], ["child", 2], ["extended_family", 1]],
    criteria: ["da", "substance", "offending", "mental"],
    start: [2012, 10],
    steps: [
      [0, 5, "police", "crisis", "reactive", 1_200, "Domestic incident; children present"],
      [0, 9, "childrensServices", "assessment", "reactive", 1_850, "Child protection enquiry"],
      [0, 20, "nhs", "assessment", "reactive", 600, "Paediatric assessment of Child 1", { member: 3 }],
      [1, 15, "scra", "referral", "reactive", 600, "Referral to the Children's Reporter"],
      [3, 2, "cjsw", "intervention", "reactive", 2_400, "Adult 2 on a community payback order", { member: 2 }],
      [4, 9, "substance", "intervention", "reactive", 1_200, "Adult 1 in treatment", { member: 1 }],
      [7, 1, "childrensServices", "intervention", "reactive", null, "Care proceedings for both children", { unit: "careproc", quantity: 1 }],
      [8, 14, "childrensServices", "outcome", "reactive", null, "Children placed with their aunt under a kinship order", { episode: "EP-005-A" }],
      [8, 20, "scra", "outcome", "reactive", null, "Compulsory supervision order made at a hearing", { episode: "EP-005-A", recordedBy: "scra" }],
    ],
  },
  {
    reference: "MUS-006",
    locality: 3,
    owner: "housing",
    status: "closed",
    household: [["adult", 1], ["child", 3]],
    criteria: ["housing", "worklessness"],
    start: [2014, 0],
    steps: [
      [0, 12, "housing", "crisis", "reactive", 1_600, "Family presented as homeless"],
      [0, 14, "housing", "assessment", "reactive", 400, "Homelessness assessment"],
      [1, 3, "childrensServices", "assessment", "reactive", 1_850, "Assessment of the children in temporary accommodation"],
      [1, 6, "healthVisiting", "contact", "preventative", 95, "Visit to temporary accommodation"],
      [3, 1, "jobCentre", "intervention", "preventative", 250, "Employability support for Adult 1", { member: 1 }],
      [5, 20, "housingAssoc", "outcome", "preventative", null, "Permanent tenancy offered"],
    ],
  },
];

/** Every agency in the 23-agency journey must exist: the foundation's nine plus the extra fifteen. */
export async function seedCases(db: Database, foundation: FoundationSeed): Promise<void> {
  const ws = foundation.workspaceId;
  const agencyIds: Record<string, string> = { ...foundation.agencies };
  for (const a of DEMO_EXTRA_AGENCIES) {
    const [existing] = await db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.workspaceId, ws), eq(agencies.name, a.name)));
    const id = existing?.id ?? newId();
    if (!existing) await db.insert(agencies).values({ id, workspaceId: ws, name: a.name, kind: a.kind });
    agencyIds[a.key] = id;
  }

  const localityIds: string[] = [];
  for (const [position, name] of DEMO_LOCALITIES.entries()) {
    const [existing] = await db.select({ id: localities.id }).from(localities).where(and(eq(localities.workspaceId, ws), eq(localities.name, name)));
    const id = existing?.id ?? newId();
    if (!existing) await db.insert(localities).values({ id, workspaceId: ws, name, position });
    localityIds.push(id);
  }

  const unitCostIds: Record<"foster" | "careproc", string> = { foster: "", careproc: "" };
  for (const [key, cost] of [["foster", UNIT_COSTS[0]], ["careproc", UNIT_COSTS[1]]] as const) {
    const [existing] = await db.select({ id: unitCosts.id }).from(unitCosts).where(and(eq(unitCosts.workspaceId, ws), eq(unitCosts.costCode, cost.costCode)));
    const id = existing?.id ?? newId();
    if (!existing) await db.insert(unitCosts).values({ id, workspaceId: ws, ...cost });
    unitCostIds[key] = id;
  }

  await db.insert(caseSettings).values({ workspaceId: ws, minCriteria: 3, minAgencies: 8, duplicationDays: 28, gapDays: 28 }).onConflictDoNothing();

  const commonIds: Record<string, string> = {};
  for (const [position, c] of COMMON.entries()) {
    commonIds[c.key] = newId();
    await db.insert(commonCriteria).values({ id: commonIds[c.key], workspaceId: ws, label: c.label, description: c.description, position });
  }
  for (const own of AGENCY_OWN) {
    await db.insert(agencyCriteria).values({ id: newId(), workspaceId: ws, agencyId: agencyIds[own.agency], label: own.label, commonCriterionId: commonIds[own.common] });
  }

  const analyst = foundation.users.analyst?.id ?? null;
  const caseIdsSeeded: string[] = [];
  for (const c of DEMO_CASES) {
    const caseId = newId();
    await db.insert(cases).values({ id: caseId, workspaceId: ws, reference: c.reference, localityId: localityIds[c.locality], owningAgencyId: agencyIds[c.owner], status: c.status, createdBy: analyst });
    const memberIds: string[] = [];
    let position = 0;
    for (const [role, n] of c.household) {
      for (let i = 1; i <= n; i += 1) {
        const id = newId();
        const label = `${{ adult: "Adult", child: "Child", grandparent: "Grandparent", extended_family: "Extended family", other: "Other" }[role]} ${i}`;
        await db.insert(caseHouseholdMembers).values({ id, caseId, role, label, position: position++ });
        memberIds.push(id);
      }
    }
    for (const key of c.criteria) await db.insert(caseCriteria).values({ caseId, commonCriterionId: commonIds[key] });
    const rows = c.steps.map(([month, day, agency, kind, approach, pounds, description, extra]) => ({
      id: newId(),
      workspaceId: ws,
      caseId,
      occurredOn: Date.UTC(c.start[0], c.start[1] + month, day),
      agencyId: agencyIds[agency],
      service: extra?.service ?? "",
      kind,
      householdMemberId: extra?.member ? (memberIds[extra.member - 1] ?? null) : null,
      description,
      recordingAgencyId: agencyIds[extra?.recordedBy ?? agency],
      approach,
      costPence: pounds === null || extra?.unit ? null : pounds * 100,
      unitCostId: extra?.unit ? unitCostIds[extra.unit] : null,
      quantityMilli: extra?.unit ? Math.round((extra.quantity ?? 1) * 1000) : null,
      episodeKey: extra?.episode ?? null,
      createdBy: analyst,
    }));
    await db.insert(journeyEvents).values(rows);
    caseIdsSeeded.push(caseId);
  }
  // The lists read the maintained totals (ADR 011): the seed fills them as every write does.
  await refreshCaseTotals(db, caseIdsSeeded);
}
