import { Link, useLocation } from "@remix-run/react";

import { can, type Permission, type Role } from "../models/access/access.policy";

type NavItem = { to: string; label: string; permission: Permission; end?: boolean };

/**
 * The workspace's sections, shown only when built and permitted. A feature adds its entry here
 * when its pages land — never before.
 */
export const WORKSPACE_NAV: NavItem[] = [
  { to: "", label: "Home", permission: "workspace:read", end: true },
  { to: "inquiries", label: "Inquiries", permission: "inquiry:read" },
  { to: "sets", label: "Sets", permission: "set:read" },
  { to: "actions", label: "Actions", permission: "action:read" },
  { to: "decisions", label: "Decisions", permission: "decision:read" },
  { to: "logs", label: "Logs", permission: "log:read" },
  { to: "insights", label: "Insights", permission: "insight:read" },
  { to: "cases", label: "Cases", permission: "evidence:read" },
  { to: "criteria", label: "Criteria", permission: "evidence:read" },
  { to: "spend", label: "Spend", permission: "evidence:read" },
  { to: "unit-costs", label: "Unit costs", permission: "evidence:read" },
  { to: "indicators", label: "Indicators", permission: "evidence:read" },
  { to: "search", label: "Search", permission: "search:use" },
  { to: "export", label: "Export", permission: "export:create" },
  { to: "members", label: "Members", permission: "members:read" },
  { to: "agencies", label: "Agencies", permission: "agencies:read" },
  { to: "audit", label: "Audit log", permission: "audit:read" },
  { to: "settings", label: "Settings", permission: "workspace:settings" },
];

/**
 * Below the `md` breakpoint the sections sit behind a "Menu" disclosure (a native <details>, so it
 * works before the page's script loads and with the keyboard); wider screens show them in a row.
 * Only one of the two lists is displayed at a time, so assistive technology meets one.
 * The current section is worked out once here and marked on plain links: 30 `NavLink`s matched
 * the address 30 times on every page (ADR 008).
 */
export function WorkspaceNav({ slug, role }: { slug: string; role: Role }) {
  const location = useLocation();
  const items = WORKSPACE_NAV.filter((item) => can(role, item.permission));
  const base = `/w/${slug}`;
  const hrefOf = (item: NavItem) => `${base}${item.to ? `/${item.to}` : ""}`;
  const current = [...items].reverse().find((item) => {
    const to = hrefOf(item);
    return item.end ? location.pathname === to : location.pathname === to || location.pathname.startsWith(`${to}/`);
  });
  return (
    <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
      {/* Keyed by the address so that following a link closes the menu. */}
      <details key={location.pathname} className="group mx-auto max-w-6xl px-4 md:hidden">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2 py-3 text-sm font-semibold text-slate-800 [&::-webkit-details-marker]:hidden">
          <span>
            Menu{current ? <span className="font-normal text-slate-700">: {current.label}</span> : null}
          </span>
          <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className="h-5 w-5 transition-transform group-open:rotate-180" fill="currentColor">
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </summary>
        <ul className="pb-2">
          {items.map((item) => (
            <li key={item.label}>
              <Link
                to={hrefOf(item)}
                aria-current={item === current ? "page" : undefined}
                className={`block border-l-4 px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${item === current ? "border-brand-700 bg-brand-50 text-brand-800" : "border-transparent text-slate-700"}`}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </details>
      <ul className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-4 md:flex">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              to={hrefOf(item)}
              aria-current={item === current ? "page" : undefined}
              className={`inline-block border-b-4 px-3 py-3 text-sm font-semibold no-underline hover:no-underline ${
                item === current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-300"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
