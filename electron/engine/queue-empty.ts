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

/**
 * Why the queue offers a caller nothing at `at`, one reason a line: outside calling hours (until
 * when), everything closed, every number on do-not-call, held by other callers, waiting for the
 * retry delay, at the attempt limit.
 */
export function whyQueueIsEmpty(db: DB, campaign: Campaign, at: Date, callerId = 0): string[] {
  const n = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(campaign.id, ...args) as number;
  const records = n(`SELECT count(*) FROM records WHERE campaign_id = ? AND list_id NOT IN ${IMPORTING_LISTS}`);
  if (records === 0) return [`${campaign.name} has no records yet: import a list.`];
  const zones = db.prepare('SELECT tz FROM campaign_zones WHERE campaign_id = ? ORDER BY tz').pluck().all(campaign.id) as string[];
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
  const inOpen = `campaign_id = ? AND tz IN (SELECT value FROM json_each(?))`;
  const open = JSON.stringify(zones.filter((tz) => !shut.includes(tz)));
  const closed = n(`SELECT count(*) FROM records WHERE campaign_id = ? AND status = 'closed'`);
  if (closed === records) {
    const next = db.prepare('SELECT min(due_at) FROM tasks WHERE campaign_id = ? AND done_at IS NULL AND due_at > ?').pluck().get(campaign.id, iso(at)) as string | null;
    reasons.push(`Every record is closed (${plural(records, 'record')})${next ? `; the next follow-up is due ${there(next, campaign.timezone)}` : ''}.`);
    return reasons;
  }
  if (open === '[]') return reasons;
  const dnc = n(`SELECT count(*) FROM records WHERE ${inOpen} AND status = 'open' AND dialable = 0`, open);
  const held = db
    .prepare(
      `SELECT k.name, count(*) AS n FROM records r JOIN callers k ON k.id = r.locked_by
       WHERE r.campaign_id = ? AND r.tz IN (SELECT value FROM json_each(?)) AND r.status = 'open' AND r.locked_by != ? AND r.locked_at > ?
       GROUP BY k.name ORDER BY k.name`,
    )
    .all(campaign.id, open, callerId, holdsFrom(at)) as { name: string; n: number }[];
  const waiting = db
    .prepare(`SELECT count(*) AS n, min(retry_at) AS first FROM records WHERE ${inOpen} AND status = 'open' AND attempts > 0 AND dialable > 0 AND retry_at > ?`)
    .get(campaign.id, open, iso(at)) as { n: number; first: string | null };
  const spent = campaign.maxAttempts === null ? 0 : n(`SELECT count(*) FROM records WHERE ${inOpen} AND status = 'open' AND dialable > 0 AND attempts >= ?`, open, campaign.maxAttempts);
  const openCount = n(`SELECT count(*) FROM records WHERE ${inOpen} AND status = 'open'`, open);
  /** "Every open record has", "1 open record has", "3 open records have". */
  const subject = (count: number, one: string, many: string) =>
    `${count === openCount ? 'Every open record' : count === 1 ? '1 open record' : `${count} open records`} ${count === 1 || count === openCount ? one : many}`;
  if (dnc > 0) reasons.push(`${subject(dnc, 'has', 'have')} every number on the do-not-call list.`);
  for (const h of held) reasons.push(`${subject(h.n, 'is', 'are')} held by ${h.name}.`);
  if (waiting.n > 0) reasons.push(`${subject(waiting.n, 'waits', 'wait')} for the retry delay; the first is due again ${there(waiting.first ?? at, campaign.timezone)}.`);
  if (spent > 0) reasons.push(`${subject(spent, 'has', 'have')} had the campaign's maximum of ${campaign.maxAttempts} attempts.`);
  if (reasons.length === 0) reasons.push('No record is due now.');
  if (closed > 0) reasons.push(`${plural(closed, 'record')} closed.`);
  return reasons;
}
