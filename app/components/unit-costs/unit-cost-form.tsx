import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { CONFIDENCE_GRADES, CONFIDENCE_LABELS, unitCostFieldsSchema, type UnitCostForm as UnitCostFormValues } from "../../models/unit-cost/unit-cost.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export const EMPTY_UNIT_COST: UnitCostFormValues = {
  costCode: "",
  outcomeCategory: "",
  outcomeDetail: "",
  description: "",
  unit: "",
  fiscalCost: "",
  agency: "",
  agencyDetail: "",
  priceYear: "",
  source: "",
  confidence: "medium",
};

/** One unit cost's fields, as in the GMCA Unit Cost Database, plus its confidence grade. */
export function UnitCostForm({
  id,
  unitCostId,
  action,
  lastResult,
  defaults,
  submitLabel,
}: {
  id: string;
  unitCostId?: string;
  action?: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: UnitCostFormValues;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(unitCostFieldsSchema, { id, lastResult, defaultValue: defaults });
  const all = [
    fields.costCode,
    fields.outcomeCategory,
    fields.outcomeDetail,
    fields.description,
    fields.unit,
    fields.fiscalCost,
    fields.agency,
    fields.agencyDetail,
    fields.priceYear,
    fields.source,
    fields.confidence,
  ];
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, all)} />
      <Form method="post" action={action} {...getFormProps(form)}>
        <input type="hidden" name="intent" value={unitCostId ? "update" : "create"} />
        {unitCostId ? <input type="hidden" name="unitCostId" value={unitCostId} /> : null}
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField meta={fields.costCode} label="Cost code (optional)" hint="Unique in the library, e.g. MID-FOSTER-2016" {...getInputProps(fields.costCode, { type: "text" })} />
          <TextField meta={fields.outcomeCategory} label="Outcome category (optional)" hint="e.g. Children and families" {...getInputProps(fields.outcomeCategory, { type: "text" })} />
          <TextField meta={fields.outcomeDetail} label="Outcome detail (optional)" hint="e.g. Looked-after children" {...getInputProps(fields.outcomeDetail, { type: "text" })} />
        </div>
        <TextAreaField meta={fields.description} label="Description" rows={2} {...getTextareaProps(fields.description)} />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField meta={fields.unit} label="Unit" hint="What one cost is for, e.g. per place per year" {...getInputProps(fields.unit, { type: "text" })} />
          <TextField meta={fields.fiscalCost} label="Fiscal cost (£)" hint="In pounds, e.g. 28000 or 1234.50" inputMode="decimal" {...getInputProps(fields.fiscalCost, { type: "text" })} />
          <TextField meta={fields.priceYear} label="Price year" hint="Financial year of the prices, e.g. 2015-16" {...getInputProps(fields.priceYear, { type: "text" })} />
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.agency} label="Agency (optional)" hint="Who bears the cost, e.g. Local authority" {...getInputProps(fields.agency, { type: "text" })} />
          <TextField meta={fields.agencyDetail} label="Agency detail (optional)" hint="e.g. Children's social care" {...getInputProps(fields.agencyDetail, { type: "text" })} />
        </div>
        <TextAreaField meta={fields.source} label="Source" hint="Publication, publisher and date; say here if a figure or year is inferred" rows={2} {...getTextareaProps(fields.source)} />
        <SelectField
          meta={fields.confidence}
          label="Confidence grade"
          options={CONFIDENCE_GRADES.map((g) => ({ value: g, label: CONFIDENCE_LABELS[g] }))}
          {...getSelectProps(fields.confidence)}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
