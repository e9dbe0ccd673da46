import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";

import { collectErrors, ErrorSummary, TextField } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { loginSchema } from "../models/user/user.schema";
import { listMyWorkspaces } from "../models/workspace/workspace.server";
import { requireAnonymous, signIn } from "../utils/auth.server";
import { landingPath } from "../utils/last-workspace.server";
import { safeRedirectPath } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Sign in — Praxis" }];

// Public: the sign-in page; signed-in people are sent to their workspaces.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

// Public: anyone may try to sign in; throttled per account and per address.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signIn(request, submission.value.email, submission.value.password);
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      submission.reply({
        formErrors: [`Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    return data(
      submission.reply({ formErrors: ["Email address or password is incorrect"], hideFields: ["password"] }),
      { status: 400 },
    );
  }
  const landing = landingPath(request, await listMyWorkspaces(result.userId));
  return redirect(safeRedirectPath(submission.value.redirectTo, landing), { headers: { "Set-Cookie": result.cookie } });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(loginSchema, { id: "login", lastResult });
  const errors = collectErrors(form.errors, [fields.email, fields.password]);
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <h1 className="page-title mb-6">Sign in</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" {...getFormProps(form)} className="card">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label="Email address" {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
        <TextField meta={fields.password} label="Password" {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p className="mt-6 text-sm">
        New to Praxis? <Link to={`/signup${searchParams.size ? `?${searchParams.toString()}` : ""}`}>Create an account</Link>
      </p>
    </main>
  );
}
