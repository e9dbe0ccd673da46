import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { action as loginAction } from "../../../app/routes/login";
import { db } from "../../../app/utils/db.server";
import { auditEvents } from "../../../db/schema/core";
import { makeUser, TEST_PASSWORD } from "../../helpers/factories";
import { callRoute, postRequest } from "../../helpers/requests";

describe("sign-in", () => {
  it("a person with the right password is signed in and the sign-in is audited", async () => {
    const user = await makeUser();
    const result = await callRoute(loginAction, postRequest("/login", { email: user.email.toUpperCase(), password: TEST_PASSWORD }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/praxis_session=[^;]+;.*HttpOnly/i);
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(rows.map((r) => r.kind)).toContain("auth.sign_in");
  });

  it("a wrong password is refused with a message and no cookie", async () => {
    const user = await makeUser();
    const result = await callRoute(loginAction, postRequest("/login", { email: user.email, password: "not the password" }));
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(result.data)).toContain("Email address or password is incorrect");
  });
});
