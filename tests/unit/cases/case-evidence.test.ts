import { describe, expect, it } from "vitest";

import { criteriaProfiles, deriveCaseEvidence, findDisagreements, findDuplications, findGaps, showCount, summarise, type EvidenceEvent } from "../../../app/models/case/case-evidence";
import { renderJourneyChart } from "../../../app/models/case/journey-chart";
import { costFromUnit, formatPence, parsePounds, parseQuantityMilli } from "../../../app/models/case/money";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

let n = 0;
function ev(date: string, agency: string, kind: EvidenceEvent["kind"], extra: Partial<EvidenceEvent> = {}): EvidenceEvent {
  n += 1;
  return { id: `e${String(n).padStart(3, "0")}`, occurredOn: day(date), agencyId: agency, agencyName: agency, recordingAgencyId: agency, kind, approach: "reactive", costPence: null, episodeKey: null, ...extra };
}

describe("costs in integer pence", () => {
  it("a foster care place at £28,000 a year for 1.5 years costs exactly £42,000.00", () => {
    expect(costFromUnit(2_800_000, 1500)).toBe(4_200_000);
  });

  it("a unit cost times a fractional quantity rounds half up once, at the end", () => {
    // £93,000 × 0.333 = £30,969.00 exactly; £1.01 × 0.5 = 50.5p → 51p; £0.03 × 0.5 = 1.5p → 2p
    expect(costFromUnit(9_300_000, 333)).toBe(3_096_900);
    expect(costFromUnit(101, 500)).toBe(51);
    expect(costFromUnit(3, 500)).toBe(2);
    expect(costFromUnit(1, 499)).toBe(0);
  });

  it("large costs over long quantities stay exact", () => {
    expect(costFromUnit(999_999_999, 9_999_999)).toBe(9_999_998_990_000);
  });

  it("pounds typed with commas and pence are read as exact pence, and text is refused", () => {
    expect(parsePounds("1,234.56")).toBe(123_456);
    expect(parsePounds("£28000")).toBe(2_800_000);
    expect(parsePounds("0.1")).toBe(10);
    expect(parsePounds("12.345")).toBeNull();
    expect(parsePounds("twelve")).toBeNull();
    expect(parsePounds("-5")).toBeNull();
    expect(parseQuantityMilli("1.5")).toBe(1500);
    expect(parseQuantityMilli("0")).toBeNull();
    expect(parseQuantityMilli("2.0005")).toBeNull();
  });

  it("pence are shown as en-GB pounds without rounding", () => {
    expect(formatPence(2_800_000)).toBe("£28,000.00");
    expect(formatPence(123_456_789)).toBe("£1,234,567.89");
    expect(formatPence(5)).toBe("£0.05");
  });

  it("a case's cost to date sums its events and splits reactive from preventative", () => {
    const events = [
      ev("2015-01-05", "Police", "crisis", { costPence: 45_678 }),
      ev("2015-01-06", "School", "contact", { costPence: 1_001, approach: "preventative" }),
      ev("2015-01-07", "Police", "contact", { costPence: 99_999 }),
      ev("2015-01-08", "NHS", "contact"),
    ];
    const evidence = deriveCaseEvidence(events, { duplicationDays: 28, gapDays: 28 }, day("2015-02-01"));
    expect(evidence.totalPence).toBe(146_678);
    expect(evidence.reactivePence).toBe(145_677);
    expect(evidence.preventativePence).toBe(1_001);
    expect(evidence.agencies.map((a) => [a.agencyName, a.contacts, a.costPence])).toEqual([
      ["Police", 2, 145_677],
      ["School", 1, 1_001],
      ["NHS", 1, 0],
    ]);
  });
});

describe("duplication and gaps on hand-built journeys", () => {
  it("two agencies assessing within the window is one duplication; one agency assessing twice is not", () => {
    const a = ev("2015-03-01", "Children's Services", "assessment");
    const b = ev("2015-03-20", "CAMHS", "assessment");
    const c = ev("2015-06-01", "School", "assessment");
    const d = ev("2015-06-10", "School", "assessment");
    expect(findDuplications([c, a, d, b], 28)).toEqual([{ eventIds: [a.id, b.id], agencies: ["Children's Services", "CAMHS"], fromDay: a.occurredOn, toDay: b.occurredOn }]);
  });

  it("assessments further apart than the window are not duplication, but are at a wider window", () => {
    const a = ev("2015-03-01", "Police", "assessment");
    const b = ev("2015-04-15", "NHS", "assessment");
    expect(findDuplications([a, b], 28)).toEqual([]);
    expect(findDuplications([a, b], 60)).toHaveLength(1);
  });

  it("three agencies in one run count once, with all three events behind it", () => {
    const runs = findDuplications([ev("2015-01-01", "A", "assessment"), ev("2015-01-10", "B", "assessment"), ev("2015-01-20", "C", "assessment")], 28);
    expect(runs).toHaveLength(1);
    expect(runs[0].agencies).toEqual(["A", "B", "C"]);
  });

  it("a crisis followed by support within the gap length is not a gap; a long silence is", () => {
    const crisis1 = ev("2015-01-01", "Police", "crisis");
    const support1 = ev("2015-01-20", "Women's Aid", "intervention");
    const crisis2 = ev("2015-03-01", "A&E", "crisis");
    const outcome = ev("2015-04-01", "Housing", "outcome");
    const support2 = ev("2015-05-15", "GP", "contact");
    const gaps = findGaps([crisis1, support1, crisis2, outcome, support2], 28, day("2015-12-31"));
    expect(gaps).toEqual([{ crisisId: crisis2.id, crisisOn: crisis2.occurredOn, nextSupportId: support2.id, nextSupportOn: support2.occurredOn, days: 75 }]);
  });

  it("a crisis with no support after it is a gap running to today", () => {
    const crisis = ev("2015-11-01", "Police", "crisis");
    expect(findGaps([crisis], 28, day("2015-12-31"))).toEqual([{ crisisId: crisis.id, crisisOn: crisis.occurredOn, nextSupportId: null, nextSupportOn: null, days: 60 }]);
  });

  it("one episode recorded by two agencies with different dates and kinds is marked as a disagreement", () => {
    const police = ev("2015-02-01", "Police", "crisis", { episodeKey: "EP1" });
    const school = ev("2015-02-03", "School", "contact", { episodeKey: "EP1" });
    const same1 = ev("2015-03-01", "Police", "referral", { episodeKey: "EP2", recordingAgencyId: "Police" });
    const same2 = ev("2015-03-01", "Police", "referral", { episodeKey: "EP2", recordingAgencyId: "Children's Services" });
    const out1 = ev("2015-05-01", "Housing", "outcome", { episodeKey: "EP3", description: "Tenancy sustained" });
    const out2 = ev("2015-05-01", "Housing", "outcome", { episodeKey: "EP3", recordingAgencyId: "Council", description: "Eviction" });
    expect(findDisagreements([police, school, same1, same2, out1, out2])).toEqual([
      { episodeKey: "EP1", eventIds: [police.id, school.id], differences: ["dates", "kinds"] },
      { episodeKey: "EP3", eventIds: [out1.id, out2.id], differences: ["outcomes"] },
    ]);
  });
});

describe("across cases", () => {
  it("median, mean and quartiles of cost per family are whole pence", () => {
    expect(summarise([100, 201, 300, 1_000])).toEqual({ count: 4, total: 1_601, mean: 400, median: 251, min: 100, max: 1_000, lowerQuartile: 176, upperQuartile: 475 });
  });

  it("counts under 5 are 'fewer than 5' unless revealed to an analyst; zero and 5 are shown", () => {
    expect(showCount(3, false)).toEqual({ value: null, text: "fewer than 5" });
    expect(showCount(3, true)).toEqual({ value: 3, text: "3" });
    expect(showCount(5, false).text).toBe("5");
    expect(showCount(0, false).text).toBe("0");
  });

  it("the criteria that occur together most often come first", () => {
    expect(criteriaProfiles([["a", "b", "c"], ["a", "b"], ["b", "c"], ["a", "b"]])).toEqual([
      { criteria: ["a", "b"], cases: 3 },
      { criteria: ["b", "c"], cases: 2 },
      { criteria: ["a", "c"], cases: 1 },
    ]);
  });
});

describe("the journey picture", () => {
  it("draws one lane per agency for 23 agencies, a shape per event, a cost line and a legend", () => {
    const lanes = Array.from({ length: 23 }, (_, i) => ({ id: `a${i}`, name: `Agency number ${i + 1} with a long service name` }));
    const kinds = ["referral", "assessment", "intervention", "contact", "crisis", "outcome"] as const;
    const events = Array.from({ length: 69 }, (_, i) => ({ id: `e${i}`, occurredOn: day("2013-01-01") + i * 10 * 86_400_000, laneId: `a${i % 23}`, kind: kinds[i % 6], approach: i % 2 ? ("preventative" as const) : ("reactive" as const), costPence: 10_000 }));
    const svg = renderJourneyChart({ title: "Journey of MUS-001", lanes, events });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<title id=\"journey-chart-title\">Journey of MUS-001</title>");
    expect(svg.match(/<text x="242" y="\d+" text-anchor="end" fill="#1e293b"><title>/g)).toHaveLength(23);
    // 69 events + 6 legend kinds + 2 approach samples
    expect(svg.match(/<path d="M[^"]*" transform=/g)).toHaveLength(69 + 8);
    expect(svg).toContain("Cumulative cost");
    expect(svg).toContain("Hollow: preventative");
    expect(svg).toMatch(/>£\d+k</);
  });

  it("escapes agency names so a name cannot break the picture", () => {
    const svg = renderJourneyChart({ title: "T", lanes: [{ id: "x", name: "<script>&" }], events: [] });
    expect(svg).toContain("&lt;script&gt;&amp;");
    expect(svg).not.toContain("<script>");
  });
});
