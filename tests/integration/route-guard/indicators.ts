import { eq } from "drizzle-orm";

import { stageIndicatorImport } from "../../../app/models/indicator/indicator-import.server";
import { createSavingsEstimate } from "../../../app/models/savings/savings.server";
import { db } from "../../../app/utils/db.server";
import { newId } from "../../../app/utils/ids";
import { unitCosts } from "../../../db/schema/costs";
import { indicatorValues } from "../../../db/schema/indicators";
import { makeIndicator } from "../../helpers/factories";
import type { GuardExpectation, GuardWorld, RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** Analysts and owners manage indicators (evidence:manage); every role reads them. */
const managers = (): GuardExpectation => workspaceGuard({ default: 403, owner: "allow", analyst: "allow" });

async function indicator(world: GuardWorld) {
  const { id } = await makeIndicator(world.a, { values: [["2014", "26"], ["2021-22", "5"]] });
  return { ws: world.a.slug, id };
}

async function estimate(world: GuardWorld) {
  const { id } = await indicator(world);
  const unitCostId = newId();
  await db().insert(unitCosts).values({ id: unitCostId, workspaceId: world.a.id, description: "Foster care place", unit: "per year", fiscalCostPence: 2_800_000, priceYear: "2015-16", source: "Test" });
  const values = await db().select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id));
  const from = values.find((v) => v.period === "2014")?.id ?? "";
  const to = values.find((v) => v.period === "2021-22")?.id ?? "";
  const created = await createSavingsEstimate({ userId: world.a.owner.id }, world.a.id, id, {
    title: "Guarded estimate",
    fromValueId: from,
    toValueId: to,
    unitCostId,
    deadweight: "20",
    attribution: "50",
    optimismBias: "25",
    confidence: "low",
    assumptions: "Assumptions long enough to pass the form's check.",
  });
  return { ws: world.a.slug, id, estimateId: created?.id ?? "" };
}

async function staged(world: GuardWorld) {
  await makeIndicator(world.a, { name: "Guarded indicator" });
  const result = await stageIndicatorImport({ userId: world.a.owner.id }, world.a.id, {
    name: "values.csv",
    bytes: new TextEncoder().encode("Indicator,Period,Value,Note,Source\nGuarded indicator,2014,26,,Test\n"),
  });
  if (!result.ok) throw new Error(result.message);
  return { ws: world.a.slug, importId: result.importId };
}

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.indicators._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: workspaceGuard({}), action: managers() },
  { file: "w.$ws.indicators.$id.tsx", params: indicator, loader: workspaceGuard({}), action: managers() },
  { file: "w.$ws.indicators.import._index.tsx", params: (w) => ({ ws: w.a.slug }), loader: managers(), action: managers() },
  { file: "w.$ws.indicators.import.$importId.tsx", params: staged, loader: managers(), action: managers() },
  { file: "w.$ws.indicators.$id_.savings.$estimateId.tsx", params: estimate, loader: workspaceGuard({}), action: managers() },
];
