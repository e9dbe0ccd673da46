import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { LearningHomeSections } from "../components/learning/home-sections";
import { can, ROLE_LABELS, type Role } from "../models/access/access.policy";
import { AGENCY_KIND_LABELS } from "../models/agency/agency.schema";
import { listActiveAgencies } from "../models/agency/agency.server";
import { getLearningHome } from "../models/inquiry/learning-home.server";
import { listRecentLogs } from "../models/log/log.server";
import { countPendingInvitations } from "../models/membership/invitation.server";
import { ROLE_VALUES } from "../models/membership/membership.schema";
import { countMembersByRole } from "../models/membership/membership.server";
import { requireWorkspaceAccess, type WorkspaceAccess } from "../utils/access.server";
import { formatDateTime } from "../utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.workspace.name ?? "Workspace"} — Praxis` }];

/*
 * The dashboard is a list of independent sections. Each has its own loader helper (taking the
 * access the guard returned) and its own component; a feature adds its section by adding one
 * helper to the loader's Promise.all and one component to the page.
 */
async function loadMembersSection({ workspace, role }: WorkspaceAccess) {
  const byRole = await countMembersByRole(workspace.id);
  const total = Object.values(byRole).reduce((a, b) => a + b, 0);
  return {
    total,
    byRole: ROLE_VALUES.map((r) => ({ role: r, count: byRole[r] })),
    pendingInvitations: can(role, "members:manage") ? await countPendingInvitations(workspace.id) : null,
    canSeeMembers: can(role, "members:read"),
  };
}

async function loadRecentLogsSection({ workspace, user, role }: WorkspaceAccess) {
  if (!can(role, "log:read")) return null;
  return { logs: await listRecentLogs(workspace.id, user.id), canCreate: can(role, "log:create") };
}

async function loadAgenciesSection({ workspace, role }: WorkspaceAccess) {
  const agencies = await listActiveAgencies(workspace.id);
  return {
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    canManage: can(role, "agencies:manage"),
  };
}

async function loadLearningSection({ workspace, user }: WorkspaceAccess) {
  return getLearningHome({ workspaceId: workspace.id, userId: user.id });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "workspace:read");
  const [members, agencies, recentLogs, learning] = await Promise.all([
    loadMembersSection(access),
    loadAgenciesSection(access),
    loadRecentLogsSection(access),
    loadLearningSection(access),
  ]);
  return {
    workspace: { slug: access.workspace.slug, name: access.workspace.name, description: access.workspace.description },
    role: access.role,
    members,
    agencies,
    recentLogs,
    learning,
  };
}

export default function WorkspaceHome() {
  const { workspace, role, members, agencies, recentLogs, learning } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">{workspace.name}</h1>
      <AboutSection description={workspace.description} role={role} />
      <LearningHomeSections slug={workspace.slug} {...learning} />
      <div className="mt-8 grid gap-6 md:grid-cols-2">
        <MembersSection slug={workspace.slug} {...members} />
        <AgenciesSection slug={workspace.slug} {...agencies} />
        {recentLogs ? <RecentLogsSection slug={workspace.slug} {...recentLogs} /> : null}
      </div>
    </main>
  );
}

function AboutSection({ description, role }: { description: string; role: Role }) {
  return (
    <section aria-labelledby="about-heading" className="mt-3 max-w-3xl">
      <h2 id="about-heading" className="sr-only">
        About this workspace
      </h2>
      {description ? <p className="text-slate-700">{description}</p> : null}
      <p className="mt-2 text-sm text-slate-600">You take part as {ROLE_LABELS[role]}.</p>
    </section>
  );
}

function MembersSection({
  slug,
  total,
  byRole,
  pendingInvitations,
  canSeeMembers,
}: Awaited<ReturnType<typeof loadMembersSection>> & { slug: string }) {
  return (
    <section aria-labelledby="members-heading" className="card">
      <h2 id="members-heading" className="text-lg font-semibold">
        {total} {total === 1 ? "member" : "members"}
      </h2>
      <ul className="mt-3 space-y-1 text-sm">
        {byRole
          .filter((r) => r.count > 0)
          .map((r) => (
            <li key={r.role} className="flex justify-between gap-4 border-b border-slate-100 pb-1">
              <span>{ROLE_LABELS[r.role]}</span>
              <span className="font-semibold">{r.count}</span>
            </li>
          ))}
      </ul>
      {pendingInvitations !== null ? (
        <p className="mt-3 text-sm text-slate-700">
          {pendingInvitations === 0
            ? "No invitation links are waiting to be used."
            : `${pendingInvitations} ${pendingInvitations === 1 ? "invitation link is" : "invitation links are"} waiting to be used.`}
        </p>
      ) : null}
      {canSeeMembers ? (
        <p className="mt-3 text-sm">
          <Link to={`/w/${slug}/members`}>{pendingInvitations !== null ? "Manage members and invitations" : "See who is here"}</Link>
        </p>
      ) : null}
    </section>
  );
}

function AgenciesSection({
  slug,
  agencies,
  canManage,
}: Awaited<ReturnType<typeof loadAgenciesSection>> & { slug: string }) {
  return (
    <section aria-labelledby="agencies-heading" className="card">
      <h2 id="agencies-heading" className="text-lg font-semibold">
        Partner agencies
      </h2>
      {agencies.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">No partner agencies have been added yet.</p>
      ) : (
        <ul className="mt-3 space-y-1 text-sm">
          {agencies.map((a) => (
            <li key={a.id} className="flex flex-wrap justify-between gap-x-4 border-b border-slate-100 pb-1">
              <span>{a.name}</span>
              <span className="text-slate-600">{AGENCY_KIND_LABELS[a.kind]}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link to={`/w/${slug}/agencies`}>{canManage ? "Manage partner agencies" : "All partner agencies"}</Link>
      </p>
    </section>
  );
}

function RecentLogsSection({ slug, logs, canCreate }: NonNullable<Awaited<ReturnType<typeof loadRecentLogsSection>>> & { slug: string }) {
  return (
    <section aria-labelledby="recent-logs-heading" className="card">
      <h2 id="recent-logs-heading" className="text-lg font-semibold">
        Recent logs I can read
      </h2>
      {logs.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">No learning logs have been shared with you yet.</p>
      ) : (
        <ul className="mt-3 space-y-1 text-sm">
          {logs.map((log) => (
            <li key={log.id} className="flex flex-wrap justify-between gap-x-4 border-b border-slate-100 pb-1">
              <Link to={`/w/${slug}/logs/${log.id}`}>{log.title}</Link>
              <span className="text-slate-600">{formatDateTime(log.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 flex flex-wrap gap-4 text-sm">
        <Link to={`/w/${slug}/logs`}>All learning logs</Link>
        {canCreate ? <Link to={`/w/${slug}/logs/new`}>Write a new log</Link> : null}
      </p>
    </section>
  );
}
