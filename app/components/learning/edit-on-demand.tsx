import type { ReactNode } from "react";

/**
 * Read first, edit on demand (GOV.UK's summary list with "Change"): the page shows the stored
 * values and the form stays folded behind a "Change" control until asked for. A native
 * <details>, so it works with the keyboard and before the page's script has loaded; it opens by
 * itself when the last submission failed, so the error summary is seen.
 */
export function EditOnDemand({
  label,
  open = false,
  children,
  className = "",
  context,
}: {
  label: string;
  open?: boolean;
  children: ReactNode;
  className?: string;
  /**
   * Said to screen readers after the label where several controls share it ("Change" … "the 2014
   * value"). The summary is positioned so this visually hidden text stays inside a table's scroll
   * region instead of widening the page.
   */
  context?: string;
}) {
  const hidden = context ? <span className="sr-only"> {context}</span> : null;
  return (
    <details open={open || undefined} className={`group ${className}`}>
      <summary className="btn-secondary relative inline-flex cursor-pointer list-none items-center gap-2 [&::-webkit-details-marker]:hidden">
        <span className="group-open:hidden">
          {label}
          {hidden}
        </span>
        <span className="hidden group-open:inline">
          Close: {label.charAt(0).toLowerCase() + label.slice(1)}
          {hidden}
        </span>
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
