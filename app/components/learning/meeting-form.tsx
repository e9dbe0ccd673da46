import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";

import { meetingFieldsSchema } from "../../models/set/set.schema";
import { collectErrors, ErrorSummary, TextAreaField, TextField } from "../forms";
import { useZodForm } from "../use-zod-form";

export type MeetingDefaults = { title: string; date: string; startTime: string; endTime: string; location: string; agenda: string };

export function MeetingForm({
  id,
  intent,
  lastResult,
  defaults,
  submitLabel,
}: {
  id: string;
  intent: "schedule-meeting" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: MeetingDefaults;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(meetingFieldsSchema, { id, lastResult, defaultValue: defaults });
  return (
    <>
      <ErrorSummary
        id={`${id}-errors`}
        errors={collectErrors(form.errors, [fields.title, fields.date, fields.startTime, fields.endTime, fields.location, fields.agenda])}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextField meta={fields.title} label="Title (optional)" hint="For example, Meeting 3" {...getInputProps(fields.title, { type: "text" })} />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField meta={fields.date} label="Date" hint="UK time" {...getInputProps(fields.date, { type: "date" })} />
          <TextField meta={fields.startTime} label="Starts" hint="24-hour, e.g. 14:00" {...timeInputProps(getInputProps(fields.startTime, { type: "text" }))} />
          <TextField meta={fields.endTime} label="Ends" hint="24-hour, e.g. 16:30" {...timeInputProps(getInputProps(fields.endTime, { type: "text" }))} />
        </div>
        <TextField meta={fields.location} label="Place or link (optional)" hint="A room, or a video-call link" {...getInputProps(fields.location, { type: "text" })} />
        <TextAreaField meta={fields.agenda} label="Agenda (optional)" {...getTextareaProps(fields.agenda)} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

/**
 * A plain text field for a 24-hour time: the browser's own time picker follows the computer's
 * locale and shows "02:00 PM" beside a "24-hour" hint. The server's schema checks the value.
 */
function timeInputProps<T extends object>(props: T) {
  return { ...props, inputMode: "numeric" as const, pattern: "([01][0-9]|2[0-3]):[0-5][0-9]", autoComplete: "off" };
}
