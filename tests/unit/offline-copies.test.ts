import { describe, expect, it } from "vitest";

import { ACCESS_CHANGED_STATELESS, parseAccessChanged } from "../../app/collab/protocol";
import { offlineCopyName, parseOfflineCopyName } from "../../app/components/editor/offline-copies";
import { meetingNotesAccess } from "../../app/models/meeting/meeting.policy";

describe("offline copy names say whose copy of which document they are", () => {
  it("a copy's name round-trips to its person and document", () => {
    const name = offlineCopyName("u1abc", "log:x9y8");
    expect(name).toBe("praxis-offline:u1abc:log:x9y8");
    expect(parseOfflineCopyName(name)).toEqual({ database: name, userId: "u1abc", documentName: "log:x9y8" });
  });

  it("a copy made before copies were named per person belongs to nobody", () => {
    expect(parseOfflineCopyName("praxis:log:x9y8")).toEqual({ database: "praxis:log:x9y8", userId: null, documentName: "log:x9y8" });
  });

  it("databases of anything else are not offline copies", () => {
    expect(parseOfflineCopyName("some-other-app")).toBeNull();
  });
});

describe("the access message the server sends while connected", () => {
  it("is read only when it is well formed", () => {
    expect(parseAccessChanged(JSON.stringify({ type: ACCESS_CHANGED_STATELESS, canWrite: false, canRead: false }))).toEqual({
      type: ACCESS_CHANGED_STATELESS,
      canWrite: false,
      canRead: false,
    });
    expect(parseAccessChanged(JSON.stringify({ type: ACCESS_CHANGED_STATELESS, canWrite: true }))).toEqual({ type: ACCESS_CHANGED_STATELESS, canWrite: true });
    expect(parseAccessChanged("not json")).toBeNull();
    expect(parseAccessChanged(JSON.stringify({ type: "praxis:size", canWrite: false }))).toBeNull();
  });
});

describe("meeting notes follow the log rule for a set log", () => {
  it("participants read; only roles that may edit logs write; nobody outside the set reads", () => {
    const setId = "s1";
    expect(meetingNotesAccess({ role: "evaluator", setId, isSetParticipant: true })).toEqual({ canRead: true, canWrite: false });
    for (const role of ["owner", "facilitator", "analyst", "member"] as const) {
      expect(meetingNotesAccess({ role, setId, isSetParticipant: true })).toEqual({ canRead: true, canWrite: true });
      expect(meetingNotesAccess({ role, setId, isSetParticipant: false })).toEqual({ canRead: false, canWrite: false });
    }
  });
});
