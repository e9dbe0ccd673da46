import { Form } from "@remix-run/react";

import { formatFinancialYear } from "../../models/spend/spend-dates";
import { SPEND_CATEGORY_KEYS, SPEND_CATEGORY_LABELS } from "../../models/spend/spend-labels";

export type FilterOptions = {
  years: number[];
  agencies: Array<{ id: string; name: string }>;
  areas: Array<{ id: string; name: string }>;
};
export type FilterValues = { year?: number; agency?: string; category?: string; area?: string };

/** The place count's filters as a plain GET form: every view has its own address. */
export function SpendFilters({
  options,
  values,
  action,
}: {
  options: FilterOptions;
  values: FilterValues;
  action?: string;
}) {
  return (
    <Form
      method="get"
      action={action}
      className="card mt-6 grid gap-4 sm:grid-cols-5 sm:items-end"
      aria-label="Filter spend"
    >
      <div>
        <label htmlFor="filter-year" className="label">
          Financial year
        </label>
        <select
          id="filter-year"
          name="year"
          className="input"
          defaultValue={values.year ? String(values.year) : ""}
        >
          <option value="">All years</option>
          {options.years.map((y) => (
            <option key={y} value={y}>
              {formatFinancialYear(y)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-agency" className="label">
          Agency
        </label>
        <select
          id="filter-agency"
          name="agency"
          className="input"
          defaultValue={values.agency ?? ""}
        >
          <option value="">All agencies</option>
          {options.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value="none">No agency</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-category" className="label">
          Category
        </label>
        <select
          id="filter-category"
          name="category"
          className="input"
          defaultValue={values.category ?? ""}
        >
          <option value="">All categories</option>
          {SPEND_CATEGORY_KEYS.map((c) => (
            <option key={c} value={c}>
              {SPEND_CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-area" className="label">
          Area
        </label>
        <select id="filter-area" name="area" className="input" defaultValue={values.area ?? ""}>
          <option value="">All areas</option>
          {options.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value="none">Whole place (no area)</option>
        </select>
      </div>
      <div>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </Form>
  );
}

/** The filters as a query string (for links to the lines and the CSV). */
export function filterQuery(values: FilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (values.year) params.set("year", String(values.year));
  if (values.agency) params.set("agency", values.agency);
  if (values.category) params.set("category", values.category);
  if (values.area) params.set("area", values.area);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}
