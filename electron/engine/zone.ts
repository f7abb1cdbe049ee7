import { TZDate } from '@date-fns/tz';
import { UserError } from './errors.ts';
import { isValidTimeZone } from './timezones.ts';

/**
 * Calendar days and clock times in a named IANA zone, never the process's implicit one: the
 * engine runs in a worker of the app, under the command line or in a test, and each may see a
 * different default. `localZone()` is this machine's zone, the caller's local time.
 */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function checkZone(zone: string, what = 'time zone'): string {
  if (!isValidTimeZone(zone)) throw new UserError(`The ${what} "${zone}" is not a time zone such as Europe/London.`, [{ field: 'zone', message: 'Unknown zone.' }]);
  return zone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of an instant in `zone`, YYYY-MM-DD. */
export function dayIn(at: Date, zone: string): string {
  const d = new TZDate(at.getTime(), zone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "YYYY-MM-DD HH:MM" of an instant in `zone`. */
export function timeIn(at: Date, zone: string): string {
  const d = new TZDate(at.getTime(), zone);
  return `${dayIn(at, zone)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Midnight at the start of a YYYY-MM-DD day in `zone`, and of the day after. */
export function dayRange(day: string, zone: string, what = 'date'): { start: Date; end: Date } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new UserError(`The ${what} "${day}" is not a date (YYYY-MM-DD).`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const start = new Date(new TZDate(y, mo, d, zone).getTime());
  if (dayIn(start, zone) !== day) throw new UserError(`The ${what} "${day}" is not a real date.`);
  return { start, end: new Date(new TZDate(y, mo, d + 1, zone).getTime()) };
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date and time as a person types it: with an offset or Z it is that instant; without one it
 * is read in `zone` ("2026-11-23T09:30" in the campaign's zone). Undefined when unreadable.
 */
export function parseTimeIn(text: string, zone: string): Date | undefined {
  const m = LOCAL_TIME.exec(text.trim());
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const t = new Date(new TZDate(y, mo - 1, d, h, mi, s, zone).getTime());
    return timeIn(t, zone).slice(0, 10) === text.trim().slice(0, 10) && mo <= 12 && h < 24 && mi < 60 ? t : undefined;
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return undefined;
  const t = new Date(text);
  return Number.isNaN(t.getTime()) ? undefined : t;
}
