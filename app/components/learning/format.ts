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

const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, weekday: "short", day: "numeric", month: "long", year: "numeric" });

/** "Wed 10 December 2026, 14:00 to 16:30" (not "… at 14:00 to 16:30"). */
export function formatMeetingWhen(startsAt: number, endsAt: number): string {
  return `${dateOnly.format(new Date(startsAt))}, ${time.format(new Date(startsAt))} to ${time.format(new Date(endsAt))}`;
}

/**
 * An inquiry's actions as the viewer sees them, saying when set confidentiality hides some:
 * "No actions yet", "1 open of 2 actions", "… · 2 actions in learning sets you are not in".
 */
export function formatActionCounts({ actionCount, openActionCount, hiddenActionCount = 0 }: { actionCount: number; openActionCount: number; hiddenActionCount?: number }): string {
  const plural = (n: number) => (n === 1 ? "action" : "actions");
  const visible = actionCount === 0 ? (hiddenActionCount > 0 ? "No actions you can see" : "No actions yet") : `${openActionCount} open of ${actionCount} ${plural(actionCount)}`;
  return hiddenActionCount > 0 ? `${visible} · ${formatHiddenActions(hiddenActionCount)}` : visible;
}

export function formatHiddenActions(n: number): string {
  return `${n} ${n === 1 ? "action" : "actions"} in learning sets you are not in`;
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
