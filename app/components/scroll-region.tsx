import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen scrolls inside its own region instead of pushing the page
 * sideways (WCAG 1.4.10 reflow); the region is named and takes keyboard focus so it can be
 * scrolled without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
    <div role="region" aria-label={label} tabIndex={0} className={`max-w-full overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
