import { eq } from "drizzle-orm";

import { createInvitation } from "../../app/models/membership/invitation.server";
import { createUser } from "../../app/models/user/user.server";
import { createWorkspace } from "../../app/models/workspace/workspace.server";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { agencies, memberships, type AgencyKind, type Role } from "../schema/core";

export const DEMO_PASSWORD = "praxis-demo-2015";
export const DEMO_SLUG = "demo";

/** The partner organisations of the East Lothian Partnership's Musselburgh pilot (source A). */
export const DEMO_AGENCIES: Array<{ key: string; name: string; kind: AgencyKind }> = [
  { key: "childrensServices", name: "East Lothian Council — Children's Services", kind: "council" },
  { key: "adultServices", name: "East Lothian Council — Adult Social Work", kind: "council" },
  { key: "housing", name: "East Lothian Council — Housing", kind: "housing" },
  { key: "education", name: "East Lothian Council — Education", kind: "education" },
  { key: "police", name: "Police Scotland — J Division", kind: "police" },
  { key: "nhs", name: "NHS Lothian", kind: "health" },
  { key: "voluntary", name: "Musselburgh Community Voluntary Forum", kind: "voluntary" },
  { key: "dwp", name: "Department for Work and Pensions", kind: "national" },
  { key: "scra", name: "Scottish Children's Reporter Administration", kind: "national" },
];

export type DemoPerson = { key: string; email: string; displayName: string; role: Role; agency: string | null };

/** One account per role (stated in the README), plus board members to make a real learning set. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "owner", email: "owner@demo.test", displayName: "Morag Kerr", role: "owner", agency: "childrensServices" },
  { key: "facilitator", email: "facilitator@demo.test", displayName: "Alasdair Reid", role: "facilitator", agency: "voluntary" },
  { key: "analyst", email: "analyst@demo.test", displayName: "Priya Nair", role: "analyst", agency: "childrensServices" },
  { key: "member", email: "member@demo.test", displayName: "Sergeant Fiona Baird", role: "member", agency: "police" },
  { key: "evaluator", email: "evaluator@demo.test", displayName: "Dr Euan Lindsay", role: "evaluator", agency: null },
  { key: "healthVisitor", email: "health.visitor@demo.test", displayName: "Kirsty Watt", role: "member", agency: "nhs" },
  { key: "housingOfficer", email: "housing.officer@demo.test", displayName: "Graeme Paterson", role: "member", agency: "housing" },
  { key: "headTeacher", email: "head.teacher@demo.test", displayName: "Ailsa Fraser", role: "member", agency: "education" },
  { key: "socialWorker", email: "social.worker@demo.test", displayName: "Tom Hendry", role: "member", agency: "adultServices" },
];

export type FoundationSeed = {
  workspaceId: string;
  users: Record<string, { id: string; email: string; displayName: string; role: Role }>;
  agencies: Record<string, string>;
};

export async function seedFoundation(db: Database): Promise<FoundationSeed> {
  const people: FoundationSeed["users"] = {};
  for (const p of DEMO_PEOPLE) {
    const user = await createUser({ email: p.email, displayName: p.displayName, password: DEMO_PASSWORD }, db);
    people[p.key] = { ...user, role: p.role };
  }
  const owner = people.owner;
  const ws = await createWorkspace(
    { userId: owner.id },
    {
      name: "Musselburgh Total Place (demo)",
      slug: DEMO_SLUG,
      description:
        "East Lothian Partnership's Total Place pilot, set up in January 2014 to find how partners could deliver better outcomes for the most vulnerable families in the Musselburgh area. Phase 2 (from March 2015) takes a collaborative leadership and action learning approach within the Scottish Government's Collaborative Leadership Pioneer programme.",
    },
  );
  const agencyIds: Record<string, string> = {};
  for (const a of DEMO_AGENCIES) {
    const id = newId();
    await db.insert(agencies).values({ id, workspaceId: ws.id, name: a.name, kind: a.kind });
    agencyIds[a.key] = id;
  }
  for (const p of DEMO_PEOPLE) {
    const agencyId = p.agency ? agencyIds[p.agency] : null;
    if (p.key === "owner") {
      await db.update(memberships).set({ agencyId }).where(eq(memberships.userId, owner.id));
      continue;
    }
    await db.insert(memberships).values({ id: newId(), workspaceId: ws.id, userId: people[p.key].id, role: p.role, agencyId });
  }
  // A link the owner made and has not sent yet, so the members page shows a pending invitation.
  // Its token is never shown again (only its hash is stored), as for any real invitation.
  await createInvitation(
    { userId: owner.id },
    ws.id,
    { role: "member", note: "For the NHS Lothian school nurse joining the Musselburgh pilot" },
    {},
    db,
  );
  return { workspaceId: ws.id, users: people, agencies: agencyIds };
}
