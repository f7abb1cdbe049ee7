/**
 * Team migration 17: a host's queue on the server, as solo's (queue.ts, meetings.ts).
 *
 * - hosted_queue(campaign, caller, at): the meetings the caller hosts in the campaign (a
 *   scheme's `book_appointment` effect with a host, such as a strategy call a setter booked for
 *   a closer) that have no outcome yet and are due at `at` (from MEETING_DUE_BEFORE_MS before
 *   their start) or waiting for an outcome (MEETING_LENGTH_MS after it): the due ones soonest
 *   first, then the waiting ones oldest first; their record inside its calling window and held
 *   by nobody else. It runs as its owner: the meetings were booked by other callers, whose
 *   calls (and, once closed, records) a caller's login cannot read. It hands back the record's
 *   name, zone and numbers off the do-not-call list, as lease_next's caller reads them; to the
 *   host's own login, a supervisor or a manager only (migration 14's looks_for): another
 *   caller's login is given none of them.
 * - lease_next (migration 10's text): before the due follow-ups, the first of the caller's
 *   hosted_queue that no other desk holds or is taking (FOR UPDATE SKIP LOCKED).
 * - take_next: lease_next with the record's name and numbers (desk.ts leaseNext). Read in the
 *   statement that leased it under a caller's login, row-level security judged the record as it
 *   was before (closed, so hidden: a strategy call's or a closed follow-up's record) and the
 *   lease came back empty though taken; its owner reads it whole.
 */
import type pg from 'pg';
import { functionText, replaced } from './derive.ts';
import { DESK_SPEED } from './desk-speed.ts';
import { PENDING_MEETING } from './hosted-meetings.ts';
import { definer, forOurRoles } from './roles.ts';
import { MEETING_DUE_BEFORE_MS, MEETING_LENGTH_MS } from '../meetings.ts';
import type { Queryable } from './admin.ts';
import type { QueueItem } from '../queue.ts';

const HOSTED_QUEUE = 'hosted_queue(bigint, bigint, timestamptz)';
const TAKE_NEXT = 'take_next(bigint, bigint, integer, timestamptz)';
/** A record's numbers off the do-not-call list, in their order, for `rec` (an alias of records). */
const DIALLABLE_NUMBERS = (rec: string) => `ARRAY(SELECT p.e164 FROM phones p WHERE p.record_id = ${rec}.id
                 AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) ORDER BY p.position)`;
const secs = (ms: number) => `make_interval(secs => ${ms / 1000})`;

const FOLLOW_UPS = '  -- Follow-ups that are due, the longest due first, open or closed.\n';
const FOLLOW_UPS_END = 'ORDER BY t.due_at, t.id LIMIT 1\n   FOR UPDATE OF r SKIP LOCKED;\n';

const LEASE_NEXT = replaced(
  functionText(DESK_SPEED, 'lease_next'),
  [
    FOLLOW_UPS,
    `  -- The meetings the caller hosts that are due, then those waiting for an outcome.
  SELECT r.id INTO found_id FROM hosted_queue(p_campaign, p_caller, p_at) h JOIN records r ON r.id = h.record_id
   WHERE r.lease_until IS NULL OR r.lease_until <= now()
   ORDER BY h.waiting, h.meeting_at, h.appointment_id LIMIT 1
   FOR UPDATE OF r SKIP LOCKED;
  IF found_id IS NULL THEN
${FOLLOW_UPS}`,
  ],
  [FOLLOW_UPS_END, `${FOLLOW_UPS_END}  END IF;\n`],
);

export const HOST_QUEUE = `
CREATE FUNCTION hosted_queue(p_campaign bigint, p_caller bigint, p_at timestamptz)
RETURNS TABLE (record_id bigint, appointment_id bigint, meeting_at timestamptz, waiting boolean,
               company text, contact_name text, timezone text, phones text[])
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  -- A look, like queue_peek: nothing is taken (lease_next checks who the login acts for).
  RETURN QUERY
  SELECT a.record_id, a.id, a.at, a.at + ${secs(MEETING_LENGTH_MS)} < p_at, r.company, r.contact_name, r.timezone, ${DIALLABLE_NUMBERS('r')}
    FROM campaigns c JOIN callers k ON k.id = p_caller
    JOIN appointments a ON a.host = k.name AND a.at - ${secs(MEETING_DUE_BEFORE_MS)} <= p_at
    JOIN records r ON r.id = a.record_id AND r.campaign_id = c.id
    JOIN calls booked ON booked.id = a.call_id
   WHERE c.id = p_campaign AND looks_for(p_caller) AND ${PENDING_MEETING}
     AND (r.lease_until IS NULL OR r.lease_until <= now() OR r.leased_by = p_caller)
     AND window_open(c.calling_window, r.timezone, p_at)
   ORDER BY a.at + ${secs(MEETING_LENGTH_MS)} < p_at, a.at, a.id;
END $$;
${forOurRoles(HOSTED_QUEUE)}

${LEASE_NEXT}
${definer('lease_next(bigint, bigint, integer, timestamptz)')}

CREATE FUNCTION take_next(p_campaign bigint, p_caller bigint, p_lease_seconds integer, p_at timestamptz)
RETURNS TABLE (record_id bigint, lease_token uuid, lease_until timestamptz, company text, phones text[])
LANGUAGE sql ROWS 1 AS $$
  SELECT l.record_id, l.lease_token, l.lease_until, r.company, ${DIALLABLE_NUMBERS('r')}
    FROM lease_next(p_campaign, p_caller, p_lease_seconds, p_at) l JOIN records r ON r.id = l.record_id
$$;
${forOurRoles(TAKE_NEXT)}
`;

/**
 * The meetings `callerId` hosts in the campaign that the queue brings first at `at` (the
 * server's now by default), in its order: due ('meeting_due'), then 'waiting_for_outcome', as
 * solo's queueFor lists them. Nothing is taken. `query` runs one statement and gives its rows.
 */
export async function hostedQueue(
  query: <T extends pg.QueryResultRow>(sql: string, args: unknown[]) => Promise<T[]>,
  campaignId: number,
  callerId: number,
  at?: Date,
): Promise<QueueItem[]> {
  const rows = await query<{ id: string; company: string; contact_name: string; timezone: string; meeting_at: Date; waiting: boolean; phones: string[] }>(
    `SELECT record_id AS id, company, contact_name, timezone, meeting_at, waiting, phones
       FROM hosted_queue($1, $2, coalesce($3::timestamptz, now())) ORDER BY waiting, meeting_at, appointment_id`,
    [campaignId, callerId, at ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id), company: r.company, contactName: r.contact_name, tz: r.timezone,
    reason: r.waiting ? 'waiting_for_outcome' : 'meeting_due', dueAt: r.meeting_at.toISOString(), phones: r.phones,
  }));
}

/** `db.query`'s rows, for hostedQueue on a pool or client. */
export const rowsOf =
  (db: Queryable) =>
  async <T extends pg.QueryResultRow>(sql: string, args: unknown[]): Promise<T[]> =>
    (await db.query<T>(sql, args)).rows;
