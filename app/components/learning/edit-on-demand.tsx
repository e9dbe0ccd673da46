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

/**
 * A form folded behind its control in a titled card: the create and settings forms of index
 * pages ("Create a case", "Record an insight"), read first and opened on demand (ADR 008).
 */
export function CardOnDemand({
  label,
  title,
  titleId,
  open,
  className,
  intro,
  children,
}: {
  label: string;
  title: string;
  /** The heading's id, which names the card. */
  titleId: string;
  open?: boolean;
  className?: string;
  /** A line under the title, before the form. */
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <EditOnDemand label={label} open={open} className={className}>
      <section className="card" aria-labelledby={titleId}>
        <h2 id={titleId} className="text-xl font-bold">
          {title}
        </h2>
        {intro ? <p className="mt-1 text-sm text-slate-700">{intro}</p> : null}
        <div className="mt-3">{children}</div>
      </section>
    </EditOnDemand>
  );
}
