import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { INQUIRY_STATUS_LABELS, INQUIRY_STATUSES } from "../../models/inquiry/inquiry.constants";
import { inquiryFieldsSchema } from "../../models/inquiry/inquiry.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";
import { personOptions, type PersonOption } from "./options";

export type InquiryDefaults = { question: string; rationale: string; phase: string; status: string; ownerId: string };

export function InquiryForm({
  id,
  intent,
  lastResult,
  people,
  defaults,
  submitLabel,
}: {
  id: string;
  intent: "create" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  people: PersonOption[];
  defaults: InquiryDefaults;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(inquiryFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, [fields.question, fields.rationale, fields.phase, fields.status, fields.ownerId])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextAreaField meta={fields.question} label="Inquiry question" hint="An open question the board can learn about by acting, e.g. “How can we…?”" rows={2} {...getTextareaProps(fields.question)} />
        <TextAreaField meta={fields.rationale} label="Rationale (optional)" hint="Why this question matters now" {...getTextareaProps(fields.rationale)} />
        <TextField meta={fields.phase} label="Phase or cycle (optional)" hint="Inquiries are grouped by it, e.g. Phase 2 (from March 2015)" {...getInputProps(fields.phase, { type: "text" })} />
        <SelectField
          meta={fields.status}
          label="Status"
          options={INQUIRY_STATUSES.map((s) => ({ value: s, label: INQUIRY_STATUS_LABELS[s] }))}
          {...getSelectProps(fields.status)}
        />
        <SelectField meta={fields.ownerId} label="Owner (optional)" options={personOptions(people, "No owner")} {...getSelectProps(fields.ownerId)} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
