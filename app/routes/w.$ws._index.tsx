import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { countMembers } from "../models/workspace/workspace.server";
import { requireWorkspaceAccess } from "../utils/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.workspace.name ?? "Workspace"} — Praxis` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.ws, "workspace:read");
  const memberCount = await countMembers(workspace.id);
  return { workspace, role, memberCount };
}

export default function WorkspaceHome() {
  const { workspace, memberCount } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="page-title">{workspace.name}</h1>
      {workspace.description ? <p className="mt-2 max-w-3xl text-slate-700">{workspace.description}</p> : null}
      <p className="mt-4 text-sm text-slate-600">{memberCount} {memberCount === 1 ? "member" : "members"}</p>
    </main>
  );
}
