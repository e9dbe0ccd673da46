import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * Deleting asks first: a native <details> ("Delete …") folds away what will go and the button
 * that does it, so one stray click deletes nothing, and it works with the keyboard and without
 * the page's script. `fields` are posted as hidden inputs with the confirming button.
 */
export function DeleteOnDemand({
  label,
  context,
  confirmLabel,
  fields,
  children,
  className = "",
}: {
  label: string;
  /** Said to screen readers after the label where several controls share it. */
  context?: string;
  confirmLabel: string;
  fields: Record<string, string>;
  children: ReactNode;
  className?: string;
}) {
  return (
    <details className={`group ${className}`}>
      <summary className="btn-secondary relative inline-flex cursor-pointer list-none items-center gap-2 [&::-webkit-details-marker]:hidden">
        <span className="group-open:hidden">{label}</span>
        <span className="hidden group-open:inline">
          Close: {label.charAt(0).toLowerCase() + label.slice(1)}
        </span>
        {context ? <span className="sr-only"> {context}</span> : null}
      </summary>
      <div className="mt-3 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-950">
        {children}
        <Form method="post" className="mt-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className="btn-danger">
            {confirmLabel}
          </button>
        </Form>
      </div>
    </details>
  );
}
