/**
 * Spreadsheet formula injection (CWE-1236): a cell that begins with = + - @, a tab or a carriage
 * return may be run as a formula when the CSV is opened. Such a cell is prefixed with an
 * apostrophe, which spreadsheets show as text and do not evaluate.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
