import { and, eq } from "drizzle-orm";

import { createInvitation } from "../../app/models/membership/invitation.server";
import { createUser } from "../../app/models/user/user.server";
import { createWorkspace } from "../../app/models/workspace/workspace.server";
import { newId } from "../../app/utils/ids";
import type { Database } from "../client";
import { agencies, invitations, memberships, users, workspaces, type AgencyKind, type Role } from "../schema/core";

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

/*
 * The demo's clock. The story is the Musselburgh pilot's Phase 2 (from March 2015); the demo
 * presents that board as using Praxis *now*: its workspace was set up WORKSPACE_AGE_DAYS before
 * the install, people joined over the next fortnight, two set meetings have been held in the past
 * weeks and one is coming up, logs were written and edited between them. Every stored time is
 * relative to the install, so the demo stays fresh; nothing is older than the workspace's start,
 * and only upcoming meetings, due dates, review dates and expiry times lie in the future
 * (tests/integration/foundation/demo-dates.test.ts checks this). The audit trail is the one
 * exception by design: it is append-only (a trigger refuses updates) and truthfully records that
 * the seed wrote these rows at the install.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const WORKSPACE_AGE_DAYS = 120;

export type DemoPerson = { key: string; email: string; displayName: string; role: Role; agency: string | null; joinedDay: number };

/**
 * One account per role (stated in the README), plus board members to make a real learning set.
 * `joinedDay`: days after the workspace's start when the person's account and membership began.
 */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "owner", email: "owner@demo.test", displayName: "Morag Kerr", role: "owner", agency: "childrensServices", joinedDay: 0 },
  { key: "facilitator", email: "facilitator@demo.test", displayName: "Alasdair Reid", role: "facilitator", agency: "voluntary", joinedDay: 1 },
  { key: "analyst", email: "analyst@demo.test", displayName: "Priya Nair", role: "analyst", agency: "childrensServices", joinedDay: 2 },
  { key: "member", email: "member@demo.test", displayName: "Sergeant Fiona Baird", role: "member", agency: "police", joinedDay: 6 },
  { key: "evaluator", email: "evaluator@demo.test", displayName: "Dr Euan Lindsay", role: "evaluator", agency: null, joinedDay: 9 },
  { key: "healthVisitor", email: "health.visitor@demo.test", displayName: "Kirsty Watt", role: "member", agency: "nhs", joinedDay: 7 },
  { key: "housingOfficer", email: "housing.officer@demo.test", displayName: "Graeme Paterson", role: "member", agency: "housing", joinedDay: 7 },
  { key: "headTeacher", email: "head.teacher@demo.test", displayName: "Ailsa Fraser", role: "member", agency: "education", joinedDay: 8 },
  { key: "socialWorker", email: "social.worker@demo.test", displayName: "Tom Hendry", role: "member", agency: "adultServices", joinedDay: 8 },
];

export type FoundationSeed = {
  workspaceId: string;
  /** The demo's "now" (the install) and the workspace's start; every seeded time lies between them unless it is a future date by nature. */
  now: number;
  startedAt: number;
  users: Record<string, { id: string; email: string; displayName: string; role: Role }>;
  agencies: Record<string, string>;
};

export async function seedFoundation(db: Database, now = Date.now()): Promise<FoundationSeed> {
  const startedAt = now - WORKSPACE_AGE_DAYS * DAY_MS;
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
  await spreadFoundationHistory(db, { workspaceId: ws.id, now, startedAt, users: people });
  return { workspaceId: ws.id, now, startedAt, users: people, agencies: agencyIds };
}

/** The model functions stamp rows with the install time; this gives them their place in the story. */
async function spreadFoundationHistory(db: Database, seed: Pick<FoundationSeed, "workspaceId" | "now" | "startedAt" | "users">) {
  const { workspaceId, now, startedAt } = seed;
  await db.update(workspaces).set({ createdAt: startedAt, updatedAt: startedAt }).where(eq(workspaces.id, workspaceId));
  await db.update(agencies).set({ createdAt: startedAt + 3_600_000, updatedAt: startedAt + 3_600_000 }).where(eq(agencies.workspaceId, workspaceId));
  for (const p of DEMO_PEOPLE) {
    const joined = startedAt + p.joinedDay * DAY_MS + (p.key === "owner" ? 0 : 2 * 3_600_000);
    const userId = seed.users[p.key].id;
    await db.update(users).set({ createdAt: joined, updatedAt: joined }).where(eq(users.id, userId));
    await db.update(memberships).set({ createdAt: joined, updatedAt: joined }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  }
  // The pending invitation was made two days ago and keeps its full lifetime from then.
  const [invitation] = await db.select().from(invitations).where(eq(invitations.workspaceId, workspaceId));
  if (invitation) {
    const shift = now - 2 * DAY_MS - invitation.createdAt;
    await db.update(invitations).set({ createdAt: invitation.createdAt + shift, expiresAt: invitation.expiresAt + shift }).where(eq(invitations.id, invitation.id));
  }
}
