import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";

import { OfflineCopySweeper } from "./components/editor/offline-copy-sweeper";
import { FlashMessage } from "./components/flash-message";
import { SiteHeader } from "./components/site-header";
import stylesheet from "./tailwind.css";
import { getUser } from "./utils/auth.server";
import { readFlash } from "./utils/flash.server";
import { useNonce } from "./utils/nonce-provider";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Praxis" },
  { name: "description", content: "Collaborative leadership through action learning" },
];

// Public: every page renders the shell; the user is shown only when signed in.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { flash, setCookie } = await readFlash(request);
  return data(
    { user: user ? { id: user.id, displayName: user.displayName, email: user.email } : null, flash },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export type RootLoaderData = typeof loader;

export const WORKSPACE_LAYOUT_ID = "routes/w.$ws";

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en-GB" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const rootData = useRouteLoaderData<RootLoaderData>("root");
  // Inside a workspace the message is shown by its layout, below the workspace bar, next to the page it is about.
  const inWorkspace = useMatches().some((m) => m.id === WORKSPACE_LAYOUT_ID);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to main content
      </a>
      <SiteHeader user={rootData?.user ?? null} />
      {rootData?.flash && !inWorkspace ? <FlashMessage flash={rootData.flash} /> : null}
      <OfflineCopySweeper userId={rootData?.user?.id ?? null} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<RootLoaderData>("root");
  let title = "Something went wrong";
  let message = "An unexpected error occurred. Please try again.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Page not found";
      message = "This page does not exist, or you do not have access to it.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You do not have permission to see this.";
    } else if (error.status === 429) {
      title = "Too many attempts";
      message = typeof error.data === "string" ? error.data : "Please wait and try again.";
    } else {
      title = `${error.status} ${error.statusText}`;
    }
  }
  return (
    <>
      <SiteHeader user={rootData?.user ?? null} />
      <OfflineCopySweeper userId={rootData?.user?.id ?? null} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="page-title">{title}</h1>
        <p className="mt-4 text-slate-700">{message}</p>
        <p className="mt-6">
          <Link to="/w">Go to my workspaces</Link>
        </p>
      </main>
    </>
  );
}
