import type { ReactNode } from "react";

/** A fieldset of checkboxes sharing one name (several values of one field). */
export function CheckboxGroup({
  id,
  name,
  legend,
  hint,
  options,
  selected,
  errors,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: string }>;
  selected: string[];
  errors?: string[];
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset id={id} className="mb-5" aria-describedby={[hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined}>
      <legend className="label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="field-error">
          <span className="sr-only">Error: </span>
          {errors.join(". ")}
        </p>
      ) : null}
      {options.length === 0 ? <p className="text-sm text-slate-700">None to choose from yet.</p> : null}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} className="mt-1 h-4 w-4" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
