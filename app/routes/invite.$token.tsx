import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";

import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "../models/access/access.policy";
import { acceptInvitation, getInvitationByToken } from "../models/membership/invitation.server";
import { acceptInvitationSchema, invitationTokenParam } from "../models/membership/membership.schema";
import { isMember } from "../models/workspace/workspace.server";
import { getUser, requireUser } from "../utils/auth.server";
import { formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Invitation — Praxis" }];

type Closed = { state: "unknown" } | { state: "expired" | "used" | "revoked"; workspaceName: string };
type Open = {
  state: "pending";
  workspaceName: string;
  workspaceSlug: string;
  role: Role;
  expiresAt: number;
  signedInAs: string | null;
  alreadyMember: boolean;
};
type InvitePage = Closed | Open;

function closed(view: Closed) {
  return data<InvitePage>(view, { status: view.state === "unknown" ? 404 : 410 });
}

// Public: whoever holds the link may see which workspace it is for; joining needs an account.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = invitationTokenParam.safeParse(params.token);
  if (!token.success) return closed({ state: "unknown" });
  const invitation = await getInvitationByToken(token.data);
  if (!invitation) return closed({ state: "unknown" });
  if (invitation.state !== "pending") return closed({ state: invitation.state, workspaceName: invitation.workspace.name });
  const user = await getUser(request);
  return data<InvitePage>({
    state: "pending",
    workspaceName: invitation.workspace.name,
    workspaceSlug: invitation.workspace.slug,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    signedInAs: user ? user.displayName : null,
    alreadyMember: user ? await isMember(invitation.workspace.id, user.id) : false,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const token = invitationTokenParam.safeParse(params.token);
  if (!token.success) return closed({ state: "unknown" });
  const result = await acceptInvitation({ userId: user.id, ipAddress: getClientIp(request) }, token.data);
  if (result.ok) {
    return redirectWithFlash(`/w/${result.workspace.slug}`, {
      kind: "success",
      message: `Welcome to ${result.workspace.name}. You have joined as ${ROLE_LABELS[result.role]}.`,
    });
  }
  if (result.reason === "unknown") return closed({ state: "unknown" });
  if (result.reason === "already-member") {
    return redirectWithFlash(`/w/${result.workspace.slug}`, {
      kind: "info",
      message: `You are already a member of ${result.workspace.name}. The invitation link was not used, so it can still be given to someone else.`,
    });
  }
  return closed({ state: result.reason, workspaceName: result.workspace.name });
}

const CLOSED_TEXT: Record<"expired" | "used" | "revoked", { title: string; body: string }> = {
  expired: { title: "This invitation has expired", body: "Invitation links work for 7 days." },
  used: { title: "This invitation has already been used", body: "Each invitation link works once." },
  revoked: { title: "This invitation has been withdrawn", body: "An owner of the workspace revoked the link." },
};

export default function InvitationPage() {
  const loaderData = useLoaderData<typeof loader>() as InvitePage;
  const actionData = useActionData<typeof action>() as InvitePage | { status: string } | undefined;
  const navigation = useNavigation();
  const location = useLocation();
  const view: InvitePage = actionData && "state" in actionData ? actionData : loaderData;

  if (view.state === "unknown") {
    return (
      <main id="main" className="mx-auto max-w-2xl px-4 py-12">
        <h1 className="page-title">Invitation not found</h1>
        <p className="mt-4 text-slate-700">
          This invitation link is not valid. Check that you copied the whole link, or ask the person who invited you for
          a new one.
        </p>
        <p className="mt-6">
          <Link to="/w">Go to my workspaces</Link>
        </p>
      </main>
    );
  }

  if (view.state !== "pending") {
    const text = CLOSED_TEXT[view.state];
    return (
      <main id="main" className="mx-auto max-w-2xl px-4 py-12">
        <h1 className="page-title">{text.title}</h1>
        <p className="mt-4 text-slate-700">
          The link was an invitation to join <strong>{view.workspaceName}</strong>. {text.body} Ask an owner of the
          workspace for a new link.
        </p>
        <p className="mt-6">
          <Link to="/w">Go to my workspaces</Link>
        </p>
      </main>
    );
  }

  const redirectTo = encodeURIComponent(location.pathname);
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="page-title">Join {view.workspaceName}</h1>
      <div className="card mt-6">
        <p>
          You have been invited to join <strong>{view.workspaceName}</strong> on Praxis as{" "}
          <strong>{ROLE_LABELS[view.role]}</strong>.
        </p>
        <p className="mt-2 text-sm text-slate-700">
          What the role allows: {ROLE_DESCRIPTIONS[view.role].charAt(0).toLowerCase()}
          {ROLE_DESCRIPTIONS[view.role].slice(1)}.
        </p>
        <p className="mt-2 text-sm text-slate-700">
          The link expires on <time dateTime={isoDateTime(view.expiresAt)}>{formatDateTime(view.expiresAt)}</time>.
        </p>

        {view.alreadyMember ? (
          <div className="mt-6">
            <p>You are already a member of this workspace, so you do not need this invitation.</p>
            <p className="mt-4">
              <Link to={`/w/${view.workspaceSlug}`} className="btn-primary">
                Go to {view.workspaceName}
              </Link>
            </p>
          </div>
        ) : view.signedInAs ? (
          <Form method="post" className="mt-6">
            <input type="hidden" name="intent" value="accept" />
            <p className="mb-4 text-sm text-slate-700">You are signed in as {view.signedInAs}.</p>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Join workspace
            </button>
          </Form>
        ) : (
          <InviteSignInLinks redirectTo={redirectTo} />
        )}
      </div>
    </main>
  );
}

function InviteSignInLinks({ redirectTo }: { redirectTo: string }) {
  return (
    <div className="mt-6">
      <p>To join, create a Praxis account or sign in. You will come back to this page to accept.</p>
      <p className="mt-4 flex flex-wrap gap-3">
        <Link to={`/signup?redirectTo=${redirectTo}`} className="btn-primary">
          Create an account
        </Link>
        <Link to={`/login?redirectTo=${redirectTo}`} className="btn-secondary">
          Sign in
        </Link>
      </p>
    </div>
  );
}
