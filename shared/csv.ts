/** One CSV line (RFC 4180): fields with a delimiter, quote or line break are quoted. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) && !/^[+-]?\d/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
