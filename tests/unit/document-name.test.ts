import { describe, expect, it } from "vitest";

import { DOCUMENT_KINDS, documentName, parseDocumentName } from "../../app/collab/document-name";

describe("collaborative document names", () => {
  it("a log's name parses into its kind and id", () => {
    expect(parseDocumentName("log:abc123")).toEqual({ kind: "log", id: "abc123", name: "log:abc123" });
  });

  it("every kind round-trips through documentName and parseDocumentName", () => {
    for (const kind of DOCUMENT_KINDS) {
      const name = documentName(kind, "k2x9q0zz");
      expect(parseDocumentName(name)).toEqual({ kind, id: "k2x9q0zz", name });
    }
  });

  it.each([
    ["an unknown kind", "workspace:abc123"],
    ["no separator", "logabc123"],
    ["an empty id", "log:"],
    ["an empty kind", ":abc123"],
    ["a path in the id", "log:../../etc/passwd"],
    ["a second separator", "log:abc:123"],
    ["spaces", "log: abc123"],
    ["an upper-case kind", "LOG:abc123"],
    ["an id longer than 64 characters", `log:${"a".repeat(65)}`],
    ["a name longer than 80 characters", `meeting:${"a".repeat(80)}`],
    ["a NUL byte", "log:abc\u0000123"],
  ])("a name with %s is refused", (_what, name) => {
    expect(parseDocumentName(name)).toBeNull();
  });

  it.each([null, undefined, 42, {}, ["log:abc"]])("a name that is not a string (%s) is refused", (value) => {
    expect(parseDocumentName(value)).toBeNull();
  });
});
