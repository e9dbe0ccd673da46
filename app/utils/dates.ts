/*
 * Dates as people in the UK read them: en-GB, Europe/London (so BST is handled), whatever the
 * server's own time zone. Safe in the browser and on the server.
 */
export const UK_TIME_ZONE = "Europe/London";

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: UK_TIME_ZONE,
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: UK_TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "23 Nov 2026, 14:05" */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(new Date(ms));
}

/** "23 November 2026" */
export function formatDate(ms: number): string {
  return dateFormat.format(new Date(ms));
}

/** ISO 8601 for `<time dateTime>`. */
export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: UK_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** London's wall clock at this instant. */
export function londonParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far London's wall clock is ahead of UTC at this instant, in ms (0 or 3,600,000). */
function londonOffsetMs(ms: number): number {
  const p = londonParts(ms);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant London's clocks read this wall-clock time (fields may overflow, as in Date.UTC:
 * day 32 is the 1st of the next month). Corrects once for a change of offset between the guess
 * and the answer, on the days the clocks go forward or back.
 */
export function londonWallToUtc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - londonOffsetMs(wall);
  return wall - londonOffsetMs(first);
}

/** The instant London's clocks read 00:00 on this calendar day. */
export function startOfLondonDay(year: number, month: number, day: number): number {
  return londonWallToUtc(year, month, day);
}

/**
 * A calendar day typed as dd/mm/yyyy (UK) or yyyy-mm-dd (what `<input type="date">` sends).
 * Returns null when it is not a real date.
 */
export function parseUkDate(input: string): { year: number; month: number; day: number } | null {
  const text = input.trim();
  let year: number;
  let month: number;
  let day: number;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (uk) {
    day = Number(uk[1]);
    month = Number(uk[2]);
    year = Number(uk[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return null;
  }
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** dd/mm/yyyy, as a date is typed in the UK. */
export function toUkDay(d: { year: number; month: number; day: number }): string {
  return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${String(d.year).padStart(4, "0")}`;
}
