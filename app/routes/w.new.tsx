import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";

import { collectErrors, ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { workspaceFormSchema } from "../models/workspace/workspace.schema";
import { createWorkspace, SlugTakenError } from "../models/workspace/workspace.server";
import { requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Create a workspace — Praxis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: workspaceFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const ws = await createWorkspace({ userId: user.id, ipAddress: getClientIp(request) }, submission.value);
    return redirectWithFlash(`/w/${ws.slug}`, { kind: "success", message: `Workspace “${submission.value.name}” created` });
  } catch (error) {
    if (error instanceof SlugTakenError) {
      return data(submission.reply({ fieldErrors: { slug: [error.message] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NewWorkspace() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(workspaceFormSchema, { id: "new-workspace", lastResult });
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <p className="mb-2 text-sm">
        <Link to="/w">My workspaces</Link>
      </p>
      <h1 className="page-title mb-6">Create a workspace</h1>
      <ErrorSummary errors={collectErrors(form.errors, [fields.name, fields.slug, fields.description])} />
      <Form method="post" {...getFormProps(form)} className="card">
        <TextField meta={fields.name} label="Name" hint="For example, Musselburgh Total Place" {...getInputProps(fields.name, { type: "text" })} />
        <TextField
          meta={fields.slug}
          label="Web address"
          hint="Lower-case letters, numbers and hyphens; it appears in links, as /w/your-address"
          {...getInputProps(fields.slug, { type: "text" })}
          spellCheck={false}
          autoCapitalize="off"
        />
        <TextAreaField meta={fields.description} label="Description (optional)" hint="What the partnership is trying to learn" {...getTextareaProps(fields.description)} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Create workspace
        </button>
      </Form>
    </main>
  );
}
