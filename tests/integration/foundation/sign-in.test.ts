import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as loginAction } from "../../../app/routes/login";
import { action as logoutAction } from "../../../app/routes/logout";
import { action as signupAction } from "../../../app/routes/signup";
import { THROTTLE_MAX_FAILURES } from "../../../app/utils/auth.server";
import { db } from "../../../app/utils/db.server";
import { auditEvents, sessions, users } from "../../../db/schema/core";
import { makeUser, TEST_PASSWORD } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";

/** Each test uses its own client address so per-address throttling never leaks between tests. */
let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function failSignIn(email: string, ip: string) {
  return callRoute(loginAction, postRequest("/login", { email, password: "definitely wrong" }, { ip }));
}

describe("sign-up", () => {
  it("a new person creates an account, is signed in and the sign-up is audited", async () => {
    const email = `New.Person-${Date.now()}@Example.test`;
    const result = await callRoute(
      signupAction,
      postRequest(
        "/signup",
        { displayName: "Morag Kerr", email, password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD, redirectTo: "/w/new" },
        { ip: freshIp() },
      ),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/w/new");
    expect(result.headers.get("Set-Cookie")).toMatch(/praxis_session=[^;]+;.*HttpOnly/i);
    const [user] = await db().select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(user.displayName).toBe("Morag Kerr");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(audit.map((a) => a.kind)).toEqual(["auth.signed_up"]);
  });

  it("missing and invalid fields are refused with a message for each and no account is made", async () => {
    const before = await db().select({ id: users.id }).from(users);
    const result = await callRoute(
      signupAction,
      postRequest("/signup", { displayName: "", email: "not-an-email", password: "short", confirmPassword: "different" }),
    );
    expect(result.status).toBe(400);
    const text = JSON.stringify(result.data);
    expect(text).toContain("Enter your name");
    expect(text).toContain("Enter an email address in the correct format");
    expect(text).toContain("Password must be at least 12 characters");
    expect(text).not.toContain("short");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    const after = await db().select({ id: users.id }).from(users);
    expect(after.length).toBe(before.length);
  });

  it("a confirmation that does not match the password is refused beside the confirmation field", async () => {
    const result = await callRoute(
      signupAction,
      postRequest("/signup", {
        displayName: "Careful Typist",
        email: `typist-${Date.now()}@example.test`,
        password: TEST_PASSWORD,
        confirmPassword: `${TEST_PASSWORD}!`,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ error: { confirmPassword: ["Passwords do not match"] } });
  });

  it("an email address already in use (in any letter case) is refused beside the email field", async () => {
    const existing = await makeUser();
    const result = await callRoute(
      signupAction,
      postRequest("/signup", {
        displayName: "Someone Else",
        email: existing.email.toUpperCase(),
        password: TEST_PASSWORD,
        confirmPassword: TEST_PASSWORD,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ error: { email: ["An account with this email address already exists"] } });
    const rows = await db().select().from(users).where(eq(users.email, existing.email));
    expect(rows).toHaveLength(1);
    expect(rows[0].displayName).toBe(existing.displayName);
  });

  it("a sign-up never sends the person to another site after creating the account", async () => {
    const result = await callRoute(
      signupAction,
      postRequest("/signup", {
        displayName: "Redirect Test",
        email: `redirect-${Date.now()}@example.test`,
        password: TEST_PASSWORD,
        confirmPassword: TEST_PASSWORD,
        redirectTo: "//evil.example/steal",
      }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/w");
  });
});

describe("sign-in", () => {
  it("a person with the right password is signed in and the sign-in is audited", async () => {
    const user = await makeUser();
    const result = await callRoute(
      loginAction,
      postRequest("/login", { email: user.email.toUpperCase(), password: TEST_PASSWORD }, { ip: freshIp() }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/praxis_session=[^;]+;.*HttpOnly/i);
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(rows.map((r) => r.kind)).toContain("auth.sign_in");
  });

  it("a wrong password is refused with a message and no cookie, and the failure is audited", async () => {
    const user = await makeUser();
    const ip = freshIp();
    const result = await callRoute(loginAction, postRequest("/login", { email: user.email, password: "not the password" }, { ip }));
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(result.data)).toContain("Email address or password is incorrect");
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.kind, "auth.sign_in_failed")));
    expect(rows).toHaveLength(1);
    expect(rows[0].ipAddress).toBe(ip);
    expect(JSON.stringify(rows[0].detail)).not.toContain("not the password");
  });

  it("an unknown account gets the same answer as a wrong password", async () => {
    const result = await callRoute(
      loginAction,
      postRequest("/login", { email: `nobody-${Date.now()}@example.test`, password: "whatever it is" }, { ip: freshIp() }),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Email address or password is incorrect");
  });

  it("signing in is only sent back to a path in Praxis", async () => {
    const user = await makeUser();
    const result = await callRoute(
      loginAction,
      postRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "https://evil.example/" }, { ip: freshIp() }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/w");
  });

  it("signing out ends the session and is audited", async () => {
    const user = await makeUser();
    const result = await callRoute(logoutAction, postRequest("/logout", {}, { cookie: user.cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/praxis_session=;/);
    const live = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(live).toHaveLength(0);
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(rows.map((r) => r.kind)).toContain("auth.sign_out");
  });
});

describe("sign-in throttling", () => {
  it("after 10 failures for one account in 15 minutes, even the right password gets 429 with Retry-After", async () => {
    const user = await makeUser();
    // Failures come from different addresses: the account itself is what is throttled.
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect((await failSignIn(user.email, freshIp())).status).toBe(400);
    }
    const result = await callRoute(loginAction, postRequest("/login", { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() }));
    expect(result.status).toBe(429);
    const retryAfter = Number(result.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(result.data)).toContain("Too many failed attempts");
    const throttled = await db().select().from(auditEvents).where(eq(auditEvents.kind, "auth.sign_in_throttled"));
    expect(throttled.some((e) => (e.detail as { email?: string } | null)?.email === user.email)).toBe(true);
  });

  it("after 10 failures from one address, that address is throttled for every account", async () => {
    const ip = freshIp();
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      const victim = `spray-${i}-${Date.now()}@example.test`;
      expect((await failSignIn(victim, ip)).status).toBe(400);
    }
    const other = await makeUser();
    const blocked = await callRoute(loginAction, postRequest("/login", { email: other.email, password: TEST_PASSWORD }, { ip }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The same person from another address is not affected.
    const elsewhere = await callRoute(
      loginAction,
      postRequest("/login", { email: other.email, password: TEST_PASSWORD }, { ip: freshIp() }),
    );
    expect(elsewhere.status).toBe(302);
  });

  it("an unknown account is throttled like a real one, so throttling does not reveal which accounts exist", async () => {
    const email = `ghost-${Date.now()}@example.test`;
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect((await failSignIn(email, freshIp())).status).toBe(400);
    }
    const result = await failSignIn(email, freshIp());
    expect(result.status).toBe(429);
    expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("nine failures do not lock the account out", async () => {
    const user = await makeUser();
    for (let i = 0; i < THROTTLE_MAX_FAILURES - 1; i++) await failSignIn(user.email, freshIp());
    const result = await callRoute(loginAction, postRequest("/login", { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() }));
    expect(result.status).toBe(302);
  });
});
