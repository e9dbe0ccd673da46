import { londonParts, londonWallToUtc } from "../../utils/dates";

/*
 * Form values for meetings and due dates. Praxis shows and takes times in Europe/London and
 * stores UTC milliseconds; the conversion itself lives in app/utils/dates.ts.
 */

/** "2015-03-18" + "14:00" (London wall-clock) → UTC ms; null when the input is not a real date/time. */
export function londonToUtc(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, da));
  if (check.getUTCDate() !== da || check.getUTCMonth() !== mo - 1) return null;
  return londonWallToUtc(y, mo, da, h, mi);
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
