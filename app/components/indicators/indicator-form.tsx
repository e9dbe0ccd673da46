import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { indicatorFieldsSchema } from "../../models/indicator/indicator.schema";
import { PERIOD_HINT } from "../../models/indicator/period";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { CheckboxGroup } from "../learning/checkbox-group";
import { useZodForm } from "../use-zod-form";

export type IndicatorDefaults = {
  name: string;
  unit: string;
  polarity: string;
  code: string;
  story: string;
  baselinePeriod: string;
  baselineValue: string;
  targetPeriod: string;
  targetValue: string;
  agencyIds: string[];
  actionIds: string[];
  decisionIds: string[];
};

export const EMPTY_INDICATOR: IndicatorDefaults = {
  name: "",
  unit: "",
  polarity: "",
  code: "",
  story: "",
  baselinePeriod: "",
  baselineValue: "",
  targetPeriod: "",
  targetValue: "",
  agencyIds: [],
  actionIds: [],
  decisionIds: [],
};

type Option = { id: string; label: string };

export function IndicatorForm({
  id,
  intent,
  lastResult,
  defaults,
  agencies,
  actions,
  decisions,
  submitLabel,
}: {
  id: string;
  intent: "create" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: IndicatorDefaults;
  agencies: Option[];
  actions: Option[];
  decisions: Option[];
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(indicatorFieldsSchema, { id, lastResult, defaultValue: defaults });
  const all = [
    fields.name,
    fields.unit,
    fields.polarity,
    fields.code,
    fields.baselinePeriod,
    fields.baselineValue,
    fields.targetPeriod,
    fields.targetValue,
    fields.story,
    fields.agencyIds,
    fields.actionIds,
    fields.decisionIds,
  ];
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, all)} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextField meta={fields.name} label="Name" hint="What is measured, e.g. Children in external placements" {...getInputProps(fields.name, { type: "text" })} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.unit} label="Unit (optional)" hint="e.g. placements, referrals, %" {...getInputProps(fields.unit, { type: "text" })} />
          <TextField meta={fields.code} label="Published code (optional)" hint="e.g. an LGBF code such as CHN9, used by imports" {...getInputProps(fields.code, { type: "text" })} />
        </div>
        <SelectField
          meta={fields.polarity}
          label="Which way is better?"
          options={[
            { value: "", label: "Choose…" },
            { value: "lower_is_better", label: "Lower is better" },
            { value: "higher_is_better", label: "Higher is better" },
          ]}
          {...getSelectProps(fields.polarity)}
        />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.baselinePeriod} label="Baseline period (optional)" hint={PERIOD_HINT} {...getInputProps(fields.baselinePeriod, { type: "text" })} />
          <TextField meta={fields.baselineValue} label="Baseline value (optional)" {...getInputProps(fields.baselineValue, { type: "text" })} />
          <TextField meta={fields.targetPeriod} label="Target period (optional)" hint={PERIOD_HINT} {...getInputProps(fields.targetPeriod, { type: "text" })} />
          <TextField meta={fields.targetValue} label="Target value (optional)" {...getInputProps(fields.targetValue, { type: "text" })} />
        </div>
        <TextAreaField
          meta={fields.story}
          label="The story behind the curve (optional)"
          hint="What is driving the numbers, what works and who could help"
          rows={6}
          {...getTextareaProps(fields.story)}
        />
        <CheckboxGroup
          id={fields.agencyIds.id}
          name={fields.agencyIds.name}
          legend="Partners"
          options={agencies.map((a) => ({ value: a.id, label: a.label }))}
          selected={defaults.agencyIds}
          errors={fields.agencyIds.errors}
        />
        <CheckboxGroup
          id={fields.actionIds.id}
          name={fields.actionIds.name}
          legend="Linked actions"
          options={actions.map((a) => ({ value: a.id, label: a.label }))}
          selected={defaults.actionIds}
          errors={fields.actionIds.errors}
        />
        <CheckboxGroup
          id={fields.decisionIds.id}
          name={fields.decisionIds.name}
          legend="Linked decisions"
          options={decisions.map((d) => ({ value: d.id, label: d.label }))}
          selected={defaults.decisionIds}
          errors={fields.decisionIds.errors}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
