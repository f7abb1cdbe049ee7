import { TZDate } from '@date-fns/tz';
import { isInsideWindow, localClock, minutesOf, WEEKDAYS } from '../../shared/calling-window.ts';
import type { DB } from './db/open.ts';
import type { Campaign } from './campaigns.ts';
import { iso } from './clock.ts';
import { timeIn } from './zone.ts';
import { IMPORTING_LISTS } from './import/staging.ts';
import { holdsFrom } from './queue.ts';

/** When a zone's calling window next opens after `at`, or null if it never does. */
export function nextOpening(campaign: Campaign, tz: string, at: Date): Date | null {
  const now = new TZDate(at.getTime(), tz);
  for (let d = 0; d <= 7; d++) {
    const day = new TZDate(now.getFullYear(), now.getMonth(), now.getDate() + d, 12, 0, tz);
    const window = campaign.callingWindow[localClock(tz, day).weekday];
    if (!window) continue;
    const m = minutesOf(window.start);
    const start = new Date(new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(m / 60), m % 60, tz).getTime());
    if (start > at) return start;
  }
  return null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the queue holds in one of a campaign's record time zones, as the reasons below read it. */
export interface ZoneFacts extends ZoneCounts {
  /** Open records other callers hold, per caller. */
  held: { name: string; n: number }[];
}

/** A zone's records counted by their state. */
interface ZoneCounts {
  tz: string;
  /** Open records. */
  open: number;
  /** Open records with every number on the do-not-call list. */
  undialable: number;
  /** Open, callable records called before whose retry delay has not passed, and the first to come back. */
  waiting: number;
  firstRetry: string | null;
  /** Open, callable records at the campaign's attempt limit (0 without a limit). */
  spent: number;
}

/** What the queue's emptiness is told from; either store gathers it (queueFacts here, the team store on PostgreSQL). */
export interface QueueFacts {
  records: number;
  closed: number;
  /** The first open follow-up due after the time asked about. */
  nextTaskDue: string | null;
  /** Every time zone of the campaign's records. */
  zones: ZoneFacts[];
}

/**
 * Why the queue offers a caller nothing at `at`, one reason a line: outside calling hours (until
 * when), everything closed, every number on do-not-call, held by other callers, waiting for the
 * retry delay, at the attempt limit.
 */
export function emptyQueueReasons(campaign: Campaign, at: Date, f: QueueFacts): string[] {
  if (f.records === 0) return [`${campaign.name} has no records yet: import a list.`];
  const zones = f.zones.map((z) => z.tz).sort();
  const shut = zones.filter((tz) => !isInsideWindow(campaign.callingWindow, tz, at));
  const reasons: string[] = [];
  const there = (d: Date | string, tz: string) => `${timeIn(new Date(d), tz)} ${tz}`;
  if (shut.length > 0) {
    const openings = shut.map((tz) => ({ tz, next: nextOpening(campaign, tz, at) }));
    const first = openings.reduce<{ tz: string; next: Date | null } | null>((a, b) => (b.next && (!a?.next || b.next < a.next) ? b : a), null);
    const until = first?.next
      ? `; calling hours next open ${there(first.next, first.tz)}${first.tz === campaign.timezone ? '' : ` (${there(first.next, campaign.timezone)})`}`
      : `; the calling window has no hours (${WEEKDAYS.join(', ')} all closed)`;
    const which = shut.length === zones.length ? 'every record' : `records in ${shut.join(', ')}`;
    reasons.push(`Outside calling hours for ${which}${until}.`);
  }
  if (f.closed === f.records) {
    reasons.push(`Every record is closed (${plural(f.records, 'record')})${f.nextTaskDue ? `; the next follow-up is due ${there(f.nextTaskDue, campaign.timezone)}` : ''}.`);
    return reasons;
  }
  const open = f.zones.filter((z) => !shut.includes(z.tz));
  if (open.length === 0) return reasons;
  const sum = (k: 'open' | 'undialable' | 'waiting' | 'spent') => open.reduce((n, z) => n + z[k], 0);
  const held = new Map<string, number>();
  for (const h of open.flatMap((z) => z.held)) held.set(h.name, (held.get(h.name) ?? 0) + h.n);
  const firstRetry = open.map((z) => z.firstRetry).filter((x): x is string => x !== null).sort()[0] ?? null;
  const openCount = sum('open');
  /** "Every open record has", "1 open record has", "3 open records have". */
  const subject = (count: number, one: string, many: string) =>
    `${count === openCount ? 'Every open record' : count === 1 ? '1 open record' : `${count} open records`} ${count === 1 || count === openCount ? one : many}`;
  if (sum('undialable') > 0) reasons.push(`${subject(sum('undialable'), 'has', 'have')} every number on the do-not-call list.`);
  for (const [name, n] of [...held].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) reasons.push(`${subject(n, 'is', 'are')} held by ${name}.`);
  if (sum('waiting') > 0) reasons.push(`${subject(sum('waiting'), 'waits', 'wait')} for the retry delay; the first is due again ${there(firstRetry ?? at, campaign.timezone)}.`);
  if (sum('spent') > 0) reasons.push(`${subject(sum('spent'), 'has', 'have')} had the campaign's maximum of ${campaign.maxAttempts} attempts.`);
  if (reasons.length === 0) reasons.push('No record is due now.');
  if (f.closed > 0) reasons.push(`${plural(f.closed, 'record')} closed.`);
  return reasons;
}

/** The SQLite file's QueueFacts for a campaign at `at`, for `callerId` (0 = nobody in particular). */
export function queueFacts(db: DB, campaign: Campaign, at: Date, callerId = 0): QueueFacts {
  const n = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(campaign.id, ...args) as number;
  const visible = `campaign_id = @campaign AND list_id NOT IN ${IMPORTING_LISTS}`;
  const args = { campaign: campaign.id, at: iso(at), max: campaign.maxAttempts ?? Number.MAX_SAFE_INTEGER };
  const rows = db
    .prepare(
      `SELECT tz, sum(status = 'open') AS open, sum(status = 'open' AND dialable = 0) AS undialable,
              sum(status = 'open' AND attempts > 0 AND dialable > 0 AND retry_at > @at) AS waiting,
              min(CASE WHEN status = 'open' AND attempts > 0 AND dialable > 0 AND retry_at > @at THEN retry_at END) AS firstRetry,
              sum(status = 'open' AND dialable > 0 AND attempts >= @max) AS spent
       FROM records WHERE ${visible} GROUP BY tz`,
    )
    .all(args) as ZoneCounts[];
  const held = db
    .prepare(
      `SELECT r.tz, k.name, count(*) AS n FROM records r JOIN callers k ON k.id = r.locked_by
       WHERE r.campaign_id = ? AND r.status = 'open' AND r.locked_by != ? AND r.locked_at > ? GROUP BY r.tz, k.name`,
    )
    .all(campaign.id, callerId, holdsFrom(at)) as { tz: string; name: string; n: number }[];
  const zones = db.prepare('SELECT tz FROM campaign_zones WHERE campaign_id = ? ORDER BY tz').pluck().all(campaign.id) as string[];
  const none = { open: 0, undialable: 0, waiting: 0, firstRetry: null, spent: 0 };
  return {
    records: n(`SELECT count(*) FROM records WHERE campaign_id = ? AND list_id NOT IN ${IMPORTING_LISTS}`),
    closed: n(`SELECT count(*) FROM records WHERE campaign_id = ? AND status = 'closed'`),
    nextTaskDue: db.prepare('SELECT min(due_at) FROM tasks WHERE campaign_id = ? AND done_at IS NULL AND due_at > ?').pluck().get(campaign.id, iso(at)) as string | null,
    zones: zones.map((tz) => ({
      tz, ...none, ...rows.find((r) => r.tz === tz),
      held: held.filter((h) => h.tz === tz).map(({ name, n: count }) => ({ name, n: count })),
    })),
  };
}

/** Why the queue of the SQLite file offers a caller nothing at `at` (emptyQueueReasons). */
export const whyQueueIsEmpty = (db: DB, campaign: Campaign, at: Date, callerId = 0): string[] => emptyQueueReasons(campaign, at, queueFacts(db, campaign, at, callerId));
