/*
 * Small inline SVG icons: emoji render as empty boxes on machines without a colour-emoji font
 * (council desktops often have none). Always decorative: the words beside them carry the meaning.
 */
const BASE = "inline-block h-4 w-4 shrink-0 align-[-0.15em]";

export function WarningIcon({ className = "" }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className={`${BASE} ${className}`} fill="currentColor">
      <path d="M10 1.5 19 18H1L10 1.5Zm0 5.2a1 1 0 0 0-1 1v4.6a1 1 0 1 0 2 0V7.7a1 1 0 0 0-1-1Zm0 8.1a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Z" />
    </svg>
  );
}

export function ClockIcon({ className = "" }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className={`${BASE} ${className}`} fill="none" stroke="currentColor" strokeWidth="2">
      <circle cx="10" cy="10" r="8" />
      <path d="M10 5.5V10l3 2" strokeLinecap="round" />
    </svg>
  );
}
