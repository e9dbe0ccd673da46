import { describe, expect, it } from "vitest";

import { can, PERMISSIONS, ROLE_DESCRIPTIONS, ROLE_LABELS, type Permission } from "../../app/models/access/access.policy";
import { ROLES } from "../../db/schema/core";

describe("the permission table", () => {
  it("only owners manage members, change workspace settings, delete a workspace or read the audit log", () => {
    for (const permission of ["members:manage", "workspace:settings", "workspace:delete", "audit:read"] as const) {
      expect(ROLES.filter((role) => can(role, permission)), permission).toEqual(["owner"]);
    }
  });

  it("evaluators cannot create or edit logs, but may read them, comment and export", () => {
    expect(can("evaluator", "log:create")).toBe(false);
    expect(can("evaluator", "log:edit")).toBe(false);
    expect(can("evaluator", "log:read")).toBe(true);
    expect(can("evaluator", "log:comment")).toBe(true);
    expect(can("evaluator", "export:create")).toBe(true);
  });

  it("evaluators do not see the member list", () => {
    expect(can("evaluator", "members:read")).toBe(false);
    expect(ROLES.filter((role) => can(role, "members:read"))).toEqual(["owner", "facilitator", "analyst", "member"]);
  });

  it("every role may read the workspace it belongs to", () => {
    for (const role of ROLES) expect(can(role, "workspace:read"), role).toBe(true);
  });

  it("the owner holds every permission", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(can("owner", permission), permission).toBe(true);
  });

  it("someone with no role in the workspace holds no permission", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can(null, permission), permission).toBe(false);
      expect(can(undefined, permission), permission).toBe(false);
    }
  });

  it("the table names only real roles, and every role has a label and a description", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      for (const role of roles) expect(ROLES, `${permission} names ${role}`).toContain(role);
    }
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toBeTruthy();
      expect(ROLE_DESCRIPTIONS[role]).toBeTruthy();
    }
  });
});
