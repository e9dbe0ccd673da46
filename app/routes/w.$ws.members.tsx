import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { CopyField } from "../components/copy-field";
import { collectErrors, ErrorSummary, SelectField, TextField, TableScroller } from "../components/forms";
import { useZodForm } from "../components/use-zod-form";
import { can, ROLE_DESCRIPTIONS, ROLE_LABELS } from "../models/access/access.policy";
import { listActiveAgencies } from "../models/agency/agency.server";
import { createInvitation, listPendingInvitations, revokeInvitation } from "../models/membership/invitation.server";
import { inviteSchema, membersActionSchema, ROLE_VALUES } from "../models/membership/membership.schema";
import { changeMemberRole, listMembers, removeMember, setMemberAgency } from "../models/membership/membership.server";
import { notFound, requireWorkspaceAccess } from "../utils/access.server";
import { formatDate, formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Members — Praxis" }];

const LAST_OWNER_MESSAGE =
  "A workspace must keep at least one owner. Make another member an owner first.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspaceAccess(request, params.ws, "members:read");
  const canManage = can(role, "members:manage");
  const [members, invitations, agencies] = await Promise.all([
    listMembers(workspace.id),
    canManage ? listPendingInvitations(workspace.id) : Promise.resolve([]),
    canManage ? listActiveAgencies(workspace.id) : Promise.resolve([]),
  ]);
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    currentUserId: user.id,
    canManage,
    members,
    invitations,
    agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.ws, "members:manage");
  const submission = parseWithZod(await request.formData(), { schema: membersActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = { userId: user.id, ipAddress: getClientIp(request) };
  const here = `/w/${workspace.slug}/members`;
  const input = submission.value;

  switch (input.intent) {
    case "invite": {
      const created = await createInvitation(actor, workspace.id, { role: input.role, note: input.note });
      // Not a redirect: the link is shown exactly once, in this response, and is never stored.
      return {
        created: {
          url: `${new URL(request.url).origin}/invite/${created.token}`,
          role: created.role,
          expiresAt: created.expiresAt,
        },
      };
    }
    case "revoke-invitation": {
      if (!(await revokeInvitation(actor, workspace.id, input.invitationId))) throw notFound();
      return redirectWithFlash(here, { kind: "success", message: "Invitation revoked: its link no longer works" });
    }
    case "change-role": {
      const result = await changeMemberRole(actor, workspace.id, input.membershipId, input.role);
      if (!result.ok && result.reason === "last-owner") {
        return data(submission.reply({ formErrors: [LAST_OWNER_MESSAGE] }), { status: 400 });
      }
      if (!result.ok) throw notFound();
      const self = result.member.userId === user.id;
      const message = result.changed
        ? `${self ? "Your" : `${result.member.displayName}’s`} role is now ${ROLE_LABELS[input.role]}`
        : "No change: that was already their role";
      // Someone who gave up their own owner role may no longer manage (or even see) members.
      const target = self && !can(input.role, "members:read") ? `/w/${workspace.slug}` : here;
      return redirectWithFlash(target, { kind: "success", message });
    }
    case "set-agency": {
      const result = await setMemberAgency(actor, workspace.id, input.membershipId, input.agencyId ?? null);
      if (!result.ok && result.reason === "agency-not-found") {
        return data(submission.reply({ fieldErrors: { agencyId: ["Choose an agency from the list"] } }), { status: 400 });
      }
      if (!result.ok) throw notFound();
      return redirectWithFlash(here, {
        kind: "success",
        message: result.changed ? `Agency recorded for ${result.member.displayName}` : "No change: that agency was already recorded",
      });
    }
    case "update-member": {
      // The agency is checked first so that a refused role change is the only way this fails part-way, and it writes nothing.
      if (input.agencyId && !(await listActiveAgencies(workspace.id)).some((a) => a.id === input.agencyId)) {
        return data(submission.reply({ fieldErrors: { agencyId: ["Choose an agency from the list"] } }), { status: 400 });
      }
      const role = await changeMemberRole(actor, workspace.id, input.membershipId, input.role);
      if (!role.ok && role.reason === "last-owner") return data(submission.reply({ formErrors: [LAST_OWNER_MESSAGE] }), { status: 400 });
      if (!role.ok) throw notFound();
      const agency = await setMemberAgency(actor, workspace.id, input.membershipId, input.agencyId ?? null);
      if (!agency.ok && agency.reason === "agency-not-found") {
        return data(submission.reply({ fieldErrors: { agencyId: ["Choose an agency from the list"] } }), { status: 400 });
      }
      if (!agency.ok) throw notFound();
      const self = role.member.userId === user.id;
      const changed = role.changed || agency.changed;
      const target = self && !can(input.role, "members:read") ? `/w/${workspace.slug}` : here;
      return redirectWithFlash(target, {
        kind: "success",
        message: changed ? `Saved: ${self ? "your" : `${role.member.displayName}’s`} role is ${ROLE_LABELS[input.role]}` : "No change: nothing was different",
      });
    }
    case "remove": {
      const result = await removeMember(actor, workspace.id, input.membershipId);
      if (!result.ok && result.reason === "last-owner") {
        return data(submission.reply({ formErrors: [LAST_OWNER_MESSAGE] }), { status: 400 });
      }
      if (!result.ok) throw notFound();
      if (result.member.userId === user.id) {
        return redirectWithFlash("/w", { kind: "success", message: `You have left ${workspace.name}` });
      }
      return redirectWithFlash(here, { kind: "success", message: `${result.member.displayName} has been removed from the workspace` });
    }
  }
}

type ActionData = SubmissionResult<string[]> | { created: { url: string; role: keyof typeof ROLE_LABELS; expiresAt: number } };

function isCreated(value: ActionData | undefined): value is Extract<ActionData, { created: unknown }> {
  return !!value && "created" in value;
}

function submissionIntent(value: ActionData | undefined): string | null {
  if (!value || isCreated(value)) return null;
  const intent = value.initialValue?.intent;
  return typeof intent === "string" ? intent : null;
}

export default function MembersPage() {
  const { workspace, members, invitations, agencies, canManage, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  // A new location (after each change) remounts the forms, so they show what is stored again.
  const location = useLocation();
  const busy = navigation.state === "submitting";
  const created = isCreated(actionData) ? actionData.created : null;
  const intent = submissionIntent(actionData);
  const ownerCount = members.filter((m) => m.role === "owner").length;
  // Removing or demoting the only owner would be refused, so it is not offered.
  const isOnlyOwner = (m: { role: string }) => m.role === "owner" && ownerCount <= 1;
  const removing = canManage ? members.find((m) => m.id === searchParams.get("remove") && !isOnlyOwner(m)) : undefined;
  const changing = canManage && !removing ? members.find((m) => m.id === searchParams.get("change")) : undefined;
  const removeRef = useRef<HTMLElement>(null);
  const removingId = removing?.id;
  useEffect(() => {
    if (removingId) removeRef.current?.focus();
  }, [removingId]);
  // The new link is the answer to the owner's request: take them (and their screen reader) to it.
  const createdRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);
  const inviteResult = intent === "invite" && !isCreated(actionData) ? actionData : undefined;

  const rowErrors =
    actionData && !isCreated(actionData) && intent !== "invite"
      ? Object.values(actionData.error ?? {})
          .flat()
          .filter((m): m is string => typeof m === "string")
          .map((message) => ({ message }))
      : [];

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">Members</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        The people in {workspace.name}, their role here and the partner agency they work for.
      </p>
      <ErrorSummary id="member-errors" errors={rowErrors} />

      {removing ? (
        <section ref={removeRef} tabIndex={-1} aria-labelledby="remove-heading" className="card mt-6 border-red-300">
          <h2 id="remove-heading" className="text-lg font-semibold">
            Remove {removing.displayName} from the workspace?
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            {removing.userId === currentUserId
              ? "You will lose access to this workspace straight away."
              : "They will lose access to this workspace straight away. What they have written stays."}
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Form method="post" action={`/w/${workspace.slug}/members`}>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="membershipId" value={removing.id} />
              <button type="submit" className="btn-danger" disabled={busy}>
                Yes, remove {removing.displayName}
              </button>
            </Form>
            <Link to={`/w/${workspace.slug}/members`} className="btn-secondary">
              Cancel
            </Link>
          </div>
        </section>
      ) : null}

      {changing ? (
        <ChangeMemberPanel
          key={`${changing.id}:${location.key}`}
          slug={workspace.slug}
          member={changing}
          agencies={agencies}
          onlyOwner={isOnlyOwner(changing)}
          isSelf={changing.userId === currentUserId}
          busy={busy}
        />
      ) : null}

      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="text-xl font-semibold">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        <TableScroller label="Members table (scrolls sideways on a narrow screen)">
          <table className="table">
            <caption className="sr-only">Members of {workspace.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Agency</th>
                <th scope="col">Joined</th>
                {canManage ? (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={`${m.id}:${location.key}`}>
                  <td>
                    <span className="font-semibold">{m.displayName}</span>
                    {m.userId === currentUserId ? <span className="badge ml-2">You</span> : null}
                    <br />
                    <span className="text-slate-600">{m.email}</span>
                  </td>
                  <td>{ROLE_LABELS[m.role]}</td>
                  <td>{m.agencyName ? `${m.agencyName}${m.agencyArchived ? " (archived)" : ""}` : <span className="text-slate-600">Not recorded</span>}</td>
                  <td>
                    <time dateTime={isoDateTime(m.joinedAt)}>{formatDate(m.joinedAt)}</time>
                  </td>
                  {canManage ? (
                    <td className="text-right">
                      <Link to={`?change=${m.id}`} className="font-semibold" aria-label={`Change ${m.displayName}’s role or agency`}>
                        Change
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>

      {canManage ? (
        <>
          <section aria-labelledby="invite-heading" className="mt-10">
            <h2 id="invite-heading" className="text-xl font-semibold">
              Invite someone
            </h2>
            <p className="mt-1 max-w-3xl text-sm text-slate-700">
              Praxis does not send email. Create a link, copy it and send it to the person yourself. It works once and
              expires after 7 days.
            </p>
            {created ? (
              <div
                ref={createdRef}
                tabIndex={-1}
                className="card mt-3 border-green-700"
                role="region"
                aria-labelledby="created-heading"
              >
                <h3 id="created-heading" className="text-lg font-semibold text-green-900">
                  Invitation link for a new {ROLE_LABELS[created.role]} created
                </h3>
                <p className="mt-1 mb-3 text-sm text-slate-700">
                  This is the only time the link is shown. It expires on{" "}
                  <time dateTime={isoDateTime(created.expiresAt)}>{formatDateTime(created.expiresAt)}</time>.
                </p>
                <CopyField id="invitation-link" label="Invitation link" value={created.url} />
              </div>
            ) : null}
            <InviteForm key={`${location.key}:${created?.url ?? ""}`} lastResult={inviteResult} busy={busy} />
          </section>

          <section aria-labelledby="pending-heading" className="mt-10">
            <h2 id="pending-heading" className="text-xl font-semibold">
              Pending invitations
            </h2>
            {invitations.length === 0 ? (
              <p className="mt-2 text-slate-700">No invitation links are waiting to be used.</p>
            ) : (
              <TableScroller label="Pending invitations table (scrolls sideways on a narrow screen)">
                <table className="table">
                  <caption className="sr-only">Invitation links not yet used</caption>
                  <thead>
                    <tr>
                      <th scope="col">Role</th>
                      <th scope="col">Note</th>
                      <th scope="col">Created</th>
                      <th scope="col">Expires</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.map((inv) => (
                      <tr key={inv.id}>
                        <td>{ROLE_LABELS[inv.role]}</td>
                        <td>{inv.note || <span className="text-slate-600">None</span>}</td>
                        <td>
                          <time dateTime={isoDateTime(inv.createdAt)}>{formatDateTime(inv.createdAt)}</time>
                          {inv.createdByName ? <span className="block text-slate-600">by {inv.createdByName}</span> : null}
                        </td>
                        <td>
                          <time dateTime={isoDateTime(inv.expiresAt)}>{formatDateTime(inv.expiresAt)}</time>
                        </td>
                        <td className="text-right">
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke-invitation" />
                            <input type="hidden" name="invitationId" value={inv.id} />
                            <button
                              type="submit"
                              className="btn-secondary py-1"
                              disabled={busy}
                              aria-label={`Revoke invitation for ${ROLE_LABELS[inv.role]}${inv.note ? ` (${inv.note})` : ""}`}
                            >
                              Revoke
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroller>
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}

const ROLE_OPTIONS = ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

type MemberRow = { id: string; userId: string; displayName: string; role: keyof typeof ROLE_LABELS; agencyId: string | null; agencyName: string | null; agencyArchived: boolean | null };

/** One member's role and agency, changed in one form; removal is offered only where it would be allowed. */
function ChangeMemberPanel({
  slug,
  member,
  agencies,
  onlyOwner,
  isSelf,
  busy,
}: {
  slug: string;
  member: MemberRow;
  agencies: Array<{ id: string; name: string }>;
  onlyOwner: boolean;
  isSelf: boolean;
  busy: boolean;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="change-heading" className="card mt-6 max-w-2xl">
      <h2 id="change-heading" className="text-lg font-semibold">
        Change {isSelf ? "your role or agency" : `${member.displayName}’s role or agency`}
      </h2>
      <Form method="post" action={`/w/${slug}/members`} className="mt-3">
        <input type="hidden" name="intent" value="update-member" />
        <input type="hidden" name="membershipId" value={member.id} />
        {onlyOwner ? (
          <>
            <input type="hidden" name="role" value="owner" />
            <p className="mb-4 text-sm">
              <strong>Role: Owner.</strong> {isSelf ? "You are" : "They are"} the only owner; make another member an owner before changing this role.
            </p>
          </>
        ) : (
          <div className="mb-4">
            <label htmlFor="change-role" className="label">
              Role
            </label>
            <select id="change-role" name="role" defaultValue={member.role} className="input">
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="mb-4">
          <label htmlFor="change-agency" className="label">
            Agency
          </label>
          <select id="change-agency" name="agencyId" defaultValue={member.agencyId ?? ""} className="input">
            <option value="">Not recorded</option>
            {member.agencyId && member.agencyArchived ? <option value={member.agencyId}>{member.agencyName} (archived)</option> : null}
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={busy}>
            Save changes
          </button>
          <Link to={`/w/${slug}/members`}>Cancel</Link>
          {onlyOwner ? null : (
            <Link to={`?remove=${member.id}`} className="text-red-800">
              {isSelf ? "Leave this workspace" : `Remove ${member.displayName} from the workspace`}
            </Link>
          )}
        </div>
      </Form>
    </section>
  );
}

function InviteForm({ lastResult, busy }: { lastResult: SubmissionResult<string[]> | undefined; busy: boolean }) {
  const [form, fields] = useZodForm(inviteSchema, { id: "invite", lastResult, defaultValue: { role: "member" } });
  return (
    <div className="card mt-3">
      <ErrorSummary id="invite-errors" errors={collectErrors(form.errors, [fields.role, fields.note])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <SelectField meta={fields.role} label="Role" hint={<RoleHints />} options={ROLE_OPTIONS} {...getSelectProps(fields.role)} />
        <TextField
          meta={fields.note}
          label="Note (optional)"
          hint="For your own records, for example who the link is for. The invited person does not see it."
          {...getInputProps(fields.note, { type: "text" })}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          Create invitation link
        </button>
      </Form>
    </div>
  );
}

function RoleHints() {
  return (
    <span className="block">
      {ROLE_VALUES.map((r) => (
        <span key={r} className="block">
          <strong>{ROLE_LABELS[r]}:</strong> {ROLE_DESCRIPTIONS[r]}
        </span>
      ))}
    </span>
  );
}
