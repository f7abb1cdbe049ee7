/** Calling hours: a record is offered only inside its campaign's window, in its own time zone. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local opening and closing time, "HH:MM" on a 24-hour clock; `null` = no calls that day. */
export type DayWindow = { start: string; end: string } | null;
export type CallingWindow = Record<Weekday, DayWindow>;

const OFFICE: DayWindow = { start: '09:00', end: '17:00' };
export const DEFAULT_CALLING_WINDOW: CallingWindow = {
  mon: OFFICE,
  tue: OFFICE,
  wed: OFFICE,
  thu: OFFICE,
  fri: OFFICE,
  sat: null,
  sun: null,
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const m = TIME.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day (HH:MM, 24-hour).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Problems with a window, naming the day and value; empty when it is usable. */
export function windowProblems(w: CallingWindow): string[] {
  const problems: string[] = [];
  for (const day of WEEKDAYS) {
    const d = w[day];
    if (d === null) continue;
    if (!TIME.test(d.start)) problems.push(`${day}: start "${d.start}" is not a time (HH:MM).`);
    else if (!TIME.test(d.end)) problems.push(`${day}: end "${d.end}" is not a time (HH:MM).`);
    else if (minutesOf(d.end) <= minutesOf(d.start)) problems.push(`${day}: ends at ${d.end}, before it starts at ${d.start}.`);
  }
  return problems;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun',
};

/** Weekday and minutes since midnight at `at` in time zone `tz`. */
export function localClock(tz: string, at: Date): { weekday: Weekday; minutes: number } {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  let weekday: Weekday = 'mon';
  let hour = 0;
  let minute = 0;
  for (const part of f.formatToParts(at)) {
    if (part.type === 'weekday') weekday = WEEKDAY_OF[part.value] ?? 'mon';
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minutes: hour * 60 + minute };
}

/** "Mon 09:05": the weekday and clock time at `at` in time zone `tz`. */
export function localTimeText(tz: string, at: Date): string {
  const { weekday, minutes } = localClock(tz, at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${weekday[0]?.toUpperCase()}${weekday.slice(1)} ${hh}:${mm}`;
}

export function isInsideWindow(w: CallingWindow, tz: string, at: Date): boolean {
  const { weekday, minutes } = localClock(tz, at);
  const day = w[weekday];
  return day !== null && minutes >= minutesOf(day.start) && minutes < minutesOf(day.end);
}
