/*
 * Writing CSV for spreadsheets. A cell that begins with =, +, -, @, a tab or a carriage return
 * is a formula to Excel and LibreOffice (CSV injection, OWASP): such cells get a leading
 * apostrophe. Credits are written in brackets, "(12.50)", which spreadsheets read as negative
 * numbers, so no money cell needs neutralising.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return (
    rows.map((row) => row.map((cell) => quote(neutraliseCell(cell))).join(",")).join("\r\n") +
    "\r\n"
  );
}

/** Pence as a spreadsheet-ready decimal, credits in brackets: -1250 → "(12.50)". */
export function penceCell(pence: number): string {
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const text = `${pounds}.${String(abs - pounds * 100).padStart(2, "0")}`;
  return pence < 0 ? `(${text})` : text;
}
