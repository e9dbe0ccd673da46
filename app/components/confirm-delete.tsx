import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * Deletion on demand (ADR 008): a native <details> holding a form that only deletes when its
 * confirmation box is ticked; the action refuses a post without it. Open by itself after a refusal.
 */
export function ConfirmDelete({
  id,
  summary,
  intent,
  consequence,
  confirmLabel,
  submitLabel,
  error,
  hidden = {},
}: {
  id: string;
  summary: string;
  intent: string;
  consequence: ReactNode;
  confirmLabel: string;
  submitLabel: string;
  error?: string;
  hidden?: Record<string, string>;
}) {
  const errorId = `${id}-error`;
  return (
    <details className="mt-3" open={Boolean(error)}>
      <summary className="cursor-pointer font-semibold text-red-800">{summary}</summary>
      <Form method="post" className="mt-2">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-sm">{consequence}</p>
        {error ? (
          <p id={errorId} className="field-error">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <label className="mt-2 flex items-center gap-2">
          <input type="checkbox" name="confirm" value="yes" id={`${id}-confirm`} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} />
          {confirmLabel}
        </label>
        <button type="submit" className="btn-danger mt-3">
          {submitLabel}
        </button>
      </Form>
    </details>
  );
}
