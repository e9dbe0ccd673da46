import { createId } from "@paralleldrive/cuid2";

import type { CaseFields } from "../../app/models/case/case.schema";
import { createCase } from "../../app/models/case/case.server";
import { createUnitCost, type UnitCostFields } from "../../app/models/unit-cost/unit-cost.server";
import { createUser } from "../../app/models/user/user.server";
import { createWorkspace } from "../../app/models/workspace/workspace.server";
import { createUserSession } from "../../app/utils/auth.server";
import { db } from "../../app/utils/db.server";
import { newId } from "../../app/utils/ids";
import { agencies, memberships, type AgencyKind, type Role } from "../../db/schema/core";

export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_ORIGIN = "http://localhost";

export type TestUser = { id: string; email: string; displayName: string; cookie: string };

/** A new account (the same model function sign-up uses) with a live session cookie. */
export async function makeUser(overrides: { email?: string; displayName?: string; password?: string } = {}): Promise<TestUser> {
  const email = overrides.email ?? `user-${createId()}@example.test`;
  const user = await createUser({
    email,
    displayName: overrides.displayName ?? `Test ${email.split("@")[0]}`,
    password: overrides.password ?? TEST_PASSWORD,
  });
  const cookie = await sessionCookieFor(user.id);
  return { ...user, cookie };
}

/** `name=value` for a Cookie header, from a Set-Cookie string. */
export function cookieFromSetCookie(setCookie: string): string {
  return setCookie.split(";")[0];
}

export async function sessionCookieFor(userId: string): Promise<string> {
  const setCookie = await createUserSession(userId, new Request(`${TEST_ORIGIN}/login`));
  return cookieFromSetCookie(setCookie);
}

export type TestWorkspace = { id: string; slug: string; owner: TestUser };

export async function makeWorkspace(owner?: TestUser, name = "Test partnership"): Promise<TestWorkspace> {
  const user = owner ?? (await makeUser());
  const slug = `ws-${createId().slice(0, 10)}`;
  const ws = await createWorkspace({ userId: user.id }, { name, slug, description: "" });
  return { id: ws.id, slug: ws.slug, owner: user };
}

export async function addMember(workspace: { id: string }, role: Role, user?: TestUser): Promise<TestUser> {
  const member = user ?? (await makeUser());
  await db().insert(memberships).values({ id: newId(), workspaceId: workspace.id, userId: member.id, role });
  return member;
}

/** A workspace with one member per role, each with a session. */
export async function makeWorkspaceWithRoles(): Promise<TestWorkspace & { users: Record<Role, TestUser> }> {
  const ws = await makeWorkspace();
  const users = {
    owner: ws.owner,
    facilitator: await addMember(ws, "facilitator"),
    analyst: await addMember(ws, "analyst"),
    member: await addMember(ws, "member"),
    evaluator: await addMember(ws, "evaluator"),
  } satisfies Record<Role, TestUser>;
  return { ...ws, users };
}

/** A unit cost in the workspace (the model function the library and the seed use). */
export async function makeUnitCost(
  workspace: { id: string; owner: { id: string } },
  overrides: Partial<UnitCostFields> = {},
): Promise<{ id: string }> {
  return createUnitCost({ userId: workspace.owner.id }, workspace.id, {
    costCode: `UC-${createId().slice(0, 8)}`,
    outcomeCategory: "Children and families",
    outcomeDetail: "Looked-after children",
    description: "Foster care place",
    unit: "per year",
    fiscalCostPence: 2_800_000,
    agency: "Local authority",
    agencyDetail: "",
    priceYear: "2015-16",
    source: "Test source",
    confidence: "medium",
    ...overrides,
  });
}

/** An indicator with values (the same model functions the seed uses), made by the workspace owner. */
export async function makeIndicator(
  workspace: { id: string; owner: { id: string } },
  options: { name?: string; polarity?: "higher_is_better" | "lower_is_better"; code?: string; values?: Array<[string, string]> } = {},
): Promise<{ id: string }> {
  const { createIndicator, addIndicatorValue } = await import("../../app/models/indicator/indicator.server");
  const actor = { userId: workspace.owner.id };
  const { id } = await createIndicator(actor, workspace.id, {
    name: options.name ?? "Children in external placements",
    unit: "placements",
    polarity: options.polarity ?? "lower_is_better",
    code: options.code ?? "",
    story: "",
    baselinePeriod: "",
    baselineValue: "",
    targetPeriod: "",
    targetValue: "",
    agencyIds: [],
    actionIds: [],
    decisionIds: [],
  });
  for (const [period, value] of options.values ?? []) await addIndicatorValue(actor, workspace.id, id, { period, value, note: "", source: "Test source" });
  return { id };
}

/** A staged (previewed, not committed) spend import of a small CSV file, made through the import model. */
export async function makeSpendImport(
  workspace: { id: string },
  actorUserId: string,
  csv = "Service Area,Expenditure Category,Paid Date,Trans No,Amount\nChildren's Services,Foster care,14/07/2015,T1,1250.00\n",
  source = "East Lothian Council",
): Promise<string> {
  const { createSpendImport } = await import("../../app/models/spend/spend-import.server");
  const result = await createSpendImport({ userId: actorUserId }, workspace.id, { fileName: "spend.csv", bytes: new TextEncoder().encode(csv), source });
  if (!result.ok) throw new Error(result.message);
  return result.id;
}

/** A case in the workspace, made by the same model function the cases page uses. */
export async function makeCase(workspace: { id: string; owner: { id: string } }, overrides: Partial<CaseFields> = {}): Promise<string> {
  return createCase({ userId: workspace.owner.id }, workspace.id, {
    reference: `T-${createId().slice(0, 8)}`,
    status: "active",
    adults: 1,
    children: 2,
    grandparents: 0,
    extendedFamily: 0,
    criteriaIds: [],
    overrideReason: "",
    ...overrides,
  });
}

/** A partner agency of the workspace; its id. */
export async function makeAgency(workspaceId: string, name: string, kind: AgencyKind = "other"): Promise<string> {
  const id = newId();
  await db().insert(agencies).values({ id, workspaceId, name, kind });
  return id;
}
