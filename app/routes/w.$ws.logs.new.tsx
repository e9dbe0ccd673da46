import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { collectErrors, ErrorSummary, SelectField, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { VisibilityField } from "../components/visibility-field";
import { TEMPLATE_HINTS, TEMPLATE_LABELS } from "../models/log/log-templates";
import { LOG_TEMPLATES } from "../models/log/log.constants";
import { offeredVisibilities } from "../models/log/log.policy";
import { newLogSchema, parseTags } from "../models/log/log.schema";
import { createLog, listMyLearningSets, listWorkspaceInquiries, LogInputError } from "../models/log/log.server";
import { requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Write a new log — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "log:create");
  const [sets, inquiries] = await Promise.all([listMyLearningSets(workspace.id, user.id), listWorkspaceInquiries(workspace.id)]);
  return { slug: workspace.slug, sets, inquiries };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(request, params.ws, "log:create");
  const submission = parseWithZod(await request.formData(), { schema: newLogSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { title, visibility, setId, inquiryId, tags, template } = submission.value;
  try {
    const log = await createLog(
      { userId: user.id, role, workspaceId: workspace.id, ipAddress: getClientIp(request) },
      { title, visibility, setId, inquiryId, tags: parseTags(tags), template },
    );
    return redirectWithFlash(`/w/${workspace.slug}/logs/${log.id}`, { kind: "success", message: `Log “${title}” created` });
  } catch (error) {
    if (error instanceof LogInputError) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NewLog() {
  const { slug, sets, inquiries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(newLogSchema, { id: "new-log", lastResult, defaultValue: { visibility: "private", template: "what-so-what-now-what" } });
  // `set` is offered only to people who take part in a set of this workspace.
  const visibilities = offeredVisibilities(sets.length > 0);
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/logs`}>Learning logs</Link>
      </p>
      <h1 className="page-title mb-6">Write a new log</h1>
      <ErrorSummary
        errors={collectErrors(form.errors, [fields.title, fields.visibility, fields.setId, fields.template, fields.inquiryId, fields.tags])}
      />
      <Form method="post" {...getFormProps(form)} className="card">
        <TextField meta={fields.title} label="Title" hint="For example, Mapping the six case journeys" {...getInputProps(fields.title, { type: "text" })} />

        <VisibilityField
          meta={fields.visibility}
          visibilities={visibilities}
          hint="Reflective writing starts private. You can share it with your set or the workspace from the log's page at any time."
        />

        {sets.length > 0 ? (
          <SelectField
            meta={fields.setId}
            label="Learning set (when shared with a set)"
            hint="Only the members and facilitator of this set will be able to read the log"
            options={[{ value: "", label: "Choose a set" }, ...sets.map((s) => ({ value: s.id, label: s.name }))]}
            {...getSelectProps(fields.setId)}
          />
        ) : null}

        <SelectField
          meta={fields.template}
          label="Template"
          hint={LOG_TEMPLATES.map((t) => `${TEMPLATE_LABELS[t]}: ${TEMPLATE_HINTS[t].toLowerCase()}`).join(". ")}
          options={LOG_TEMPLATES.map((t) => ({ value: t, label: TEMPLATE_LABELS[t] }))}
          {...getSelectProps(fields.template)}
        />

        {inquiries.length > 0 ? (
          <SelectField
            meta={fields.inquiryId}
            label="Inquiry question (optional)"
            options={[{ value: "", label: "None" }, ...inquiries.map((q) => ({ value: q.id, label: q.question }))]}
            {...getSelectProps(fields.inquiryId)}
          />
        ) : null}

        <TextField
          meta={fields.tags}
          label="Tags (optional)"
          hint="Separate tags with commas, for example: housing, early help"
          {...getInputProps(fields.tags, { type: "text" })}
        />

        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Create log
        </button>
      </Form>
    </main>
  );
}
