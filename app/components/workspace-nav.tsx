import { NavLink } from "@remix-run/react";

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
  { to: "cases", label: "Cases", permission: "evidence:read" },
  { to: "criteria", label: "Criteria", permission: "evidence:read" },
  { to: "search", label: "Search", permission: "search:use" },
  { to: "members", label: "Members", permission: "members:read" },
  { to: "agencies", label: "Agencies", permission: "agencies:read" },
  { to: "audit", label: "Audit log", permission: "audit:read" },
];

export function WorkspaceNav({ slug, role }: { slug: string; role: Role }) {
  return (
    <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4">
        {WORKSPACE_NAV.filter((item) => can(role, item.permission)).map((item) => (
          <li key={item.label}>
            <NavLink
              to={`/w/${slug}${item.to ? `/${item.to}` : ""}`}
              end={item.end}
              className={({ isActive }) =>
                `inline-block border-b-4 px-3 py-3 text-sm font-semibold no-underline hover:no-underline ${
                  isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-300"
                }`
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
