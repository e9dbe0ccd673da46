import { Form, Link } from "@remix-run/react";

export function SiteHeader({ user }: { user: { displayName: string; email: string } | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to={user ? "/w" : "/"} className="text-lg font-bold text-brand-800 no-underline hover:no-underline">
          Praxis
        </Link>
        <nav aria-label="Account">
          {user ? (
            <ul className="flex items-center gap-4 text-sm">
              {/* On a phone the Praxis link (to the same page) stands in for it, so the header keeps to one line. */}
              <li className="hidden sm:list-item">
                <Link to="/w">My workspaces</Link>
              </li>
              <li>
                <Link to="/account" aria-label={`Account: ${user.displayName}`}>
                  {user.displayName}
                </Link>
              </li>
              <li>
                <Form method="post" action="/logout">
                  <button type="submit" className="text-sm font-semibold text-slate-700 underline-offset-2 hover:underline">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          ) : (
            <ul className="flex items-center gap-4 text-sm">
              <li>
                <Link to="/login">Sign in</Link>
              </li>
              <li>
                <Link to="/signup">Create an account</Link>
              </li>
            </ul>
          )}
        </nav>
      </div>
    </header>
  );
}
