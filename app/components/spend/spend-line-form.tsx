import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import {
  SPEND_APPROACH_KEYS,
  SPEND_APPROACH_LABELS,
  SPEND_CATEGORY_KEYS,
  SPEND_CATEGORY_LABELS,
} from "../../models/spend/spend-labels";
import { spendLineFieldsSchema } from "../../models/spend/spend.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export type SpendLineDefaults = {
  financialYear: string;
  agencyId: string;
  service: string;
  localityId: string;
  category: string;
  amount: string;
  vulnerableShare: string;
  approach: string;
  source: string;
  notes: string;
};

type Option = { id: string; name: string };

export function SpendLineForm({
  id,
  lineId,
  lastResult,
  agencies,
  areas,
  defaults,
  submitLabel,
}: {
  id: string;
  lineId?: string;
  lastResult: SubmissionResult<string[]> | undefined;
  agencies: Option[];
  areas: Option[];
  defaults: SpendLineDefaults;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(spendLineFieldsSchema, {
    id,
    lastResult,
    defaultValue: defaults,
  });
  const all = [
    fields.financialYear,
    fields.agencyId,
    fields.service,
    fields.localityId,
    fields.category,
    fields.amount,
    fields.vulnerableShare,
    fields.approach,
    fields.source,
    fields.notes,
  ];
  return (
    <>
      <ErrorSummary id={`${id}-errors`} errors={collectErrors(form.errors, all)} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={lineId ? "update" : "create"} />
        {lineId ? <input type="hidden" name="lineId" value={lineId} /> : null}
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField
            meta={fields.financialYear}
            label="Financial year"
            hint="Its first year: 2014 for 2014-15"
            inputMode="numeric"
            {...getInputProps(fields.financialYear, { type: "text" })}
          />
          <TextField
            meta={fields.amount}
            label="Amount (£)"
            hint="Such as 1250.00; a credit as -1250.00"
            inputMode="decimal"
            {...getInputProps(fields.amount, { type: "text" })}
          />
          <TextField
            meta={fields.vulnerableShare}
            label="Vulnerable-family share (%)"
            hint="Between 0 and 100"
            inputMode="decimal"
            {...getInputProps(fields.vulnerableShare, { type: "text" })}
          />
          <SelectField
            meta={fields.agencyId}
            label="Agency"
            options={[
              { value: "", label: "No agency" },
              ...agencies.map((a) => ({ value: a.id, label: a.name })),
            ]}
            {...getSelectProps(fields.agencyId)}
          />
          <TextField
            meta={fields.service}
            label="Service (optional)"
            {...getInputProps(fields.service, { type: "text" })}
          />
          <SelectField
            meta={fields.localityId}
            label="Area"
            options={[
              { value: "", label: "Whole place (no area)" },
              ...areas.map((a) => ({ value: a.id, label: a.name })),
            ]}
            {...getSelectProps(fields.localityId)}
          />
          <SelectField
            meta={fields.category}
            label="Category"
            options={SPEND_CATEGORY_KEYS.map((c) => ({
              value: c,
              label: SPEND_CATEGORY_LABELS[c],
            }))}
            {...getSelectProps(fields.category)}
          />
          <SelectField
            meta={fields.approach}
            label="Approach"
            options={SPEND_APPROACH_KEYS.map((a) => ({
              value: a,
              label: SPEND_APPROACH_LABELS[a],
            }))}
            {...getSelectProps(fields.approach)}
          />
          <TextField
            meta={fields.source}
            label="Source"
            hint="Where the figure comes from"
            {...getInputProps(fields.source, { type: "text" })}
          />
        </div>
        <TextAreaField
          meta={fields.notes}
          label="Notes (optional)"
          rows={2}
          {...getTextareaProps(fields.notes)}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
