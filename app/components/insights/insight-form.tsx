import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import {
  BARRIER_LEVELS,
  CONFIDENCE_LABELS,
  INSIGHT_CONFIDENCES,
  INSIGHT_KINDS,
  INSIGHT_STATUSES,
  KIND_LABELS,
  LEVEL_LABELS,
  STATUS_LABELS,
} from "../../models/insight/insight.constants";
import { insightFieldsSchema } from "../../models/insight/insight.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export type InsightDefaults = {
  statement: string;
  kind: string;
  status: string;
  confidence: string;
  barrierLevel: string;
  relayedTo: string;
  inquiryId?: string;
};

/** Statement, kind, status and confidence; a level and who it was relayed to for barriers. Works without JavaScript. */
export function InsightForm({
  id,
  intent,
  lastResult,
  defaults,
  inquiries,
  submitLabel,
}: {
  id: string;
  intent: "create" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: InsightDefaults;
  inquiries?: Array<{ id: string; question: string }>;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(insightFieldsSchema, {
    id,
    lastResult,
    defaultValue: defaults,
  });
  const inquiryField = {
    id: `${id}-inquiry`,
    name: "inquiryId",
    errorId: `${id}-inquiry-error`,
    errors: lastResult?.error?.inquiryId ?? undefined,
  };
  return (
    <>
      <ErrorSummary
        id={`${id}-errors`}
        errors={collectErrors(form.errors, [
          fields.statement,
          fields.kind,
          fields.status,
          fields.confidence,
          fields.barrierLevel,
          fields.relayedTo,
          ...(inquiries ? [inquiryField] : []),
        ])}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextAreaField
          meta={fields.statement}
          label="Insight"
          hint="What the board has learned, in a sentence or two"
          rows={3}
          {...getTextareaProps(fields.statement)}
        />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField
            meta={fields.kind}
            label="Kind"
            options={INSIGHT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            {...getSelectProps(fields.kind)}
          />
          <SelectField
            meta={fields.status}
            label="Status"
            options={INSIGHT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            {...getSelectProps(fields.status)}
          />
          <SelectField
            meta={fields.confidence}
            label="Confidence"
            options={INSIGHT_CONFIDENCES.map((c) => ({ value: c, label: CONFIDENCE_LABELS[c] }))}
            {...getSelectProps(fields.confidence)}
          />
        </div>
        <fieldset className="mb-2 rounded-md border border-slate-300 p-3">
          <legend className="px-1 text-sm font-semibold">For barriers only</legend>
          <SelectField
            meta={fields.barrierLevel}
            label="Barrier level"
            options={[
              { value: "", label: "Not a barrier" },
              ...BARRIER_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
            ]}
            {...getSelectProps(fields.barrierLevel)}
          />
          <TextField
            meta={fields.relayedTo}
            label="Relayed to (optional)"
            hint="For a national barrier: who in government it was relayed to"
            {...getInputProps(fields.relayedTo, { type: "text" })}
          />
        </fieldset>
        {inquiries && inquiries.length > 0 ? (
          <SelectField
            meta={inquiryField}
            label="Inquiry question (optional)"
            options={[
              { value: "", label: "None" },
              ...inquiries.map((q) => ({ value: q.id, label: q.question })),
            ]}
            defaultValue={defaults.inquiryId ?? ""}
          />
        ) : null}
        <button
          type="submit"
          className="btn-primary mt-3"
          disabled={navigation.state === "submitting"}
        >
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
