import { describe, expect, it } from "vitest";

import { describeAuditEvent, auditKindLabel } from "../../../app/models/audit/audit.describe";
import { invitationState, wouldRemoveLastOwner } from "../../../app/models/membership/membership.policy";
import { formatDateTime, parseUkDate, startOfLondonDay, toUkDay } from "../../../app/utils/dates";

describe("UK dates", () => {
  it("reads dd/mm/yyyy and yyyy-mm-dd, and refuses dates that do not exist", () => {
    expect(parseUkDate("23/11/2026")).toEqual({ year: 2026, month: 11, day: 23 });
    expect(parseUkDate("1/2/2026")).toEqual({ year: 2026, month: 2, day: 1 });
    expect(parseUkDate("2026-02-01")).toEqual({ year: 2026, month: 2, day: 1 });
    expect(parseUkDate("29/02/2024")).not.toBeNull();
    expect(parseUkDate("29/02/2026")).toBeNull();
    expect(parseUkDate("31/04/2026")).toBeNull();
    expect(parseUkDate("11/23/2026")).toBeNull();
    expect(parseUkDate("yesterday")).toBeNull();
    expect(toUkDay({ year: 2026, month: 2, day: 1 })).toBe("01/02/2026");
  });

  it("starts a London day at midnight GMT in winter and 23:00 UTC the day before in summer", () => {
    expect(new Date(startOfLondonDay(2026, 1, 15)).toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(new Date(startOfLondonDay(2026, 7, 1)).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    // The days the clocks change (29 March and 25 October 2026) start before the change.
    expect(new Date(startOfLondonDay(2026, 3, 29)).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(new Date(startOfLondonDay(2026, 10, 25)).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    // Day 32 of a month is the 1st of the next, as the audit filter's inclusive "to" relies on.
    expect(startOfLondonDay(2026, 1, 32)).toBe(startOfLondonDay(2026, 2, 1));
  });

  it("shows times in UK time whatever the server's zone", () => {
    expect(formatDateTime(Date.UTC(2026, 6, 1, 8, 5))).toBe("1 Jul 2026, 09:05");
    expect(formatDateTime(Date.UTC(2026, 11, 1, 8, 5))).toBe("1 Dec 2026, 08:05");
  });
});

describe("membership rules", () => {
  it("never lets the last owner go, but lets one of several owners step down", () => {
    expect(wouldRemoveLastOwner({ currentRole: "owner", newRole: "member", ownerCount: 1 })).toBe(true);
    expect(wouldRemoveLastOwner({ currentRole: "owner", newRole: null, ownerCount: 1 })).toBe(true);
    expect(wouldRemoveLastOwner({ currentRole: "owner", newRole: "owner", ownerCount: 1 })).toBe(false);
    expect(wouldRemoveLastOwner({ currentRole: "owner", newRole: null, ownerCount: 2 })).toBe(false);
    expect(wouldRemoveLastOwner({ currentRole: "member", newRole: null, ownerCount: 1 })).toBe(false);
  });

  it("an invitation is revoked, used, expired or pending, in that order of precedence", () => {
    const now = 1_000_000;
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: now + 1 }, now)).toBe("pending");
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(invitationState({ usedAt: 5, revokedAt: null, expiresAt: now - 1 }, now)).toBe("used");
    expect(invitationState({ usedAt: 5, revokedAt: 6, expiresAt: now + 1 }, now)).toBe("revoked");
  });
});

describe("audit descriptions", () => {
  it("describe each foundation event in plain English", () => {
    expect(describeAuditEvent({ kind: "membership.role_changed", detail: { memberName: "Priya Nair", from: "analyst", to: "facilitator" } })).toBe(
      "Changed Priya Nair’s role from Analyst to Facilitator.",
    );
    expect(describeAuditEvent({ kind: "membership.agency_changed", detail: { memberName: "Kirsty Watt", agencyName: "NHS Lothian" } })).toBe(
      "Recorded that Kirsty Watt works for NHS Lothian.",
    );
    expect(describeAuditEvent({ kind: "auth.password_changed", detail: { endedSessions: 2 } })).toBe(
      "Changed their password; 2 other sessions were ended.",
    );
    expect(describeAuditEvent({ kind: "access.denied", detail: { path: "/w/demo/audit", role: "member" } })).toBe(
      "Was refused access to /w/demo/audit (role Member).",
    );
    expect(describeAuditEvent({ kind: "invitation.accepted", detail: { role: "evaluator" } })).toBe(
      "Joined the workspace as Evaluator using an invitation link.",
    );
  });

  it("still reads sensibly for kinds recorded by other features", () => {
    expect(auditKindLabel("log.version_restored")).toBe("Log version restored");
    expect(describeAuditEvent({ kind: "log.created", detail: { title: "One family, 23 agencies" } })).toBe(
      "Log created: “One family, 23 agencies”.",
    );
    expect(describeAuditEvent({ kind: "mystery", detail: null })).toBe("Mystery.");
  });
});
