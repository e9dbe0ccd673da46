import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { estimateFieldsSchema } from "../../models/savings/savings.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

type Option = { value: string; label: string };

/** A new savings estimate: two of the indicator's values, a unit cost and the three adjustments. */
export function EstimateForm({
  lastResult,
  values,
  unitCosts,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  values: Option[];
  unitCosts: Option[];
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(estimateFieldsSchema, {
    id: "new-estimate",
    lastResult,
    defaultValue: { fromValueId: values[0]?.value ?? "", toValueId: values.at(-1)?.value ?? "", confidence: "medium" },
  });
  const all = [fields.title, fields.fromValueId, fields.toValueId, fields.unitCostId, fields.deadweight, fields.attribution, fields.optimismBias, fields.confidence, fields.assumptions];
  return (
    <>
      <ErrorSummary id="new-estimate-errors" errors={collectErrors(form.errors, all)} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-estimate" />
        <TextField meta={fields.title} label="Title" hint="e.g. Placements avoided by the outreach service" {...getInputProps(fields.title, { type: "text" })} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField meta={fields.fromValueId} label="Change measured from" options={values} {...getSelectProps(fields.fromValueId)} />
          <SelectField meta={fields.toValueId} label="Change measured to" options={values} {...getSelectProps(fields.toValueId)} />
        </div>
        <SelectField
          meta={fields.unitCostId}
          label="Unit cost"
          hint="From the workspace's unit-cost library; its figures are copied into the estimate"
          options={[{ value: "", label: "Choose…" }, ...unitCosts]}
          {...getSelectProps(fields.unitCostId)}
        />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField meta={fields.deadweight} label="Deadweight (%)" hint="Would have happened anyway" {...getInputProps(fields.deadweight, { type: "text" })} />
          <TextField meta={fields.attribution} label="Attribution (%)" hint="Share due to this work" {...getInputProps(fields.attribution, { type: "text" })} />
          <TextField meta={fields.optimismBias} label="Optimism bias (%)" hint="Green Book correction" {...getInputProps(fields.optimismBias, { type: "text" })} />
        </div>
        <SelectField
          meta={fields.confidence}
          label="Confidence"
          options={[
            { value: "high", label: "High" },
            { value: "medium", label: "Medium" },
            { value: "low", label: "Low" },
          ]}
          {...getSelectProps(fields.confidence)}
        />
        <TextAreaField meta={fields.assumptions} label="Assumptions" hint="Why these percentages; what the estimate does not count" {...getTextareaProps(fields.assumptions)} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Save estimate
        </button>
      </Form>
    </>
  );
}
