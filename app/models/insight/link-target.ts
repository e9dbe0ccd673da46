import { sql, type SQL } from "drizzle-orm";

/**
 * One thing an insight can be linked to, as the picker offers it and the insight page shows it.
 * `agencyId` and `datedAt` feed the strength of evidence; `priceYear` only unit costs have.
 */
export type LinkTarget = {
  id: string;
  label: string;
  detail: string;
  agencyId: string | null;
  /** When the evidence is from (ms), if it has a date. */
  datedAt: number | null;
  priceYear?: string;
};

export type TargetQuery = { workspaceId: string; userId: string; q: string; limit: number };
export type TargetLookup = { workspaceId: string; userId: string; ids: string[] };

/** `column LIKE %q%`, with the user's % and _ taken literally. */
export function containsText(column: unknown, q: string): SQL {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} like ${`%${escaped}%`} escape '\\'`;
}

/** 1 April of a financial year's first calendar year (2014 → 2014-15), UTC ms. */
export function financialYearStart(year: number): number {
  return Date.UTC(year, 3, 1);
}

export function financialYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

/** "£1,234.56" from integer pence, without floating point. */
export function formatPence(pence: number): string {
  const negative = pence < 0;
  const abs = Math.abs(Math.trunc(pence));
  const pounds = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}£${grouped}.${rest}`;
}
