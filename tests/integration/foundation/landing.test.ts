import { describe, expect, it } from "vitest";

import { action as loginAction } from "../../../app/routes/login";
import { loader as layoutLoader } from "../../../app/routes/w.$ws";
import { addMember, makeUser, makeWorkspace, TEST_PASSWORD } from "../../helpers/factories";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";

let ip = 0;
function signInRequest(email: string, extra: Record<string, string> = {}, cookie?: string) {
  ip += 1;
  return postRequest("/login", { email, password: TEST_PASSWORD, ...extra }, { ip: `198.51.100.${100 + ip}`, cookie });
}

describe("where signing in lands", () => {
  it("a person in one workspace goes straight to it", async () => {
    const user = await makeUser();
    const ws = await makeWorkspace(user);
    const result = await callRoute(loginAction, signInRequest(user.email));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/w/${ws.slug}`);
  });

  it("a person in two workspaces returns to the one they used last, which the workspace pages remember", async () => {
    const user = await makeUser();
    const first = await makeWorkspace(user, "First partnership");
    const second = await makeWorkspace(undefined, "Second partnership");
    await addMember(second, "member", user);

    const visit = await callRoute(layoutLoader, getRequest(`/w/${second.slug}`, { cookie: user.cookie }), { ws: second.slug });
    const remembered = visit.headers.get("Set-Cookie") ?? "";
    expect(remembered).toMatch(new RegExp(`^praxis_ws=${second.slug};.*HttpOnly`));
    const cookie = remembered.split(";")[0];

    const again = await callRoute(layoutLoader, getRequest(`/w/${second.slug}`, { cookie: `${user.cookie}; ${cookie}` }), { ws: second.slug });
    expect(again.headers.get("Set-Cookie")).toBeNull();

    const result = await callRoute(loginAction, signInRequest(user.email, {}, cookie));
    expect(result.headers.get("Location")).toBe(`/w/${second.slug}`);
    const withoutHint = await callRoute(loginAction, signInRequest(user.email));
    expect(withoutHint.headers.get("Location")).toBe("/w");
    expect(first.slug).not.toBe(second.slug);
  });

  it("a remembered workspace the person is not a member of is ignored", async () => {
    const user = await makeUser();
    await makeWorkspace(user, "Mine");
    await addMember(await makeWorkspace(user, "Also mine"), "member", await makeUser());
    const foreign = await makeWorkspace(undefined, "Not mine");
    const result = await callRoute(loginAction, signInRequest(user.email, {}, `praxis_ws=${foreign.slug}`));
    expect(result.headers.get("Location")).toBe("/w");
  });

  it("a page the person was going to wins over the landing workspace", async () => {
    const user = await makeUser();
    await makeWorkspace(user);
    const result = await callRoute(loginAction, signInRequest(user.email, { redirectTo: "/account" }));
    expect(result.headers.get("Location")).toBe("/account");
  });
});
