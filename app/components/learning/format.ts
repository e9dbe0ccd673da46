const TZ = "Europe/London";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: TZ,
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const time = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });
/** Day dates (due, decided, review) are stored as midnight UTC, so they are shown in UTC. */
const day = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}

export function formatMeetingWhen(startsAt: number, endsAt: number): string {
  return `${dateTime.format(new Date(startsAt))} to ${time.format(new Date(endsAt))}`;
}

export function formatDay(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "No date" : day.format(new Date(ms));
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
