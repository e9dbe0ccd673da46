import { getInputProps, type FieldMetadata } from "@conform-to/react";

import type { LogVisibility } from "../models/log/log.constants";
import { VISIBILITY_LABELS } from "../models/log/log.policy";

/** "Who can read this log": one radio button per visibility offered, with the field's error. */
export function VisibilityField({ meta, visibilities, hint }: { meta: FieldMetadata<string>; visibilities: LogVisibility[]; hint?: string }) {
  const invalid = Boolean(meta.errors?.length);
  const describedBy = [hint ? `${meta.id}-hint` : null, invalid ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset className="mb-5" aria-describedby={describedBy || undefined}>
      <legend className="label">Who can read this log</legend>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={meta.errorId} className="field-error">
          <span className="sr-only">Error: </span>
          {meta.errors?.join(". ")}
        </p>
      ) : null}
      {visibilities.map((v) => (
        <div key={v} className="mt-2 flex items-center gap-2">
          <input {...getInputProps(meta, { type: "radio", value: v })} id={`${meta.id}-${v}`} className="h-5 w-5" />
          <label htmlFor={`${meta.id}-${v}`}>{VISIBILITY_LABELS[v]}</label>
        </div>
      ))}
    </fieldset>
  );
}
