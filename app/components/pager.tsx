import { Link } from "@remix-run/react";

/** "Previous page · Page 2 of 5 · Next page", shown only when there is more than one page. */
export function Pager({ page, pageCount, hrefFor, label }: { page: number; pageCount: number; hrefFor: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-6 flex items-center gap-4">
      {page > 1 ? <Link to={hrefFor(page - 1)}>Previous page</Link> : null}
      <span className="text-sm text-slate-700">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link to={hrefFor(page + 1)}>Next page</Link> : null}
    </nav>
  );
}
