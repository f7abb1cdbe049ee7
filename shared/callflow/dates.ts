const DAY_MS = 86_400_000;

/**
 * Whole calendar days from the day of `from` to the day of `to`, in the local time zone:
 * Monday 17:00 to the Monday four weeks later at 09:00 is 28 days, whatever the hours.
 */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const b = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((b - a) / DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  const d = new Date(date.getTime());
  d.setDate(d.getDate() + days);
  return d;
}
