import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { valueFieldsSchema } from "../../models/indicator/indicator.schema";
import { PERIOD_HINT } from "../../models/indicator/period";
import { collectErrors, ErrorSummary, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export type ValueDefaults = { period: string; value: string; note: string; source: string };

/**
 * One indicator value: adding a new one (`valueId` absent) or changing one in place. Both post
 * the same fields, checked by the same schema.
 */
export function ValueForm({
  id = "add-value",
  valueId,
  defaults,
  submitLabel = "Add value",
  lastResult,
}: {
  id?: string;
  valueId?: string;
  defaults?: ValueDefaults;
  submitLabel?: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(valueFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, [fields.period, fields.value, fields.note, fields.source])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={valueId ? "update-value" : "add-value"} />
        {valueId ? <input type="hidden" name="valueId" value={valueId} /> : null}
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.period} label="Period" hint={PERIOD_HINT} {...getInputProps(fields.period, { type: "text" })} />
          <TextField meta={fields.value} label="Value" hint="A number: 26, 12.5 or 1,234" {...getInputProps(fields.value, { type: "text" })} />
        </div>
        <TextField meta={fields.source} label="Source" hint="Who published the figure, and where" {...getInputProps(fields.source, { type: "text" })} />
        <TextField meta={fields.note} label="Note (optional)" {...getInputProps(fields.note, { type: "text" })} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
