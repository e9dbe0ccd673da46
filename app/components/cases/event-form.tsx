import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { APPROACH_LABELS, APPROACH_VALUES, EVENT_KIND_VALUES, KIND_LABELS } from "../../models/case/case-labels";
import { eventFieldsSchema } from "../../models/case/case.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export type Option = { value: string; label: string };

export type EventDefaults = Partial<Record<"occurredOn" | "agencyId" | "service" | "kind" | "householdMemberId" | "description" | "recordingAgencyId" | "approach" | "cost" | "unitCostId" | "quantity" | "episodeKey", string>>;

/** Adds an event, or (with an id, intent and the event's values) changes one. */
export function EventForm({
  lastResult,
  agencies,
  household,
  unitCosts,
  id = "add-event",
  intent = "add-event",
  submitLabel = "Add event",
  defaults = { approach: "reactive", kind: "contact" },
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  agencies: Option[];
  household: Option[];
  unitCosts: Option[];
  id?: string;
  intent?: string;
  submitLabel?: string;
  defaults?: EventDefaults;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(eventFieldsSchema, { id, lastResult, defaultValue: defaults });
  const all = [fields.occurredOn, fields.agencyId, fields.service, fields.kind, fields.householdMemberId, fields.description, fields.recordingAgencyId, fields.approach, fields.cost, fields.unitCostId, fields.quantity, fields.episodeKey, fields.overrideReason];
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, all)} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.occurredOn} label="Date" {...getInputProps(fields.occurredOn, { type: "date" })} />
          <SelectField meta={fields.kind} label="Kind" options={EVENT_KIND_VALUES.map((k) => ({ value: k, label: KIND_LABELS[k] }))} {...getSelectProps(fields.kind)} />
          <SelectField meta={fields.agencyId} label="Agency" options={[{ value: "", label: "Choose an agency" }, ...agencies]} {...getSelectProps(fields.agencyId)} />
          <TextField meta={fields.service} label="Service (optional)" hint="For example, health visiting or duty social work" {...getInputProps(fields.service, { type: "text" })} />
          <SelectField meta={fields.householdMemberId} label="Family member concerned (optional)" options={[{ value: "", label: "The whole family" }, ...household]} {...getSelectProps(fields.householdMemberId)} />
          <SelectField meta={fields.recordingAgencyId} label="Recorded by (optional)" hint="The agency whose account this is; the agency above if left blank" options={[{ value: "", label: "Same as the agency" }, ...agencies]} {...getSelectProps(fields.recordingAgencyId)} />
          <SelectField meta={fields.approach} label="Preventative or reactive" options={APPROACH_VALUES.map((a) => ({ value: a, label: APPROACH_LABELS[a] }))} {...getSelectProps(fields.approach)} />
          <TextField meta={fields.episodeKey} label="Episode (optional)" hint="The same key on several agencies' accounts of one episode keeps them side by side" {...getInputProps(fields.episodeKey, { type: "text" })} />
        </div>
        <TextAreaField meta={fields.description} label="Short description (optional)" hint="No names, addresses, dates of birth or other identifiers" rows={2} {...getTextareaProps(fields.description)} />
        <fieldset className="mb-5 rounded border border-slate-300 p-3">
          <legend className="label px-1">Cost</legend>
          <p className="hint">Either an explicit cost, or a unit cost and a quantity (the unit cost keeps its own price year).</p>
          <div className="grid gap-x-4 sm:grid-cols-3">
            <TextField meta={fields.cost} label="Cost in pounds (optional)" hint="For example, 1,250.00" inputMode="decimal" {...getInputProps(fields.cost, { type: "text" })} />
            <SelectField meta={fields.unitCostId} label="Unit cost (optional)" options={[{ value: "", label: "No unit cost" }, ...unitCosts]} {...getSelectProps(fields.unitCostId)} />
            <TextField meta={fields.quantity} label="Quantity (optional)" hint="Up to three decimals, such as 1.5" inputMode="decimal" {...getInputProps(fields.quantity, { type: "text" })} />
          </div>
        </fieldset>
        <TextAreaField
          meta={fields.overrideReason}
          label="Reason to keep text that looks like an identifier (only if warned)"
          hint="If the text is not in fact a personal identifier, say why; the reason is recorded in the audit log"
          rows={2}
          {...getTextareaProps(fields.overrideReason)}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
