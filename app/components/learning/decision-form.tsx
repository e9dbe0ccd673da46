import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { decisionFieldsSchema } from "../../models/decision/decision.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";
import { CheckboxGroup } from "./checkbox-group";
import { personOptions, type PersonOption } from "./options";

export type DecisionDefaults = { decision: string; rationale: string; ownerId: string; decidedOn: string; reviewOn: string; inquiryIds: string[] };

export function DecisionForm({
  id,
  decisionId,
  lastResult,
  people,
  inquiries,
  defaults,
  submitLabel,
}: {
  id: string;
  decisionId?: string;
  lastResult: SubmissionResult<string[]> | undefined;
  people: PersonOption[];
  inquiries: Array<{ id: string; question: string }>;
  defaults: DecisionDefaults;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(decisionFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary
        id={`${id}-errors`}
        errors={collectErrors(form.errors, [fields.decision, fields.rationale, fields.ownerId, fields.decidedOn, fields.reviewOn, fields.inquiryIds])}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={decisionId ? "update" : "create"} />
        {decisionId ? <input type="hidden" name="decisionId" value={decisionId} /> : null}
        <TextAreaField meta={fields.decision} label="Decision" hint="What the board decided" rows={2} {...getTextareaProps(fields.decision)} />
        <TextAreaField meta={fields.rationale} label="Rationale (optional)" hint="Why: the learning and evidence behind it" {...getTextareaProps(fields.rationale)} />
        <SelectField meta={fields.ownerId} label="Owner (optional)" options={personOptions(people, "No owner")} {...getSelectProps(fields.ownerId)} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField meta={fields.decidedOn} label="Decided on" {...getInputProps(fields.decidedOn, { type: "date" })} />
          <TextField meta={fields.reviewOn} label="Review by (optional)" {...getInputProps(fields.reviewOn, { type: "date" })} />
        </div>
        <CheckboxGroup
          id={fields.inquiryIds.id}
          name={fields.inquiryIds.name}
          legend="Linked inquiries"
          options={inquiries.map((i) => ({ value: i.id, label: i.question }))}
          selected={defaults.inquiryIds}
          errors={fields.inquiryIds.errors}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
