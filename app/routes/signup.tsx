import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";

import { collectErrors, ErrorSummary, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { recordAudit } from "../models/audit/audit.server";
import { signupSchema } from "../models/user/user.schema";
import { createUser, EmailTakenError } from "../models/user/user.server";
import { createUserSession, requireAnonymous } from "../utils/auth.server";
import { getClientIp, safeRedirectPath } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Create an account — Praxis" }];

// Public: the sign-up page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

// Public: anyone may create an account.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  try {
    const user = await createUser(submission.value);
    await recordAudit({ kind: "auth.signed_up", actorUserId: user.id, ipAddress: getClientIp(request) });
    const cookie = await createUserSession(user.id, request);
    return redirect(safeRedirectPath(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return data(
        submission.reply({ fieldErrors: { email: [error.message] }, hideFields: ["password", "confirmPassword"] }),
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function SignupPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(signupSchema, { id: "signup", lastResult });
  const errors = collectErrors(form.errors, [fields.displayName, fields.email, fields.password, fields.confirmPassword]);
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="page-title mb-6">Create an account</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" {...getFormProps(form)} className="card">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.displayName} label="Your name" hint="As your colleagues know you" {...getInputProps(fields.displayName, { type: "text" })} autoComplete="name" />
        <TextField meta={fields.email} label="Email address" {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
        <TextField meta={fields.password} label="Password" hint="At least 12 characters" {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        <TextField meta={fields.confirmPassword} label="Confirm password" {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          Create account
        </button>
      </Form>
      <p className="mt-6 text-sm">
        Already have an account? <Link to={`/login${searchParams.size ? `?${searchParams.toString()}` : ""}`}>Sign in</Link>
      </p>
    </main>
  );
}
