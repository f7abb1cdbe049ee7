/**
 * The one CSV writer for every CSV Outcall writes (import error reports, shift totals, reports,
 * any later export). RFC 4180 quoting, plus OWASP's CSV-injection rule: a text cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` and is quoted, so a
 * spreadsheet shows it as text instead of running it as a formula. Numbers the app computed
 * (typed as numbers) are written as they are and stay numbers.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, without its line break. */
export function csvLine(values: readonly CsvCell[]): string {
  return values.map(csvCell).join(',');
}

/** A whole CSV file: each row a line ending in CRLF, as spreadsheets expect. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => csvLine(r) + '\r\n').join('');
}
