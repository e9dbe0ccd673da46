/*
 * Flags free text that looks like it identifies a person, before it is stored with case evidence.
 * Patterns favour recall on the formats people actually type (spaced, dashed, bracketed), with
 * checks (NHS modulus 11, CHI's date of birth, phone digit counts, birth-date cues) that keep
 * ordinary evidence — dates of events, costs, agency names — from being refused.
 */

export const IDENTIFIER_KINDS = ["postcode", "phone", "email", "nhs_number", "chi_number", "ni_number", "birth_date", "person_name"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  postcode: "a UK postcode",
  phone: "a phone number",
  email: "an email address",
  nhs_number: "an NHS number",
  chi_number: "a CHI number",
  ni_number: "a National Insurance number",
  birth_date: "a date of birth",
  person_name: "a person's name",
};

export type IdentifierMatch = { kind: IdentifierKind; text: string; index: number };

const POSTCODE = /(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|[A-PR-UWYZ]\d[A-HJKPSTUW])\s?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_CANDIDATE = /(?<![\d£])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[\d\s()-]{8,15}\d(?!\d)/g;
const TEN_DIGITS = /(?<![\d£.,])(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?![\d.,])/g;
const CHI_CANDIDATE = /(?<![\d£.,])(\d{6})[\s-]?(\d{4})(?![\d.,])/g;
const NI_NUMBER = /(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])/gi;
const MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const FULL_DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;
const BIRTH_DATE = new RegExp(`\\b(?:d\\.?o\\.?b\\.?|date of birth|born(?:\\s+on)?|birthday|b\\.)\\s*[:\\-]?\\s*(${FULL_DATE})`, "gi");
const TITLED_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b/g;
const CAPITAL_PAIR = /\b([A-Z][a-z]+)\s+((?:Mac|Mc|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;

/** Common first names in Scotland, England and Wales (NRS and ONS baby-name lists, several decades). */
const FIRST_NAMES = new Set(
  `aaron adam aidan ailsa aisha alan alana alasdair alex alexander alice alison amanda amber amelia amy andrew angela ann anna
  anne annie archie arthur ava barbara ben benjamin beth bethany billy brian bruce callum calum cameron carol caroline catherine
  charlie charlotte chloe chris christine claire colin connor craig daniel darren david dawn debbie declan derek diane donna
  douglas dylan eilidh elaine eleanor elizabeth ella ellie emily emma erin ethan euan evie ewan fiona finlay finn frances fraser
  freya gary gavin george georgia gillian gordon grace graeme graham grant hannah harry harvey heather helen holly iain ian
  imran isabella isla jack jacob jake james jamie jane janet jason jennifer jessica jill joanne john jordan joseph joshua julie
  karen kate katie kayla keith kelly kenneth kerry kevin kieran kirsty kyle laura lauren leah lee leo lewis liam lily lisa
  logan lorna lorraine louise lucy luke lynn lynsey maisie malcolm margaret maria mark martin mary matthew megan michael michelle
  mohammed morag muhammad murray nathan neil nicola noah oliver olivia owen paul pauline peter rachel rebecca richard robert
  robbie robyn rory ross ruby ryan samantha sam sandra sarah scott sean shannon sharon shona sophie stephen steven stuart
  susan thomas tom tracy william zara zoe`
    .split(/\s+/)
    .filter(Boolean),
);

/** Second words that make a capitalised pair a place, service or organisation rather than a person. */
const NOT_SURNAMES = new Set(
  `street road avenue lane place court house centre center hospital practice school academy primary high nursery college
  council services service team unit ward trust board partnership church hall park gardens crescent drive terrace square
  infirmary clinic surgery aid project forum foundation group association office station way close view`
    .split(/\s+/)
    .filter(Boolean),
);

function nhsChecksumValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function chiDateValid(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

function collect(text: string, pattern: RegExp, kind: IdentifierKind, accept: (m: RegExpExecArray) => boolean = () => true): IdentifierMatch[] {
  const out: IdentifierMatch[] = [];
  for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
    if (accept(m)) out.push({ kind, text: m[0].trim(), index: m.index ?? 0 });
  }
  return out;
}

/** Everything in `text` that looks like a personal identifier, in order of appearance. */
export function detectIdentifiers(text: string): IdentifierMatch[] {
  if (!text.trim()) return [];
  const found: IdentifierMatch[] = [
    ...collect(text, EMAIL, "email"),
    ...collect(text, POSTCODE, "postcode", (m) => /\d/.test(m[0]) && /[A-Za-z]$/.test(m[0])),
    ...collect(text, PHONE_CANDIDATE, "phone", (m) => {
      const digits = m[0].replace(/\D/g, "");
      if (m[0].includes("/")) return false;
      if (digits.startsWith("44")) return digits.length === 12 || (digits.length === 13 && digits[2] === "0");
      return digits.startsWith("0") && (digits.length === 10 || digits.length === 11);
    }),
    ...collect(text, TEN_DIGITS, "nhs_number", (m) => {
      const digits = `${m[1]}${m[2]}${m[3]}`;
      return !digits.startsWith("0") && !/^(\d)\1{9}$/.test(digits) && nhsChecksumValid(digits);
    }),
    ...collect(text, CHI_CANDIDATE, "chi_number", (m) => {
      const digits = `${m[1]}${m[2]}`;
      return !nhsChecksumValid(digits) && chiDateValid(digits);
    }),
    ...collect(text, NI_NUMBER, "ni_number"),
    ...collect(text, BIRTH_DATE, "birth_date"),
    ...collect(text, TITLED_NAME, "person_name"),
    ...collect(text, CAPITAL_PAIR, "person_name", (m) => FIRST_NAMES.has(m[1].toLowerCase()) && !NOT_SURNAMES.has(m[2].toLowerCase())),
  ];
  // A phone number's digits can also pass as another number: keep the first, longest reading.
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: IdentifierMatch[] = [];
  let end = -1;
  for (const m of found) {
    if (m.index < end) continue;
    out.push(m);
    end = m.index + m.text.length;
  }
  return out;
}

/** A sentence for a form error: what was found, without repeating the identifier itself in full. */
export function describeIdentifiers(matches: IdentifierMatch[]): string {
  const kinds = [...new Set(matches.map((m) => IDENTIFIER_LABELS[m.kind]))];
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds[kinds.length - 1]}` : kinds[0];
  return `This looks like it contains ${list}. Remove it, or give a reason to keep it`;
}
