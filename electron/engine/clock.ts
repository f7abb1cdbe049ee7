/** Timestamps are stored as ISO 8601 UTC strings, which sort as text. */
export function iso(date: Date): string {
  return date.toISOString();
}

export function parseIso(value: string, what: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${what} "${value}" is not a date and time.`);
  return d;
}
