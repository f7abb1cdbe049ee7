import { isInsideWindow } from '../../shared/calling-window.ts';
import type { Statement } from 'better-sqlite3';
import type { DB } from './db/open.ts';
import { promptly } from './db/promptly.ts';
import { getCampaign, type Campaign } from './campaigns.ts';
import { iso } from './clock.ts';
import { IMPORTING_LISTS } from './import/staging.ts';

/**
 * How long taking a record holds it for its caller unless they log it or let it go: a hold
 * older than this is offered again (a desk that crashed or walked away gives its record back).
 * Team mode's leases last as long (store/postgres.ts).
 */
export const HOLD_MS = 15 * 60_000;

/** The locked_at before which a hold has run out at `at`. */
export const holdsFrom = (at: Date): string => iso(new Date(at.getTime() - HOLD_MS));

/** Whether a record's hold (locked_at) still holds at `at`. */
export const holdLasts = (lockedAt: string | null, at: Date): boolean => lockedAt !== null && lockedAt > holdsFrom(at);

/**
 * The next record for a caller. Order: due follow-up tasks (oldest due first), then fresh
 * records in list order, then open records whose retry delay has passed (longest waiting
 * first). Never closed records (unless a task brings them back), records with no number off
 * the do-not-call list, records outside their calling window in their own time zone, records
 * at the campaign's attempt limit, or records another caller is working (for HOLD_MS).
 */

export type QueueReason = 'follow_up_due' | 'fresh' | 'retry';

export interface QueueItem {
  id: number;
  company: string;
  contactName: string;
  tz: string;
  reason: QueueReason;
  dueAt: string | null;
  phones: string[];
}

/** The time zones of the campaign whose local time is inside the calling window at `at`. */
export function openZones(db: DB, campaign: Campaign, at: Date): string[] {
  const zones = db.prepare('SELECT tz FROM campaign_zones WHERE campaign_id = ?').pluck().all(campaign.id) as string[];
  return zones.filter((tz) => isInsideWindow(campaign.callingWindow, tz, at));
}

interface Statements {
  tasks: Statement;
  fresh: Statement;
  retry: Statement;
  phones: Statement;
}
const cache = new WeakMap<DB, Statements>();

function statements(db: DB): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      tasks: db.prepare(
        `SELECT r.id, r.company, r.contact_name AS contactName, r.tz, t.due_at AS dueAt
         FROM tasks t JOIN records r ON r.id = t.record_id
         WHERE t.campaign_id = ? AND t.done_at IS NULL AND t.due_at <= ?
           AND r.dialable > 0 AND (r.locked_by IS NULL OR r.locked_by = ? OR r.locked_at <= ?)
           AND r.tz IN (SELECT value FROM json_each(?))
         ORDER BY t.due_at, t.id LIMIT ?`,
      ),
      fresh: db.prepare(
        `SELECT id, company, contact_name AS contactName, tz, NULL AS dueAt FROM records
         WHERE campaign_id = ? AND tz = ? AND status = 'open' AND attempts = 0 AND dialable > 0
           AND (locked_by IS NULL OR locked_by = ? OR locked_at <= ?) AND list_id NOT IN ${IMPORTING_LISTS}
         ORDER BY id LIMIT ?`,
      ),
      retry: db.prepare(
        `SELECT id, company, contact_name AS contactName, tz, retry_at AS dueAt FROM records
         WHERE campaign_id = ? AND tz = ? AND status = 'open' AND attempts > 0 AND dialable > 0
           AND retry_at <= ? AND attempts < ? AND (locked_by IS NULL OR locked_by = ? OR locked_at <= ?)
         ORDER BY retry_at, id LIMIT ?`,
      ),
      phones: db.prepare('SELECT e164 FROM phones WHERE record_id = ? AND e164 IS NOT NULL AND on_dnc = 0 ORDER BY position').pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

type Row = Omit<QueueItem, 'reason' | 'phones'>;

/** The first `limit` records in queue order for `callerId` (0 = nobody in particular). */
export function queueFor(
  db: DB,
  campaignOrId: Campaign | number,
  opts: { at?: Date; limit?: number; callerId?: number; holdAt?: Date } = {},
): QueueItem[] {
  const campaign = typeof campaignOrId === 'number' ? getCampaign(db, campaignOrId) : campaignOrId;
  const at = opts.at ?? new Date();
  const limit = opts.limit ?? 1;
  const caller = opts.callerId ?? 0;
  const st = statements(db);
  const zones = openZones(db, campaign, at);
  if (zones.length === 0 || limit <= 0) return [];
  const out: QueueItem[] = [];
  const seen = new Set<number>();
  const push = (rows: Row[], reason: QueueReason) => {
    for (const r of rows) {
      if (out.length >= limit) return;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, reason, phones: st.phones.all(r.id) as string[] });
    }
  };
  const atIso = iso(at);
  // Holds run on the clock the record is taken by; --at only moves the calling window.
  const expired = holdsFrom(opts.holdAt ?? at);
  push(st.tasks.all(campaign.id, atIso, caller, expired, JSON.stringify(zones), limit) as Row[], 'follow_up_due');
  if (out.length < limit) {
    const fresh = zones.flatMap((tz) => st.fresh.all(campaign.id, tz, caller, expired, limit - out.length) as Row[]);
    fresh.sort((a, b) => a.id - b.id);
    push(fresh, 'fresh');
  }
  if (out.length < limit) {
    const maxAttempts = campaign.maxAttempts ?? Number.MAX_SAFE_INTEGER;
    const retry = zones.flatMap(
      (tz) => st.retry.all(campaign.id, tz, atIso, maxAttempts, caller, expired, limit - out.length) as Row[],
    );
    retry.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.id - b.id);
    push(retry, 'retry');
  }
  return out;
}

/**
 * Takes the next record for a caller and holds it so no other caller is offered it, until the
 * caller logs it or lets it go, or HOLD_MS pass. A caller who already holds a record gets that
 * one back (held afresh when its hold ran out). `at` is when the call is made (the calling window); the hold runs from
 * `holdAt`, the machine's now when `at` was typed.
 */
export function takeNext(db: DB, campaignId: number, callerId: number, at = new Date(), holdAt = at): QueueItem | null {
  return promptly(
    db,
    db.transaction((): QueueItem | null => {
      const held = db
        .prepare(`SELECT id FROM records WHERE locked_by = ? AND campaign_id = ? LIMIT 1`)
        .pluck()
        .get(callerId, campaignId) as number | undefined;
      const campaign = getCampaign(db, campaignId);
      if (held !== undefined) {
        const r = db
          .prepare(
            `SELECT r.id, r.company, r.contact_name AS contactName, r.tz, r.attempts, t.due_at AS dueAt
             FROM records r LEFT JOIN tasks t ON t.record_id = r.id AND t.done_at IS NULL WHERE r.id = ?`,
          )
          .get(held) as Row & { attempts: number };
        const reason: QueueReason = r.dueAt !== null ? 'follow_up_due' : r.attempts === 0 ? 'fresh' : 'retry';
        // A hold that ran out with nobody taking the record is the caller's again from now.
        db.prepare('UPDATE records SET locked_at = ? WHERE id = ? AND locked_at <= ?').run(iso(holdAt), held, holdsFrom(holdAt));
        return { id: r.id, company: r.company, contactName: r.contactName, tz: r.tz, dueAt: r.dueAt, reason, phones: statements(db).phones.all(held) as string[] };
      }
      const [next] = queueFor(db, campaign, { at, limit: 1, callerId, holdAt });
      if (!next) return null;
      db.prepare('UPDATE records SET locked_by = ?, locked_at = ? WHERE id = ?').run(callerId, iso(holdAt), next.id);
      return next;
    }),
  );
}

/** Lets a held record go back to the queue. */
export function release(db: DB, recordId: number, callerId: number): boolean {
  return db.prepare('UPDATE records SET locked_by = NULL, locked_at = NULL WHERE id = ? AND locked_by = ?').run(recordId, callerId).changes > 0;
}

export function releaseAll(db: DB, callerId: number): number {
  return db.prepare('UPDATE records SET locked_by = NULL, locked_at = NULL WHERE locked_by = ?').run(callerId).changes;
}
