import { createHash } from "node:crypto";

import { create } from "xmlbuilder2";

import { INSIGHT_KINDS, INSIGHT_STATUSES } from "../../../db/schema/insights";
import { KIND_LABELS, STATUS_LABELS } from "./labels";

/**
 * A stable GUID (RFC 4122 version 5 layout over SHA-1) for a code, so that re-exporting the
 * codebook gives the same GUIDs and a QDA package can merge rather than duplicate codes.
 */
export function stableGuid(workspaceId: string, name: string): string {
  const h = createHash("sha1").update(`praxis:${workspaceId}:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const KIND_DESCRIPTIONS = {
  finding: "Something the board has learned from its logs and evidence.",
  barrier: "Something in the way: local (ours to fix) or national (to relay to government).",
  opportunity: "A chance to do things differently.",
  question: "A question the learning has raised.",
} as const;

const KIND_COLOURS = {
  finding: "#1d70b8",
  barrier: "#d4351c",
  opportunity: "#00703c",
  question: "#6f72af",
} as const;

/**
 * The REFI-QDA codebook (urn:QDA-XML:codebook:1.0): insight kinds, insight statuses and the tags
 * of workspace-shared logs as codes, for evaluators working in NVivo, ATLAS.ti or MAXQDA.
 */
export function renderCodebook(input: {
  workspaceId: string;
  workspaceName: string;
  tags: string[];
}): string {
  const guid = (name: string) => stableGuid(input.workspaceId, name);
  const root = create({ version: "1.0", encoding: "utf-8" }).ele(
    "urn:QDA-XML:codebook:1.0",
    "CodeBook",
    { origin: `Praxis — ${input.workspaceName}` },
  );
  const codes = root.ele("Codes");
  const kinds = codes.ele("Code", {
    guid: guid("group:kinds"),
    name: "Insight kind",
    isCodable: "false",
  });
  kinds.ele("Description").txt("What kind of learning an insight is.");
  for (const kind of INSIGHT_KINDS) {
    const code = kinds.ele("Code", {
      guid: guid(`kind:${kind}`),
      name: KIND_LABELS[kind],
      isCodable: "true",
      color: KIND_COLOURS[kind],
    });
    code.ele("Description").txt(KIND_DESCRIPTIONS[kind]);
  }
  const statuses = codes.ele("Code", {
    guid: guid("group:statuses"),
    name: "Insight status",
    isCodable: "false",
  });
  statuses.ele("Description").txt("How far an insight has been tested and taken up.");
  for (const status of INSIGHT_STATUSES)
    statuses.ele("Code", {
      guid: guid(`status:${status}`),
      name: STATUS_LABELS[status],
      isCodable: "true",
    });
  if (input.tags.length) {
    const tags = codes.ele("Code", {
      guid: guid("group:tags"),
      name: "Log tag",
      isCodable: "false",
    });
    tags.ele("Description").txt("Tags the board put on logs shared with the whole workspace.");
    for (const tag of input.tags)
      tags.ele("Code", { guid: guid(`tag:${tag}`), name: tag, isCodable: "true" });
  }
  const sets = root.ele("Sets");
  const barriers = sets.ele("Set", {
    guid: guid("set:barriers"),
    name: "Barriers to relay or fix",
  });
  barriers.ele("Description").txt("Codes an evaluator uses when tracing barriers.");
  barriers.ele("MemberCode", { guid: guid("kind:barrier") });
  barriers.ele("MemberCode", { guid: guid("status:adopted") });
  return root.end({ prettyPrint: true });
}
