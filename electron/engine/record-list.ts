import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { IMPORTING_LISTS } from './import/staging.ts';

/** Which records a manager looks at; every field narrows. */
export interface RecordQuery {
  campaignId?: number;
  status?: 'open' | 'closed';
  /** The last result logged on the record. */
  result?: string;
  /** A list's id, or its name within the campaign. */
  list?: string;
  limit?: number;
  offset?: number;
}

export interface RecordLine {
  id: number;
  campaign: string;
  listId: number;
  list: string;
  company: string;
  contactName: string;
  tz: string;
  status: 'open' | 'closed';
  attempts: number;
  lastResult: string | null;
  lastCalledAt: string | null;
  followUpDue: string | null;
  phones: string;
}

export const MAX_RECORDS_LISTED = 1000;

/** How many records a query lists: 50 by default, 1 to MAX_RECORDS_LISTED. */
export const recordsListed = (q: RecordQuery): number => Math.min(Math.max(q.limit ?? 50, 1), MAX_RECORDS_LISTED);

/** The refusal of a list that is not there, with the lists there are ("ID NAME"). */
export const noSuchList = (list: string, known: readonly string[]): UserError =>
  new UserError(`There is no list "${list}".${known.length ? ` Lists: ${known.join('; ')}.` : ' No list was imported yet.'}`, [{ field: 'list', message: 'Unknown list.' }]);

export function listRecords(db: DB, q: RecordQuery): { total: number; records: RecordLine[] } {
  const parts: string[] = ['1'];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    parts.push(sql);
    args.push(...values);
  };
  if (q.campaignId !== undefined) add('r.campaign_id = ?', q.campaignId);
  if (q.status !== undefined) add('r.status = ?', q.status);
  if (q.result !== undefined) add('r.last_result = ?', q.result);
  if (q.list !== undefined) {
    const inCampaign = q.campaignId === undefined ? '' : 'AND campaign_id = @campaignId';
    const lists = db
      .prepare(`SELECT id FROM lists WHERE (CAST(id AS TEXT) = @list OR name = @list COLLATE NOCASE) ${inCampaign}`)
      .pluck()
      .all({ list: q.list, ...(q.campaignId === undefined ? {} : { campaignId: q.campaignId }) }) as number[];
    if (lists.length === 0) {
      const known = db
        .prepare(`SELECT id || ' ' || name FROM lists WHERE 1 ${inCampaign} ORDER BY id`)
        .pluck()
        .all(q.campaignId === undefined ? {} : { campaignId: q.campaignId }) as string[];
      throw noSuchList(q.list, known);
    }
    add(`r.list_id IN (${lists.map(() => '?').join(', ')})`, ...lists);
  }
  // A list still being imported is nobody's to see yet.
  parts.push(`r.list_id NOT IN ${IMPORTING_LISTS}`);
  const where = parts.join(' AND ');
  const limit = recordsListed(q);
  const total = db.prepare(`SELECT count(*) FROM records r WHERE ${where}`).pluck().get(...args) as number;
  const records = db
    .prepare(
      `SELECT r.id, m.name AS campaign, r.list_id AS listId, l.name AS list, r.company, r.contact_name AS contactName, r.tz,
              r.status, r.attempts, r.last_result AS lastResult, r.last_called_at AS lastCalledAt,
              (SELECT due_at FROM tasks t WHERE t.record_id = r.id AND t.done_at IS NULL) AS followUpDue,
              coalesce((SELECT group_concat(coalesce(p.e164, p.raw), ' ') FROM phones p WHERE p.record_id = r.id), '') AS phones
       FROM records r JOIN campaigns m ON m.id = r.campaign_id JOIN lists l ON l.id = r.list_id
       WHERE ${where} ORDER BY r.id LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, Math.max(q.offset ?? 0, 0)) as RecordLine[];
  return { total, records };
}
