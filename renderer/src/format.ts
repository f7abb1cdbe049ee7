import { TZDate } from '@date-fns/tz';
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/min';

/**
 * How the interface writes times, dates and numbers: one format, the caller's locale. Times
 * about a prospect are in the prospect's zone, and say which.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The one way a time of day is written. */
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

/** A datetime-local input's value for `d`, in `d`'s own zone (a TZDate reads as its zone's wall time). */
export function localInputValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value typed as wall time in `tz`, as an instant; null when it is no date. */
export function instantFromWall(value: string, tz: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const d = TZDate.tz(tz, Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime());
}

/** The datetime-local value that shows instant `d` as wall time in `tz`. */
export function wallInputValue(d: Date, tz: string): string {
  return localInputValue(new TZDate(d.getTime(), tz));
}

/** "Los Angeles (PST)": the zone as a caller reads it. */
export function zoneName(tz: string, at: Date = new Date()): string {
  const city = (tz.split('/').pop() ?? tz).replaceAll('_', ' ');
  const short = new Intl.DateTimeFormat(undefined, { timeZone: tz, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== city ? `${city} (${short})` : city;
}

/** "Mon, Nov 23, 2:00 PM"; with `tz`, in that zone and naming it. */
export function fmtDateTime(isoString: string | null | undefined, tz?: string): string {
  if (!isoString) return '';
  const d = new Date(isoString);
  const text = d.toLocaleString(undefined, { ...DAY, ...TIME, timeZone: tz });
  return tz ? `${text} ${zoneName(tz, d)}` : text;
}

/** "Mon 4:50 PM": weekday and time, for today-ish moments; in `tz` when given. */
export function fmtDayTime(at: Date | string, tz?: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return d.toLocaleString(undefined, { weekday: 'short', ...TIME, timeZone: tz });
}

/** Minutes and seconds since `from`: "4:05", "1:02:09". */
export function fmtElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** A number as people write it: national in the caller's own country, international elsewhere. E.164 stays the data. */
export function fmtPhone(e164: string, region: string): string {
  try {
    const n = parsePhoneNumberWithError(e164);
    return n.country === (region as CountryCode) ? n.formatNational() : n.formatInternational();
  } catch {
    return e164;
  }
}
