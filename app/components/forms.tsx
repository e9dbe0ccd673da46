import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

export type SummaryError = { fieldId?: string; message: string };

/**
 * GOV.UK-style error summary: appears above the form, takes focus when the submission fails,
 * and links each message to its field.
 */
export function ErrorSummary({ errors, id = "error-summary" }: { errors: SummaryError[]; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId ?? ""}:${e.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${id}-title`}
      className="mb-6 rounded-md border-4 border-red-700 bg-white p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-bold text-red-800">
        There is a problem
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((e, i) => (
          <li key={`${e.fieldId ?? "form"}-${i}`}>
            {e.fieldId ? (
              <a href={`#${e.fieldId}`} className="font-semibold text-red-800 underline">
                {e.message}
              </a>
            ) : (
              <span className="font-semibold text-red-800">{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldMeta = { id: string; name: string; errors?: string[]; errorId: string; descriptionId?: string };

/** Collects Conform field errors into summary entries, in field order. */
export function collectErrors(
  formErrors: string[] | undefined,
  fields: Array<{ id: string; errors?: string[] }>,
): SummaryError[] {
  const out: SummaryError[] = (formErrors ?? []).map((message) => ({ message }));
  for (const f of fields) for (const message of f.errors ?? []) out.push({ fieldId: f.id, message });
  return out;
}

/** A field's error message, under its label; nothing when there is none. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      <span className="sr-only">Error: </span>
      {errors.join(". ")}
    </p>
  );
}

function describedBy(meta: FieldMeta, hint?: ReactNode) {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldShell({ meta, label, hint, children }: { meta: FieldMeta; label: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="mb-5">
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}

export function TextField({
  meta,
  label,
  hint,
  ...props
}: { meta: FieldMeta; label: ReactNode; hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <input
        id={meta.id}
        name={meta.name}
        className="input"
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...props}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  ...props
}: { meta: FieldMeta; label: ReactNode; hint?: ReactNode } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name">) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <textarea
        id={meta.id}
        name={meta.name}
        className="input"
        rows={4}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...props}
      />
    </FieldShell>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  ...props
}: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: string }>;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name">) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <select
        id={meta.id}
        name={meta.name}
        className="input"
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A table's container that scrolls sideways on a narrow screen, focusable so it can be scrolled with the keyboard. */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- scrollable content must be reachable by keyboard (axe: scrollable-region-focusable)
    <div className="card relative mt-3 overflow-x-auto p-0" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
