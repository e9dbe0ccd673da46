import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

import { getUser } from "../utils/auth.server";

/** What Praxis does, said once and only what exists; extend it as features land. */
const PURPOSE =
  "A shared workspace for partnership boards — council, police, NHS and the voluntary sector — to frame action inquiry questions, run action learning sets, write reflective learning logs together and record what the board decides.";

export const meta: MetaFunction = () => [{ title: "Praxis — collaborative leadership through action learning" }];

// Public: the front page; signed-in people go straight to their workspaces.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/w");
  return null;
}

export default function Index() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16">
      <h1 className="text-4xl font-bold tracking-tight text-brand-900">Praxis</h1>
      <p className="mt-4 text-lg text-slate-700">
        {PURPOSE}
      </p>
      <p className="mt-8 flex gap-4">
        <Link to="/login" className="btn-primary">
          Sign in
        </Link>
        <Link to="/signup" className="btn-secondary">
          Create an account
        </Link>
      </p>
    </main>
  );
}
