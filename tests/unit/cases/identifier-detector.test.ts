import { describe, expect, it } from "vitest";

import { describeIdentifiers, detectIdentifiers, type IdentifierKind } from "../../../app/models/case/identifier-detector";

/** Realistic case-note text: what should be refused (with the kind found) and what must pass. */
const TABLE: Array<[text: string, expected: IdentifierKind[]]> = [
  // Postcodes
  ["Family moved to EH21 6XY last spring", ["postcode"]],
  ["Now living near eh21 7ab", ["postcode"]],
  ["Referral from an address in EH216XY", ["postcode"]],
  ["Previously in London, SW1A 1AA", ["postcode"]],
  ["Placement in M1 1AE area", ["postcode"]],
  ["Moved from G2 5QR to a temporary flat", ["postcode"]],
  ["Worker noted the HEH21 6XYZ reference on the form", []],
  ["Case code MUS-EH21 is a reference, not an address", []],
  ["Seen at the B12 clinic room", []],
  // Phone numbers
  ["Mother can be reached on 07700 900123", ["phone"]],
  ["Call +44 7700 900456 after 5pm", ["phone"]],
  ["Office number (0131) 496 0000", ["phone"]],
  ["Landline 0131-496-0018", ["phone"]],
  ["+44 (0)131 496 0999 is the duty line", ["phone"]],
  ["Text 07700900777 for updates", ["phone"]],
  ["Cost was £28,000 for the year", []],
  ["Seen 3 times in 12 months; 85% attendance", []],
  // Email
  ["Contact jo.bloggs@example.com for the report", ["email"]],
  ["Referral sent to the team inbox duty-team@eastlothian.gov.uk", ["email"]],
  // NHS and CHI numbers
  ["NHS number 943 476 5919 on the letter", ["nhs_number"]],
  ["Ref 9434765919 from the GP", ["nhs_number"]],
  ["CHI 1203851234 on the discharge note", ["chi_number"]],
  ["CHI 120385-1234", ["chi_number"]],
  ["Invoice 9999999999 paid", []],
  ["Batch number 4532015112 processed", []],
  // National Insurance numbers
  ["NI number JG 10 37 59 A on the benefit claim", ["ni_number"]],
  ["Claim under AB123456C", ["ni_number"]],
  ["Form GB123456A is a test form code", []],
  // Dates of birth vs dates that are not birth dates
  ["Child 2, DOB 12/03/2010", ["birth_date"]],
  ["Adult 1 born 3 March 1985", ["birth_date"]],
  ["Date of birth: 1990-07-14", ["birth_date"]],
  ["D.O.B. 01.02.2009", ["birth_date"]],
  ["Assessment completed 12/03/2015", []],
  ["Case conference on 3 March 2015 agreed a plan", []],
  ["Review due 2015-09-30", []],
  ["Born into a family already known to services", []],
  // Names
  ["Spoke with Sarah Mitchell about the tenancy", ["person_name"]],
  ["Mrs Kerr attended the review", ["person_name"]],
  ["Dr. Patel referred to CAMHS", ["person_name"]],
  ["Jamie McLeod missed school again", ["person_name"]],
  ["Referred to Women's Aid by the police", []],
  ["East Lothian Council Housing visited", []],
  ["Grace Period for rent arrears agreed", ["person_name"]],
  ["Adult 1 and Child 2 attended the Family Centre", []],
  ["Joint visit with Police Scotland and NHS Lothian", []],
  ["Seen at Musselburgh Grammar School", []],
  ["Appointment at Grant Street surgery", []],
  ["Several: 07700 900123 and jo@example.org", ["phone", "email"]],
  ["", []],
];

describe("identifier detection", () => {
  it("the table holds at least 40 realistic examples", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)("%j is flagged as %j", (text, expected) => {
    expect(detectIdentifiers(text).map((m) => m.kind)).toEqual(expected);
  });

  it("the message names what kinds were found", () => {
    expect(describeIdentifiers(detectIdentifiers("Call 07700 900123 or EH21 6XY"))).toBe(
      "This looks like it contains a phone number and a UK postcode. Remove it, or give a reason to keep it",
    );
  });
});
