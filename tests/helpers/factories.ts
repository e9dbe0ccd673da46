import { createId } from "@paralleldrive/cuid2";

import type { CaseFields } from "../../app/models/case/case.schema";
import { createCase } from "../../app/models/case/case.server";
import { createUser } from "../../app/models/user/user.server";
import { createWorkspace } from "../../app/models/workspace/workspace.server";
import { createUserSession } from "../../app/utils/auth.server";
import { db } from "../../app/utils/db.server";
import { newId } from "../../app/utils/ids";
import { memberships, type Role } from "../../db/schema/core";

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
