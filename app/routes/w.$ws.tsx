import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";

import { FlashMessage } from "../components/flash-message";
import { WorkspaceNav } from "../components/workspace-nav";
import { ROLE_LABELS } from "../models/access/access.policy";
import { countUnreadMentions } from "../models/comment/comment.server";
import type { RootLoaderData } from "../root";
import { requireWorkspaceAccess } from "../utils/access.server";
import { lastWorkspaceHeader } from "../utils/last-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspaceAccess(request, params.ws, "workspace:read");
  const unreadMentions = await countUnreadMentions({ workspaceId: workspace.id, userId: user.id });
  const payload = { workspace: { slug: workspace.slug, name: workspace.name }, role, userId: user.id, unreadMentions };
  const setCookie = lastWorkspaceHeader(request, workspace.slug);
  return setCookie ? data(payload, { headers: { "Set-Cookie": setCookie } }) : payload;
}

export type WorkspaceLayoutData = typeof loader;

export default function WorkspaceLayout() {
  const { workspace, role, unreadMentions } = useLoaderData<typeof loader>();
  const flash = useRouteLoaderData<RootLoaderData>("root")?.flash;
  return (
    <>
      <section aria-label="Current workspace" className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-baseline justify-between gap-2 px-4 py-3">
          <p className="text-base font-semibold">{workspace.name}</p>
          <p className="flex flex-wrap items-baseline gap-4 text-sm text-brand-100">
            <Link to={`/w/${workspace.slug}/mentions`} className="font-semibold text-white">
              Mentions{unreadMentions > 0 ? ` (${unreadMentions} unread)` : ""}
            </Link>
            <span>Your role: {ROLE_LABELS[role]}</span>
          </p>
        </div>
      </section>
      <WorkspaceNav slug={workspace.slug} role={role} />
      {flash ? <FlashMessage flash={flash} /> : null}
      <Outlet />
    </>
  );
}
