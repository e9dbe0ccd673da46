import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { can, type Permission, type Role } from "../models/access/access.policy";

type NavGroup = "evidence" | "workspace";
type NavItem = { to: string; label: string; permission: Permission; end?: boolean; group?: NavGroup };

/**
 * The workspace's sections, shown only when built and permitted. A feature adds its entry here
 * when its pages land — never before. Evidence pages and the workspace's administration are
 * grouped, so that the row fits a laptop screen however many sections a role may see.
 */
export const WORKSPACE_NAV: NavItem[] = [
  { to: "", label: "Home", permission: "workspace:read", end: true },
  { to: "inquiries", label: "Inquiries", permission: "inquiry:read" },
  { to: "sets", label: "Sets", permission: "set:read" },
  { to: "actions", label: "Actions", permission: "action:read" },
  { to: "decisions", label: "Decisions", permission: "decision:read" },
  { to: "logs", label: "Logs", permission: "log:read" },
  { to: "insights", label: "Insights", permission: "insight:read" },
  { to: "cases", label: "Cases", permission: "evidence:read", group: "evidence" },
  { to: "criteria", label: "Criteria", permission: "evidence:read", group: "evidence" },
  { to: "spend", label: "Spend", permission: "evidence:read", group: "evidence" },
  { to: "unit-costs", label: "Unit costs", permission: "evidence:read", group: "evidence" },
  { to: "indicators", label: "Indicators", permission: "evidence:read", group: "evidence" },
  { to: "search", label: "Search", permission: "search:use" },
  { to: "export", label: "Export", permission: "export:create" },
  { to: "members", label: "Members", permission: "members:read", group: "workspace" },
  { to: "agencies", label: "Agencies", permission: "agencies:read", group: "workspace" },
  { to: "audit", label: "Audit log", permission: "audit:read", group: "workspace" },
  { to: "settings", label: "Settings", permission: "workspace:settings", group: "workspace" },
];

export const NAV_GROUP_LABELS: Record<NavGroup, string> = { evidence: "Evidence", workspace: "Workspace" };

/** A top-level entry of the row: one section, or a group of them (a group of one is shown as its section). */
type Entry = { kind: "item"; item: NavItem } | { kind: "group"; group: NavGroup; items: NavItem[] };

export function navEntries(items: NavItem[]): Entry[] {
  const entries: Entry[] = [];
  for (const item of items) {
    const group = item.group;
    const existing = group ? entries.find((e) => e.kind === "group" && e.group === group) : undefined;
    if (existing && existing.kind === "group") existing.items.push(item);
    else if (group) entries.push({ kind: "group", group, items: [item] });
    else entries.push({ kind: "item", item });
  }
  return entries.map((e) => (e.kind === "group" && e.items.length === 1 ? { kind: "item", item: e.items[0] } : e));
}

const href = (base: string, item: NavItem) => `${base}${item.to ? `/${item.to}` : ""}`;

/**
 * Below the `md` breakpoint the sections sit behind a "Menu" disclosure (a native <details>, so it
 * works before the page's script loads and with the keyboard); wider screens show them in a row,
 * where each group is a disclosure of its own. Only one of the two is displayed at a time, so
 * assistive technology meets one. With the script loaded, Escape or a click elsewhere closes an
 * open group; following a link closes it in any case (the row is keyed by the address).
 * The current section is worked out once here and marked on plain links: a `NavLink` each
 * matched the address again on every page (ADR 008).
 */
export function WorkspaceNav({ slug, role }: { slug: string; role: Role }) {
  const location = useLocation();
  const items = WORKSPACE_NAV.filter((item) => can(role, item.permission));
  const base = `/w/${slug}`;
  const current = [...items].reverse().find((item) => {
    const to = href(base, item);
    return item.end ? location.pathname === to : location.pathname === to || location.pathname.startsWith(`${to}/`);
  });
  const entries = navEntries(items);
  return (
    <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
      {/* Keyed by the address so that following a link closes the menu. */}
      <details key={location.pathname} className="group mx-auto max-w-6xl px-4 md:hidden">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2 py-3 text-sm font-semibold text-slate-800 [&::-webkit-details-marker]:hidden">
          <span>
            Menu{current ? <span className="font-normal text-slate-700">: {current.label}</span> : null}
          </span>
          <Chevron />
        </summary>
        <ul className="pb-2">
          {entries.map((entry) =>
            entry.kind === "item" ? (
              <li key={entry.item.label}>
                <PhoneLink base={base} item={entry.item} current={entry.item === current} />
              </li>
            ) : (
              <li key={entry.group}>
                <p className="px-4 pb-1 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{NAV_GROUP_LABELS[entry.group]}</p>
                <ul>
                  {entry.items.map((item) => (
                    <li key={item.label}>
                      <PhoneLink base={base} item={item} current={item === current} />
                    </li>
                  ))}
                </ul>
              </li>
            ),
          )}
        </ul>
      </details>
      <ul key={location.pathname} className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-4 md:flex">
        {entries.map((entry) =>
          entry.kind === "item" ? (
            <li key={entry.item.label}>
              <Link
                to={href(base, entry.item)}
                aria-current={entry.item === current ? "page" : undefined}
                className={`inline-block border-b-4 px-3 py-3 text-sm font-semibold no-underline hover:no-underline ${tabColours(entry.item === current)}`}
              >
                {entry.item.label}
              </Link>
            </li>
          ) : (
            <li key={entry.group} className="relative">
              <NavGroupMenu base={base} label={NAV_GROUP_LABELS[entry.group]} items={entry.items} current={current} />
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

function tabColours(active: boolean) {
  return active ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-300";
}

function NavGroupMenu({ base, label, items, current }: { base: string; label: string; items: NavItem[]; current: NavItem | undefined }) {
  const active = current !== undefined && items.includes(current);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = (event: Event) => {
      if (!details.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  return (
    <details ref={ref} className="group/menu">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1 border-b-4 px-3 py-3 text-sm font-semibold [&::-webkit-details-marker]:hidden ${tabColours(active)}`}
      >
        {label}
        {active ? <span className="sr-only"> (the current page is in this group)</span> : null}
        <Chevron className="h-4 w-4 transition-transform group-open/menu:rotate-180" />
      </summary>
      <ul className="absolute left-0 z-20 mt-0 min-w-48 rounded-b border border-slate-200 bg-white py-1 shadow-lg">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              to={href(base, item)}
              aria-current={item === current ? "page" : undefined}
              className={`block border-l-4 px-3 py-2 text-sm font-semibold no-underline hover:bg-slate-50 hover:no-underline ${item === current ? "border-brand-700 bg-brand-50 text-brand-800" : "border-transparent text-slate-700"}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

function PhoneLink({ base, item, current }: { base: string; item: NavItem; current: boolean }) {
  return (
    <Link
      to={href(base, item)}
      aria-current={current ? "page" : undefined}
      className={`block border-l-4 px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${current ? "border-brand-700 bg-brand-50 text-brand-800" : "border-transparent text-slate-700"}`}
    >
      {item.label}
    </Link>
  );
}

function Chevron({ className = "h-5 w-5 transition-transform group-open:rotate-180" }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className={className} fill="currentColor">
      <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
    </svg>
  );
}
