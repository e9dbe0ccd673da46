import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

import {
  insightActions,
  insightCases,
  insightDecisions,
  insightIndicators,
  insightInquiries,
  insightJourneyEvents,
  insightSpendLines,
  insightUnitCosts,
} from "../../../db/schema/insights";
import { getActionTargets, searchActionTargets } from "../action/action-link-targets.server";
import {
  getCaseTargets,
  getJourneyEventTargets,
  searchCaseTargets,
  searchJourneyEventTargets,
} from "../case/case-link-targets.server";
import {
  getDecisionTargets,
  searchDecisionTargets,
} from "../decision/decision-link-targets.server";
import {
  getIndicatorTargets,
  searchIndicatorTargets,
} from "../indicator/indicator-link-targets.server";
import { getInquiryTargets, searchInquiryTargets } from "../inquiry/inquiry-link-targets.server";
import { getSpendTargets, searchSpendTargets } from "../spend/spend-link-targets.server";
import {
  getUnitCostTargets,
  searchUnitCostTargets,
} from "../unit-cost/unit-cost-link-targets.server";
import type { LinkKind } from "./insight.constants";
import type { LinkTarget, TargetLookup, TargetQuery } from "./link-target";

type LinkTable = SQLiteTable & {
  insightId: SQLiteColumn;
  createdBy: SQLiteColumn;
  createdAt: SQLiteColumn;
};

export type LinkKindConfig = {
  table: LinkTable;
  /** The link table's column naming the target. */
  target: SQLiteColumn;
  /** Its property name in drizzle inserts. */
  key: string;
  /** Case-level material: reads and links are audited as case data. */
  caseLevel: boolean;
  /** Only what this person may see, in this workspace. */
  search: (query: TargetQuery) => Promise<LinkTarget[]>;
  get: (lookup: TargetLookup) => Promise<LinkTarget[]>;
};

/**
 * Each target's own domain answers "what may this person pick" and "what is this id"; the
 * insight domain only keeps the links (CONVENTIONS: no domain reaches into another's tables).
 */
export const LINK_KIND_CONFIG: Record<LinkKind, LinkKindConfig> = {
  inquiry: {
    table: insightInquiries,
    target: insightInquiries.inquiryId,
    key: "inquiryId",
    caseLevel: false,
    search: searchInquiryTargets,
    get: getInquiryTargets,
  },
  case: {
    table: insightCases,
    target: insightCases.caseId,
    key: "caseId",
    caseLevel: true,
    search: searchCaseTargets,
    get: getCaseTargets,
  },
  journeyEvent: {
    table: insightJourneyEvents,
    target: insightJourneyEvents.journeyEventId,
    key: "journeyEventId",
    caseLevel: true,
    search: searchJourneyEventTargets,
    get: getJourneyEventTargets,
  },
  spendLine: {
    table: insightSpendLines,
    target: insightSpendLines.spendLineId,
    key: "spendLineId",
    caseLevel: false,
    search: searchSpendTargets,
    get: getSpendTargets,
  },
  unitCost: {
    table: insightUnitCosts,
    target: insightUnitCosts.unitCostId,
    key: "unitCostId",
    caseLevel: false,
    search: searchUnitCostTargets,
    get: getUnitCostTargets,
  },
  indicator: {
    table: insightIndicators,
    target: insightIndicators.indicatorId,
    key: "indicatorId",
    caseLevel: false,
    search: searchIndicatorTargets,
    get: getIndicatorTargets,
  },
  action: {
    table: insightActions,
    target: insightActions.actionId,
    key: "actionId",
    caseLevel: false,
    search: searchActionTargets,
    get: getActionTargets,
  },
  decision: {
    table: insightDecisions,
    target: insightDecisions.decisionId,
    key: "decisionId",
    caseLevel: false,
    search: searchDecisionTargets,
    get: getDecisionTargets,
  },
};
