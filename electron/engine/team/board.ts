/**
 * The supervisor's board: who is on shift, which record each desk holds now, and today's
 * totals per caller and for the team, read from the team database in one query. "Today" is
 * the day in the zone the board is shown in (named on screen); leases count by server time.
 */
import { UserError } from '../errors.ts';
import { isValidTimeZone } from '../timezones.ts';
import type { Queryable } from './admin.ts';
import type { BoardDesk, BoardTotals, TeamBoard } from '../../../shared/ipc/types.ts';

interface Row {
  caller_id: string;
  name: string;
  shift_started_at: Date | null;
  record_id: string | null;
  company: string | null;
  campaign: string | null;
  lease_until: Date | null;
  dials: number;
  calls: number;
  pitches: number;
  closed: number;
  at: Date;
}

/** Callers on shift, holding a record or with work today, by name. */
export async function teamBoard(db: Queryable, zone: string): Promise<TeamBoard> {
  if (!isValidTimeZone(zone)) throw new UserError(`"${zone}" is not a time zone.`);
  const { rows } = await db.query<Row>(
    `WITH since AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS t),
     c AS (SELECT caller_id, count(*)::int AS calls, count(*) FILTER (WHERE pitched)::int AS pitches,
                  count(*) FILTER (WHERE closes AND NOT late)::int AS closed
           FROM calls WHERE started_at >= (SELECT t FROM since) GROUP BY caller_id),
     d AS (SELECT caller_id, count(*)::int AS dials FROM dials WHERE at >= (SELECT t FROM since) GROUP BY caller_id),
     s AS (SELECT DISTINCT ON (caller_id) caller_id, started_at FROM shifts WHERE ended_at IS NULL ORDER BY caller_id, started_at DESC),
     h AS (SELECT DISTINCT ON (r.leased_by) r.leased_by AS caller_id, r.id, r.company, m.name AS campaign, r.lease_until
           FROM records r JOIN campaigns m ON m.id = r.campaign_id
           WHERE r.leased_by IS NOT NULL AND r.lease_until > now() ORDER BY r.leased_by, r.lease_until DESC)
     SELECT k.id AS caller_id, k.name, s.started_at AS shift_started_at, h.id AS record_id, h.company, h.campaign, h.lease_until,
            coalesce(d.dials, 0) AS dials, coalesce(c.calls, 0) AS calls, coalesce(c.pitches, 0) AS pitches,
            coalesce(c.closed, 0) AS closed, now() AS at
     FROM callers k
     LEFT JOIN s ON s.caller_id = k.id LEFT JOIN h ON h.caller_id = k.id
     LEFT JOIN c ON c.caller_id = k.id LEFT JOIN d ON d.caller_id = k.id
     WHERE s.caller_id IS NOT NULL OR h.caller_id IS NOT NULL OR c.caller_id IS NOT NULL OR d.caller_id IS NOT NULL
     ORDER BY k.name`,
    [zone],
  );
  const team: BoardTotals = { dials: 0, calls: 0, pitches: 0, closed: 0 };
  const desks = rows.map((r): BoardDesk => {
    const totals = { dials: r.dials, calls: r.calls, pitches: r.pitches, closed: r.closed };
    for (const k of Object.keys(team) as (keyof BoardTotals)[]) team[k] += totals[k];
    return {
      callerId: Number(r.caller_id),
      name: r.name,
      shiftStartedAt: r.shift_started_at?.toISOString() ?? null,
      holding:
        r.record_id === null || r.lease_until === null
          ? null
          : { recordId: Number(r.record_id), company: r.company ?? '', campaign: r.campaign ?? '', leaseUntil: r.lease_until.toISOString() },
      totals,
    };
  });
  const at = rows[0]?.at ?? (await db.query<{ at: Date }>('SELECT now() AS at')).rows[0]?.at ?? new Date();
  return { at: at.toISOString(), zone, desks, team };
}
