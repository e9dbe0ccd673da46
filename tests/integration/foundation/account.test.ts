import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { sessionHandle } from "../../../app/models/user/session.server";
import { action, loader } from "../../../app/routes/account";
import { action as loginAction } from "../../../app/routes/login";
import { getSessionFromRequest } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { auditEvents, sessions, users } from "../../../db/schema/core";
import { makeUser, sessionCookieFor, TEST_PASSWORD } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

const NEW_PASSWORD = "a much longer new passphrase";

async function isSignedIn(cookie: string): Promise<boolean> {
  return (await getSessionFromRequest(getRequest("/account", { cookie }))) !== null;
}

async function auditKinds(userId: string) {
  const rows = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, userId));
  return rows.map((r) => r.kind);
}

describe("/account", () => {
  it("lists the person's own sessions, marks this device and never shows a session id", async () => {
    const user = await makeUser();
    const other = await sessionCookieFor(user.id);
    const stranger = await makeUser();
    const result = await callRoute(loader, getRequest("/account", { cookie: user.cookie }));
    expect(result.status).toBe(200);
    const data = result.data as { account: { email: string }; sessions: Array<{ handle: string; current: boolean }> };
    expect(data.account.email).toBe(user.email);
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.filter((s) => s.current)).toHaveLength(1);
    const ids = (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id);
    const text = JSON.stringify(result.data);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain(other.split("=")[1]);
    expect(text).not.toContain(stranger.cookie.split("=")[1]);
  });

  it("asks anonymous visitors to sign in", async () => {
    const result = await callRoute(loader, getRequest("/account"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("a person changes their display name and the change is audited", async () => {
    const user = await makeUser();
    const result = await callRoute(
      action,
      postRequest("/account", { intent: "change-name", displayName: "  Fiona Baird  " }, { cookie: user.cookie }),
    );
    expect(result.status).toBe(302);
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.displayName).toBe("Fiona Baird");
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.kind, "account.display_name_changed")));
    expect(event.detail).toMatchObject({ from: user.displayName, to: "Fiona Baird" });
  });

  it("an empty display name is refused and nothing changes", async () => {
    const user = await makeUser();
    const result = await callRoute(action, postRequest("/account", { intent: "change-name", displayName: "   " }, { cookie: user.cookie }));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Enter your name");
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.displayName).toBe(user.displayName);
  });
});

describe("changing a password", () => {
  it("ends every other session but keeps this one, and is audited", async () => {
    const user = await makeUser();
    const laptop = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const result = await callRoute(
      action,
      postRequest(
        "/account",
        { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { cookie: user.cookie },
      ),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/account");
    expect(await isSignedIn(user.cookie)).toBe(true);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(phone)).toBe(false);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.kind, "auth.password_changed")));
    expect(event.detail).toEqual({ endedSessions: 2 });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);

    const oldPassword = await callRoute(loginAction, postRequest("/login", { email: user.email, password: TEST_PASSWORD }, { ip: "192.0.2.50" }));
    expect(oldPassword.status).toBe(400);
    const newPassword = await callRoute(loginAction, postRequest("/login", { email: user.email, password: NEW_PASSWORD }, { ip: "192.0.2.50" }));
    expect(newPassword.status).toBe(302);
  });

  it("needs the right current password: otherwise nothing changes and no session ends", async () => {
    const user = await makeUser();
    const laptop = await sessionCookieFor(user.id);
    const [before] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    const result = await callRoute(
      action,
      postRequest(
        "/account",
        { intent: "change-password", currentPassword: "not my password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { cookie: user.cookie },
      ),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ error: { currentPassword: ["Your current password is not correct"] } });
    expect(JSON.stringify(result.data)).not.toContain(NEW_PASSWORD);
    const [after] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(after.hash).toBe(before.hash);
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await auditKinds(user.id)).not.toContain("auth.password_changed");
    expect(await auditKinds(user.id)).toContain("auth.password_change_failed");
  });

  it("after 10 wrong current passwords in 15 minutes, answers 429 with Retry-After even for the right one", async () => {
    const user = await makeUser();
    const attempt = (currentPassword: string) =>
      callRoute(
        action,
        postRequest(
          "/account",
          { intent: "change-password", currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          { cookie: user.cookie },
        ),
      );
    for (let i = 0; i < 10; i++) expect((await attempt(`guess number ${i}`)).status).toBe(400);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(JSON.stringify(blocked.data)).toContain("Too many wrong passwords");
    expect(await auditKinds(user.id)).not.toContain("auth.password_changed");
  });

  it("refuses a short new password and a confirmation that does not match", async () => {
    const user = await makeUser();
    const short = await callRoute(
      action,
      postRequest(
        "/account",
        { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" },
        { cookie: user.cookie },
      ),
    );
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.data)).toContain("Password must be at least 12 characters");
    const mismatch = await callRoute(
      action,
      postRequest(
        "/account",
        { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "something else entirely" },
        { cookie: user.cookie },
      ),
    );
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.data)).toContain("Passwords do not match");
    expect(await auditKinds(user.id)).not.toContain("auth.password_changed");
  });
});

describe("revoking a session", () => {
  it("ends one other session of the person, leaves the rest, and is audited", async () => {
    const user = await makeUser();
    const laptop = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const page = await callRoute(loader, getRequest("/account", { cookie: user.cookie }));
    const listed = (page.data as { sessions: Array<{ handle: string; current: boolean }> }).sessions;
    const laptopId = laptop.split("=")[1];
    const handle = sessionHandle(laptopId);
    expect(listed.map((s) => s.handle)).toContain(handle);

    const result = await callRoute(action, postRequest("/account", { intent: "revoke-session", session: handle }, { cookie: user.cookie }));
    expect(result.status).toBe(302);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(phone)).toBe(true);
    expect(await isSignedIn(user.cookie)).toBe(true);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.kind, "auth.session_revoked")));
    expect(event.targetId).toBe(handle);
    expect(JSON.stringify(event)).not.toContain(laptopId);
  });

  it("cannot end another person's session", async () => {
    const user = await makeUser();
    const victim = await makeUser();
    const handle = sessionHandle(victim.cookie.split("=")[1]);
    const result = await callRoute(action, postRequest("/account", { intent: "revoke-session", session: handle }, { cookie: user.cookie }));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("That session has already ended");
    expect(await isSignedIn(victim.cookie)).toBe(true);
  });

  it("does not end the current session (signing out does that)", async () => {
    const user = await makeUser();
    const handle = sessionHandle(user.cookie.split("=")[1]);
    const result = await callRoute(action, postRequest("/account", { intent: "revoke-session", session: handle }, { cookie: user.cookie }));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("sign out");
    expect(await isSignedIn(user.cookie)).toBe(true);
  });

  it("an unrecognised form is refused with a message", async () => {
    const user = await makeUser();
    const result = await callRoute(action, postRequest("/account", { intent: "delete-everything" }, { cookie: user.cookie }));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("This form was not recognised");
  });
});
