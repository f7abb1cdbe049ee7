import type { Campaign } from './campaigns.ts';
import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { timeIn } from './zone.ts';

/**
 * Hosted meetings: appointments a scheme books with a host (a person from the campaign's list
 * of hosts, such as its closers), chosen by the caller or the next in turn. A host's meetings
 * come to them first when their time is near; a meeting whose time has passed with no call
 * logged on its record since it was booked waits for an outcome until one is.
 */

/** How long before its start a meeting comes up in its host's queue. */
export const MEETING_DUE_BEFORE_MS = 15 * 60_000;
/** How long a meeting is taken to last: later than this after its start it is waiting for an outcome. */
export const MEETING_LENGTH_MS = 60 * 60_000;

export type MeetingState = 'upcoming' | 'due' | 'waiting_for_outcome';

export interface HostedMeeting {
  appointmentId: number;
  recordId: number;
  company: string;
  contactName: string;
  tz: string;
  at: string;
  host: string;
  state: MeetingState;
}

/** Meetings booked on a record with no call logged on it since: the ones still to be held or logged. */
const PENDING = `NOT EXISTS (SELECT 1 FROM calls later WHERE later.record_id = a.record_id AND later.id > a.call_id)`;

export function meetingState(at: string, now: Date): MeetingState {
  const start = Date.parse(at);
  if (start - MEETING_DUE_BEFORE_MS > now.getTime()) return 'upcoming';
  return start + MEETING_LENGTH_MS < now.getTime() ? 'waiting_for_outcome' : 'due';
}

/**
 * A host's meetings in a campaign that have no outcome yet, in the order they should be taken:
 * the ones due now (soonest first), then the ones waiting for an outcome (oldest first), then
 * the upcoming ones when `upcoming` is set; none another caller is working (than `callerId`).
 */
export function hostedMeetings(db: DB, campaignId: number, host: string, now: Date, opts: { upcoming?: boolean; callerId?: number } = {}): HostedMeeting[] {
  const rows = db
    .prepare(
      `SELECT a.id AS appointmentId, a.record_id AS recordId, r.company, r.contact_name AS contactName, r.tz, a.at, a.host
       FROM appointments a JOIN records r ON r.id = a.record_id
       WHERE r.campaign_id = ? AND a.host = ? AND ${PENDING} AND (r.locked_by IS NULL OR r.locked_by = ?)
       ORDER BY a.at, a.id`,
    )
    .all(campaignId, host, opts.callerId ?? 0) as Omit<HostedMeeting, 'state'>[];
  const rank: Record<MeetingState, number> = { due: 0, waiting_for_outcome: 1, upcoming: 2 };
  return rows
    .map((r) => ({ ...r, state: meetingState(r.at, now) }))
    .filter((m) => opts.upcoming || m.state !== 'upcoming')
    .sort((a, b) => rank[a.state] - rank[b.state] || (a.state === 'waiting_for_outcome' ? a.at.localeCompare(b.at) : 0));
}

/**
 * The record's hosted meeting still waiting for its call, if any: such a record may be logged
 * although it is closed. (A meeting with no host, such as a B2B appointment for the client's
 * rep, is no call of ours.)
 */
export function pendingMeeting(db: DB, recordId: number): { id: number; at: string; host: string } | undefined {
  return db
    .prepare(`SELECT a.id, a.at, a.host FROM appointments a WHERE a.record_id = ? AND a.host IS NOT NULL AND ${PENDING} ORDER BY a.id DESC LIMIT 1`)
    .get(recordId) as { id: number; at: string; host: string } | undefined;
}

/** Whether `host` has a meeting still to be held within a meeting's length of `at`. */
function isBusy(db: DB, campaignId: number, host: string, at: Date): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM appointments a JOIN records r ON r.id = a.record_id
         WHERE r.campaign_id = ? AND a.host = ? AND a.at > ? AND a.at < ? AND ${PENDING} LIMIT 1`,
      )
      .get(campaignId, host, iso(new Date(at.getTime() - MEETING_LENGTH_MS)), iso(new Date(at.getTime() + MEETING_LENGTH_MS))) !== undefined
  );
}

/** What picking a host needs to know: who has a meeting still to be held within a meeting's length of the time, and the host of the campaign's last meeting. */
export interface HostBookings {
  busy: ReadonlySet<string>;
  last: string | undefined;
}

/**
 * The host of a meeting at `at` (named in messages in the prospect's zone `tz`): the one `chosen` (who must be one of `hosts` and free then);
 * else `prefer` (the host booking it, such as a closer booking a follow-up) when free; else the
 * next in turn after the host of the campaign's last meeting, passing over hosts who already
 * have a meeting within a meeting's length of that time. Both stores read `bookings` their own way.
 */
export function chooseHost(hosts: readonly string[], at: Date, bookings: HostBookings, opts: { chosen?: string | null; prefer?: string; field?: string; tz?: string } = {}): string {
  const field = opts.field ?? 'host';
  const names = hosts.map((h) => h.trim()).filter(Boolean);
  // The time in the prospect's zone, named, as the caller typed it.
  const when = opts.tz ? `${timeIn(at, opts.tz)} ${opts.tz}` : iso(at);
  if (names.length === 0) throw new UserError('This campaign has no hosts to book the meeting with: add them to its settings.', [{ field, message: 'No hosts.' }]);
  const chosen = opts.chosen?.trim();
  if (chosen) {
    const host = names.find((n) => n.toLowerCase() === chosen.toLowerCase());
    if (!host) throw new UserError(`"${chosen}" is not one of this campaign's hosts: ${names.join(', ')}.`, [{ field, message: 'Unknown host.' }]);
    if (bookings.busy.has(host)) throw new UserError(`${host} already has a meeting within an hour of ${when}: pick another time or host.`, [{ field, message: 'Host busy.' }]);
    return host;
  }
  if (opts.prefer !== undefined && names.includes(opts.prefer) && !bookings.busy.has(opts.prefer)) return opts.prefer;
  const start = bookings.last === undefined ? 0 : names.indexOf(bookings.last) + 1;
  for (let i = 0; i < names.length; i++) {
    const host = names[(start + i) % names.length] as string;
    if (!bookings.busy.has(host)) return host;
  }
  throw new UserError(`Every host (${names.join(', ')}) has a meeting within an hour of ${when}: pick another time.`, [{ field, message: 'Every host busy.' }]);
}

/** chooseHost over this SQLite file's meetings. */
export function pickHost(db: DB, campaignId: number, hosts: readonly string[], at: Date, opts: { chosen?: string | null; prefer?: string; field?: string; tz?: string } = {}): string {
  const busy = new Set(hosts.map((h) => h.trim()).filter((h) => h && isBusy(db, campaignId, h, at)));
  const last = db
    .prepare(`SELECT a.host FROM appointments a JOIN records r ON r.id = a.record_id WHERE r.campaign_id = ? AND a.host IS NOT NULL ORDER BY a.id DESC LIMIT 1`)
    .pluck()
    .get(campaignId) as string | undefined;
  return chooseHost(hosts, at, { busy, last }, opts);
}

/** The campaign's hosts: the names in its `closers` setting (what a `host` field offers). */
export function hostsOf(campaign: Campaign): string[] {
  const v = campaign.options.settings?.['closers'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
