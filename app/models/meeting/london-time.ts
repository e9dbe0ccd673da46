/**
 * Praxis shows and takes times in Europe/London and stores UTC milliseconds. The conversion goes
 * through Intl (no time-zone library is bundled): find London's offset at the instant, then correct
 * once for a change of offset (the clocks going forward or back) between the guess and the answer.
 */
export const APP_TIME_ZONE = "Europe/London";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: APP_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function londonParts(ms: number) {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

function offsetAt(ms: number): number {
  const p = londonParts(ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** "2015-03-18" + "14:00" (London wall-clock) → UTC ms; null when the input is not a real date/time. */
export function londonToUtc(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCDate() !== da || check.getUTCMonth() !== mo - 1) return null;
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** UTC ms → { date: "YYYY-MM-DD", time: "HH:MM" } in London, for form defaults. */
export function utcToLondonInput(ms: number): { date: string; time: string } {
  const p = londonParts(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** "YYYY-MM-DD" → midnight UTC ms of that calendar day (due and review dates are days, not instants). */
export function dayToUtc(date: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return null;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d[3]) || check.getUTCMonth() !== Number(d[2]) - 1) return null;
  return ms;
}

export function utcDayToInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
