import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { ROLE_LABELS } from "../models/access/access.policy";
import { listMyWorkspaces } from "../models/workspace/workspace.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "My workspaces — Praxis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const workspaces = await listMyWorkspaces(user.id);
  return { workspaces };
}

export default function MyWorkspaces() {
  const { workspaces } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="page-title">My workspaces</h1>
        <Link to="/w/new" className="btn-primary">
          Create a workspace
        </Link>
      </div>
      {workspaces.length === 0 ? (
        <p className="mt-8 text-slate-700">
          You are not in any workspace yet. Create one for your partnership, or open the invitation link a colleague sent
          you.
        </p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2">
          {workspaces.map((w) => (
            <li key={w.id} className="card">
              <h2 className="text-lg font-semibold">
                <Link to={`/w/${w.slug}`}>{w.name}</Link>
              </h2>
              <p className="mt-1 text-sm text-slate-600">Your role: {ROLE_LABELS[w.role]}</p>
              {w.description ? <p className="mt-2 line-clamp-3 text-sm text-slate-700">{w.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
