import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { SET_SIZE_MAX, SET_SIZE_MIN } from "../../models/set/set.policy";
import { setFieldsSchema } from "../../models/set/set.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";
import { CheckboxGroup } from "./checkbox-group";
import { personOptions, type PersonOption } from "./options";

export type SetDefaults = {
  name: string;
  facilitatorId: string;
  memberIds: string[];
  inquiryIds: string[];
  groundRules: string;
  rhythm: string;
  slotMinutes: string;
};

export function SetForm({
  id,
  intent,
  lastResult,
  people,
  inquiries,
  defaults,
  submitLabel,
}: {
  id: string;
  intent: "create" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  people: PersonOption[];
  inquiries: Array<{ id: string; question: string }>;
  defaults: SetDefaults;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(setFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary
        id={`${id}-errors`}
        errors={collectErrors(form.errors, [fields.name, fields.facilitatorId, fields.memberIds, fields.inquiryIds, fields.groundRules, fields.rhythm, fields.slotMinutes])}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextField meta={fields.name} label="Name" hint="For example, Board set 1: chaotic homes" {...getInputProps(fields.name, { type: "text" })} />
        <SelectField meta={fields.facilitatorId} label="Facilitator" options={personOptions(people, "Choose the facilitator")} {...getSelectProps(fields.facilitatorId)} />
        <CheckboxGroup
          id={fields.memberIds.id}
          name={fields.memberIds.name}
          legend="Members"
          hint={`An action learning set works best with ${SET_SIZE_MIN} to ${SET_SIZE_MAX} members. The facilitator is not counted.`}
          options={personOptions(people)}
          selected={defaults.memberIds}
          errors={fields.memberIds.errors}
        />
        <CheckboxGroup
          id={fields.inquiryIds.id}
          name={fields.inquiryIds.name}
          legend="Focus inquiries"
          options={inquiries.map((i) => ({ value: i.id, label: i.question }))}
          selected={defaults.inquiryIds}
          errors={fields.inquiryIds.errors}
        />
        <TextAreaField
          meta={fields.groundRules}
          label="Ground rules"
          hint="One per line. Confidentiality comes first: what is said in the set stays in the set."
          rows={6}
          {...getTextareaProps(fields.groundRules)}
        />
        <TextField meta={fields.rhythm} label="Meeting rhythm (optional)" hint="For example, every four weeks, Wednesday afternoons" {...getInputProps(fields.rhythm, { type: "text" })} />
        <TextField
          meta={fields.slotMinutes}
          label="Presenter's slot, in minutes"
          hint="The default length of each presenter's airtime"
          inputMode="numeric"
          {...getInputProps(fields.slotMinutes, { type: "text" })}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
