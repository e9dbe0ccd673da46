import { useEffect, useRef, useState } from "react";

import { formatClock } from "../format";

/**
 * The presenter's clock. Its truth is on the server (when the current stretch started and the time
 * already used), so a reload or a second screen shows the same clock; the browser only ticks it.
 * The digits are not a live region (a reader would hear every second); passing five minutes left
 * and running out are announced once each.
 */
export function SlotTimer({
  minutes,
  timerStartedAt,
  timerElapsedMs,
  serverNow,
  presenterName,
}: {
  minutes: number;
  timerStartedAt: number | null;
  timerElapsedMs: number;
  serverNow: number;
  presenterName: string;
}) {
  const [now, setNow] = useState(serverNow);
  const skew = useRef(0);
  useEffect(() => {
    skew.current = serverNow - Date.now();
    setNow(serverNow);
    if (timerStartedAt === null) return;
    const handle = window.setInterval(() => setNow(Date.now() + skew.current), 1000);
    return () => window.clearInterval(handle);
  }, [serverNow, timerStartedAt]);
  const used = timerElapsedMs + (timerStartedAt !== null ? Math.max(0, now - timerStartedAt) : 0);
  const remaining = minutes * 60_000 - used;
  const over = remaining <= 0;
  const lowTime = !over && remaining <= 5 * 60_000;
  const announcement = over ? `Time is up for ${presenterName}.` : lowTime ? `Five minutes or less left for ${presenterName}.` : "";
  return (
    <div className="rounded-md border-2 border-slate-700 bg-white p-4 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{over ? "Over time" : "Time left"}</p>
      <p role="timer" aria-label={`${over ? "Over time by" : "Time left"} ${formatClock(Math.abs(remaining))}`} className={`font-mono text-5xl font-bold ${over ? "text-red-800" : "text-slate-900"}`} data-testid="slot-timer">
        {over ? "+" : ""}
        {formatClock(Math.abs(remaining))}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {timerStartedAt === null ? "Paused" : "Running"} · {minutes}-minute slot
      </p>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
    </div>
  );
}
