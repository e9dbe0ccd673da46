import { Form } from "@remix-run/react";
import { useId, type ReactNode } from "react";

import { EditOnDemand } from "./learning/edit-on-demand";

/**
 * Deleting asks first (ADR 008): the same disclosure as "Change …" (EditOnDemand) folds away
 * what will go and the button that does it, so one stray click deletes nothing, and it works
 * with the keyboard and without the page's script. `fields` are posted as hidden inputs with the confirming button,
 * which also posts `confirm=yes`: an action may refuse a deletion posted without it, and its
 * message (`error`) opens the fold again by the button.
 */
export function DeleteOnDemand({
  label,
  context,
  confirmLabel,
  fields,
  children,
  error,
  className = "",
}: {
  label: string;
  /** Said to screen readers after the label where several controls share it. */
  context?: string;
  confirmLabel: string;
  fields: Record<string, string>;
  children: ReactNode;
  error?: string;
  className?: string;
}) {
  const errorId = `${useId()}-error`;
  return (
    <EditOnDemand label={label} context={context} open={Boolean(error)} className={className}>
      <div className="rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-950">
        {children}
        {error ? (
          <p id={errorId} className="field-error mt-2">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <Form method="post" className="mt-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" name="confirm" value="yes" className="btn-danger" aria-describedby={error ? errorId : undefined}>
            {confirmLabel}
          </button>
        </Form>
      </div>
    </EditOnDemand>
  );
}
