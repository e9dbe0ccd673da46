import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { STATUS_LABELS, STATUS_VALUES } from "../../models/case/case-labels";
import { caseFieldsSchema } from "../../models/case/case.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { CheckboxGroup } from "../learning/checkbox-group";
import { useZodForm } from "../use-zod-form";
import type { Option } from "./event-form";

export type CaseDefaults = { reference: string; localityId: string; owningAgencyId: string; status: string; adults: string; children: string; grandparents: string; extendedFamily: string; criteriaIds: string[] };

const NEW_CASE: CaseDefaults = { reference: "", localityId: "", owningAgencyId: "", status: "active", adults: "1", children: "0", grandparents: "0", extendedFamily: "0", criteriaIds: [] };

/** Creates a case, or (with an id, intent and the case's values) changes one. */
export function CaseForm({
  lastResult,
  localities,
  agencies,
  criteria,
  id = "new-case",
  intent = "create",
  submitLabel = "Create case",
  defaults = NEW_CASE,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  localities: Option[];
  agencies: Option[];
  criteria: Option[];
  id?: string;
  intent?: string;
  submitLabel?: string;
  defaults?: CaseDefaults;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(caseFieldsSchema, { id, lastResult, defaultValue: defaults });
  const all = [fields.reference, fields.localityId, fields.owningAgencyId, fields.status, fields.adults, fields.children, fields.grandparents, fields.extendedFamily, fields.criteriaIds, fields.overrideReason];
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, all)} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextField meta={fields.reference} label="Reference code" hint="A code only, such as MUS-007: never a name" autoComplete="off" {...getInputProps(fields.reference, { type: "text" })} />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField meta={fields.localityId} label="Area (optional)" options={[{ value: "", label: "Not recorded" }, ...localities]} {...getSelectProps(fields.localityId)} />
          <SelectField meta={fields.owningAgencyId} label="Owning agency (optional)" options={[{ value: "", label: "None yet" }, ...agencies]} {...getSelectProps(fields.owningAgencyId)} />
          <SelectField meta={fields.status} label="Status" options={STATUS_VALUES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} {...getSelectProps(fields.status)} />
        </div>
        <fieldset className="mb-5">
          <legend className="label">Household by role</legend>
          <p className="hint">How many of each; they are numbered (Adult 1, Child 2) and never named.</p>
          <div className="grid gap-x-4 sm:grid-cols-4">
            <TextField meta={fields.adults} label="Adults" inputMode="numeric" {...getInputProps(fields.adults, { type: "text" })} />
            <TextField meta={fields.children} label="Children" inputMode="numeric" {...getInputProps(fields.children, { type: "text" })} />
            <TextField meta={fields.grandparents} label="Grandparents" inputMode="numeric" {...getInputProps(fields.grandparents, { type: "text" })} />
            <TextField meta={fields.extendedFamily} label="Extended family" inputMode="numeric" {...getInputProps(fields.extendedFamily, { type: "text" })} />
          </div>
        </fieldset>
        <CheckboxGroup id={fields.criteriaIds.id} name={fields.criteriaIds.name} legend="Common criteria met" options={criteria} selected={defaults.criteriaIds} errors={fields.criteriaIds.errors} />
        <TextAreaField meta={fields.overrideReason} label="Reason to keep text that looks like an identifier (only if warned)" rows={2} {...getTextareaProps(fields.overrideReason)} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
