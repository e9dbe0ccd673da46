import type { InsightFields } from "../../../app/models/insight/insight.schema";
import { createInsight } from "../../../app/models/insight/insight.server";
import type { Role } from "../../../db/schema/core";
import type { TestUser, TestWorkspace } from "../../helpers/factories";
import { makeLogWorld, type LogWorld } from "../logs/world";

export type InsightWorld = LogWorld;

/** The logs world (workspace A with every role, a set, private/set/workspace logs by the member). */
export async function makeInsightWorld(): Promise<InsightWorld> {
  return makeLogWorld();
}

export const FINDING: InsightFields = {
  statement: "Families meet the same assessment three times from three agencies",
  kind: "finding",
  status: "emerging",
  confidence: "medium",
  relayedTo: "",
};

export async function makeInsight(ws: TestWorkspace & { users: Record<Role, TestUser> }, fields: Partial<InsightFields> = {}, options: Parameters<typeof createInsight>[3] = {}) {
  return createInsight({ userId: ws.users.member.id }, ws.id, { ...FINDING, ...fields }, options);
}
