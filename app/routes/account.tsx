import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";

import { collectErrors, ErrorSummary, TextField, TableScroller } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { describeUserAgent, listMySessions, revokeMySession } from "../models/user/session.server";
import { accountActionSchema, changeNameSchema, changePasswordSchema } from "../models/user/user.schema";
import { changeDisplayName, changePassword, getUserById } from "../models/user/user.server";
import { requireUser } from "../utils/auth.server";
import { formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Your account — Praxis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request);
  const account = await getUserById(user.id);
  const sessions = await listMySessions(user.id, session.id);
  return {
    account: { email: account?.email ?? user.email, displayName: account?.displayName ?? user.displayName },
    sessions: sessions.map((s) => ({
      handle: s.handle,
      createdAt: s.createdAt,
      ipAddress: s.ipAddress,
      browser: describeUserAgent(s.userAgent),
      current: s.current,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: accountActionSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), { status: 400 });
  }
  const actor = { userId: user.id, sessionId: session.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  switch (input.intent) {
    case "change-name": {
      await changeDisplayName(actor, input.displayName);
      return redirectWithFlash("/account", { kind: "success", message: "Your name has been updated" });
    }
    case "change-password": {
      const result = await changePassword(actor, { currentPassword: input.currentPassword, newPassword: input.newPassword });
      if (!result.ok && result.reason === "throttled") {
        const minutes = Math.ceil(result.retryAfterSeconds / 60);
        return data(
          submission.reply({
            formErrors: [`Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
            hideFields: ["currentPassword", "newPassword", "confirmPassword"],
          }),
          { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
        );
      }
      if (!result.ok) {
        return data(
          submission.reply({
            fieldErrors: { currentPassword: ["Your current password is not correct"] },
            hideFields: ["currentPassword", "newPassword", "confirmPassword"],
          }),
          { status: 400 },
        );
      }
      const others =
        result.endedSessions === 0
          ? "You had no other sessions."
          : `You have been signed out everywhere else (${result.endedSessions} other ${result.endedSessions === 1 ? "session" : "sessions"}).`;
      return redirectWithFlash("/account", { kind: "success", message: `Your password has been changed. ${others}` });
    }
    case "revoke-session": {
      const result = await revokeMySession(actor, input.session);
      if (result === "current") {
        return data(submission.reply({ formErrors: ["To end the session on this device, sign out."] }), { status: 400 });
      }
      if (result === "not-found") {
        return data(submission.reply({ formErrors: ["That session has already ended."] }), { status: 400 });
      }
      return redirectWithFlash("/account", { kind: "success", message: "The session has been ended" });
    }
  }
}

function resultFor(result: SubmissionResult<string[]> | undefined, intent: string) {
  return result?.initialValue?.intent === intent ? result : undefined;
}

export default function AccountPage() {
  const { account, sessions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  // A new location (after a successful change) remounts the forms, so no typed password lingers.
  const location = useLocation();
  const busy = navigation.state === "submitting";
  // Errors of the session list, or of a post no form on this page recognises.
  const otherErrors =
    lastResult && !resultFor(lastResult, "change-name") && !resultFor(lastResult, "change-password")
      ? Object.values(lastResult.error ?? {})
          .flat()
          .filter((m): m is string => typeof m === "string")
          .map((message) => ({ message }))
      : [];

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="page-title">Your account</h1>
      <ErrorSummary id="account-errors" errors={otherErrors} />

      <section aria-labelledby="details-heading" className="mt-8">
        <h2 id="details-heading" className="text-xl font-semibold">
          Your details
        </h2>
        <div className="card mt-3">
          <p className="mb-4 text-sm">
            <span className="font-semibold">Email address:</span> {account.email}
          </p>
          <NameForm key={location.key} displayName={account.displayName} lastResult={resultFor(lastResult, "change-name")} busy={busy} />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="mt-10">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change your password
        </h2>
        <div className="card mt-3">
          <p className="mb-4 text-sm text-slate-700">
            Changing your password signs you out on every other device and browser. This one stays signed in.
          </p>
          <PasswordForm key={location.key} lastResult={resultFor(lastResult, "change-password")} busy={busy} />
        </div>
      </section>

      <section aria-labelledby="sessions-heading" className="mt-10">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Where you are signed in
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          If you do not recognise a session, end it and change your password.
        </p>
        <TableScroller label="Sessions table (scrolls sideways on a narrow screen)">
          <table className="table">
            <caption className="sr-only">Your signed-in sessions</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Address at sign-in</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.handle}>
                  <td>
                    {s.browser}
                    {s.current ? <span className="badge ml-2 bg-green-100 text-green-900">This device</span> : null}
                  </td>
                  <td>
                    <time dateTime={isoDateTime(s.createdAt)}>{formatDateTime(s.createdAt)}</time>
                  </td>
                  <td>{s.ipAddress ?? "Not recorded"}</td>
                  <td className="text-right">
                    {s.current ? (
                      <span className="text-sm text-slate-600">Sign out to end</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-session" />
                        <input type="hidden" name="session" value={s.handle} />
                        <button
                          type="submit"
                          className="btn-secondary"
                          disabled={busy}
                          aria-label={`End session: ${s.browser}, signed in ${formatDateTime(s.createdAt)}`}
                        >
                          End session
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>
    </main>
  );
}

type FormResult = SubmissionResult<string[]> | undefined;

function NameForm({ displayName, lastResult, busy }: { displayName: string; lastResult: FormResult; busy: boolean }) {
  const [form, fields] = useZodForm(changeNameSchema, { id: "change-name", lastResult, defaultValue: { displayName } });
  return (
    <>
      <ErrorSummary id="name-errors" errors={collectErrors(form.errors, [fields.displayName])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-name" />
        <TextField
          meta={fields.displayName}
          label="Your name"
          hint="Shown to the people in your workspaces"
          {...getInputProps(fields.displayName, { type: "text" })}
          autoComplete="name"
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          Save name
        </button>
      </Form>
    </>
  );
}

function PasswordForm({ lastResult, busy }: { lastResult: FormResult; busy: boolean }) {
  const [form, fields] = useZodForm(changePasswordSchema, { id: "change-password", lastResult });
  const errors = collectErrors(form.errors, [fields.currentPassword, fields.newPassword, fields.confirmPassword]);
  return (
    <>
      <ErrorSummary id="password-errors" errors={errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-password" />
        <TextField
          meta={fields.currentPassword}
          label="Current password"
          {...getInputProps(fields.currentPassword, { type: "password" })}
          autoComplete="current-password"
        />
        <TextField
          meta={fields.newPassword}
          label="New password"
          hint="At least 12 characters"
          {...getInputProps(fields.newPassword, { type: "password" })}
          autoComplete="new-password"
        />
        <TextField
          meta={fields.confirmPassword}
          label="Confirm new password"
          {...getInputProps(fields.confirmPassword, { type: "password" })}
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          Change password
        </button>
      </Form>
    </>
  );
}
