/**
 * The team store's records as the command line lists and shows them, and its queue without
 * taking anything: the SQLite engine's answers (record-list.ts, records.ts, queue.ts,
 * queue-empty.ts) over PostgreSQL. Lists and cards are read under the login's row-level
 * security; the queue through queue_peek and queue_facts (team migration 14), as lease_next sees it.
 */
import type { Campaign } from '../campaigns.ts';
import { UserError } from '../errors.ts';
import type { QueueItem, QueueReason } from '../queue.ts';
import { emptyQueueReasons, type QueueFacts } from '../queue-empty.ts';
import { noSuchList, recordsListed, type RecordLine, type RecordQuery } from '../record-list.ts';
import type { CallHistoryItem, RecordCard } from '../../../shared/ipc/types.ts';
import { hostedQueue } from '../team/host-queue.ts';
import type { Query } from './team-reports.ts';
import type { QueueView } from './types.ts';

const isoOf = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** listRecords (record-list.ts) on the team database. */
export async function teamRecordList(q: Query, rq: RecordQuery): Promise<{ total: number; records: RecordLine[] }> {
  const parts: string[] = ['true'];
  const args: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    args.push(value);
    parts.push(sql(`$${args.length}`));
  };
  if (rq.campaignId !== undefined) add((n) => `r.campaign_id = ${n}`, rq.campaignId);
  if (rq.status !== undefined) add((n) => `r.status = ${n}`, rq.status);
  if (rq.result !== undefined) add((n) => `r.last_result = ${n}`, rq.result);
  if (rq.list !== undefined) {
    const lists = await q<{ id: string; name: string; hit: boolean }>(
      `SELECT id, name, (id::text = $1 OR lower(name) = lower($1)) AS hit FROM lists WHERE $2::bigint IS NULL OR campaign_id = $2 ORDER BY id`,
      [rq.list, rq.campaignId ?? null],
    );
    const hits = lists.filter((l) => l.hit).map((l) => Number(l.id));
    if (hits.length === 0) throw noSuchList(rq.list, lists.map((l) => `${l.id} ${l.name}`));
    add((n) => `r.list_id = ANY(${n}::bigint[])`, hits);
  }
  const where = parts.join(' AND ');
  const [count] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM records r WHERE ${where}`, args);
  const rows = await q<{
    id: string; campaign: string; list_id: string | null; list: string | null; company: string; contact_name: string; timezone: string;
    status: 'open' | 'closed'; attempts: number; last_result: string | null; last_call_at: Date | null; follow_up_due: Date | null; phones: string;
  }>(
    `SELECT r.id, m.name AS campaign, r.list_id, l.name AS list, r.company, r.contact_name, r.timezone, r.status, r.attempts,
            r.last_result, r.last_call_at,
            (SELECT t.due_at FROM tasks t WHERE t.record_id = r.id AND t.done_at IS NULL) AS follow_up_due,
            coalesce((SELECT string_agg(p.e164, ' ' ORDER BY p.position) FROM phones p WHERE p.record_id = r.id), '') AS phones
     FROM records r JOIN campaigns m ON m.id = r.campaign_id LEFT JOIN lists l ON l.id = r.list_id
     WHERE ${where} ORDER BY r.id LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, recordsListed(rq), Math.max(rq.offset ?? 0, 0)],
  );
  return {
    total: count?.n ?? 0,
    records: rows.map((r) => ({
      id: Number(r.id), campaign: r.campaign, listId: Number(r.list_id ?? 0), list: r.list ?? '', company: r.company, contactName: r.contact_name,
      tz: r.timezone, status: r.status, attempts: r.attempts, lastResult: r.last_result, lastCalledAt: isoOf(r.last_call_at),
      followUpDue: isoOf(r.follow_up_due), phones: r.phones,
    })),
  };
}

/** The list columns a team record keeps in `details` (import.ts), as the card names them. */
const DETAILS = ['title', 'email', 'address', 'city', 'state', 'postcode', 'country', 'industry', 'employees', 'website'] as const;

/** getRecord (records.ts) on the team database: the calls are those the login may read. */
export async function teamRecordCard(q: Query, id: number): Promise<RecordCard> {
  const [r] = await q<{
    campaign_id: string; list_id: string | null; list_row: number | null; company: string; contact_name: string; details: Record<string, unknown>;
    timezone: string; status: 'open' | 'closed'; attempts: number; blocked_attempts: number; last_level: string | null; last_result: string | null;
    last_call_at: Date | null; is_lead: boolean; existing_lead: boolean; owner: string; leased_by: string | null; task_id: string | null; task_due: Date | null;
  }>(
    `SELECT r.*, t.id AS task_id, t.due_at AS task_due FROM records r
     LEFT JOIN tasks t ON t.record_id = r.id AND t.done_at IS NULL WHERE r.id = $1`,
    [id],
  );
  if (!r) throw new UserError(`There is no record ${id}.`, [{ field: 'record', message: 'Unknown record.' }]);
  const phones = await q<{ label: string; raw: string; e164: string; extension: string | null; on_dnc: boolean }>(
    `SELECT label, raw, e164, extension, EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) AS on_dnc FROM phones p WHERE record_id = $1 ORDER BY position`,
    [id],
  );
  const calls = await q<{ name: string; started_at: Date; level: string; pitched: boolean; result: string; outcomes: string[] | null; notes: string; follow_up_at: Date | null }>(
    `SELECT k.name, c.started_at, c.level, c.pitched, c.result, c.outcomes, c.notes, c.follow_up_at FROM calls c JOIN callers k ON k.id = c.caller_id
     WHERE c.record_id = $1 AND NOT c.late ORDER BY c.started_at DESC, c.received_at DESC`,
    [id],
  );
  const history: CallHistoryItem[] = calls.map((c, i) => ({
    // The team's call ids are the desks' own (uuid); the card numbers the calls it shows, the latest highest.
    id: calls.length - i, caller: c.name, startedAt: c.started_at.toISOString(), contactLevel: c.level, pitched: c.pitched,
    result: c.result, outcomes: c.outcomes?.length ? c.outcomes : [c.result], notes: c.notes, followUpAt: isoOf(c.follow_up_at),
  }));
  const text = (key: string) => (typeof r.details[key] === 'string' ? (r.details[key] as string) : '');
  const custom = r.details['custom'] !== null && typeof r.details['custom'] === 'object' ? (r.details['custom'] as Record<string, string>) : {};
  const detail = Object.fromEntries(DETAILS.map((k) => [k, text(k)])) as Record<(typeof DETAILS)[number], string>;
  return {
    id, campaignId: Number(r.campaign_id), listId: Number(r.list_id ?? 0), listRow: r.list_row ?? 0, company: r.company, contactName: r.contact_name,
    ...detail, custom, tz: r.timezone, status: r.status, attempts: r.attempts, blockedAttempts: r.blocked_attempts, lastLevel: r.last_level,
    lastResult: r.last_result, lastCalledAt: isoOf(r.last_call_at), isLead: r.is_lead, existingLead: r.existing_lead, owner: r.owner,
    lockedBy: r.leased_by === null ? null : Number(r.leased_by),
    phones: phones.map((p) => ({ label: p.label, raw: p.raw || p.e164, e164: p.e164, extension: p.extension, onDnc: p.on_dnc })),
    task: r.task_id && r.task_due ? { id: Number(r.task_id), dueAt: r.task_due.toISOString() } : null,
    history,
    changes: [],
  };
}

/** The next `limit` records lease_next would give `callerId` (0: nobody in particular) at `at`, none taken; or why there are none. */
export async function teamQueue(q: Query, campaign: Campaign, callerId: number, at: Date, limit: number): Promise<QueueView> {
  // A caller's hosted meetings come first (due, then waiting for an outcome), as lease_next gives them.
  const hosted = callerId > 0 && limit > 0 ? await hostedQueue(q, campaign.id, callerId, at) : [];
  const rows =
    limit <= 0
      ? []
      : await q<{ record_id: string; reason: QueueReason; due_at: Date | null; company: string; contact_name: string; timezone: string; phones: string[] }>(
          'SELECT * FROM queue_peek($1, $2, $3, $4)',
          [campaign.id, callerId, at, limit],
        );
  const first = new Set(hosted.map((h) => h.id));
  const items: QueueItem[] = [
    ...hosted,
    ...rows
      .filter((r) => !first.has(Number(r.record_id)))
      .map((r) => ({ id: Number(r.record_id), company: r.company, contactName: r.contact_name, tz: r.timezone, dueAt: isoOf(r.due_at), reason: r.reason, phones: r.phones })),
  ].slice(0, limit);
  if (items.length) return { items, reasons: [] };
  const [facts] = await q<{ f: QueueFacts }>('SELECT queue_facts($1, $2, $3) AS f', [campaign.id, callerId, at]);
  return { items, reasons: facts ? emptyQueueReasons(campaign, at, facts.f) : [] };
}
