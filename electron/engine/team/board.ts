/**
 * The supervisor's board: who is on shift, which record each desk holds now, and today's
 * totals per caller and for the team: dials, calls and records closed, and the columns of the
 * schemes of today's calls and of the records held (boardColumns), counted as the timesheet
 * counts them. "Today" is the day in the zone the board is shown in (named on screen); leases
 * count by server time.
 */
import { takes } from '../counts.ts';
import { UserError } from '../errors.ts';
import { alikeCalls, countedCall } from '../store/team-reports.ts';
import { isValidTimeZone } from '../timezones.ts';
import { boardColumns, BOARD_OWN } from '../columns.ts';
import { dayIn } from '../zone.ts';
import type { Queryable } from './admin.ts';
import type { BoardDesk, BoardTotals, TeamBoard } from '../../../shared/ipc/types.ts';
import { SCHEMES } from '../../../shared/schemes/index.ts';

interface Row {
  caller_id: string;
  name: string;
  shift_started_at: Date | null;
  record_id: string | null;
  company: string | null;
  campaign: string | null;
  /** The scheme of the campaign of the record held. */
  held_scheme: string | null;
  lease_until: Date | null;
  dials: number;
  calls: number;
  closed: number;
  at: Date;
}

const SCHEME_IDS = SCHEMES.map((s) => s.id);

/** Callers on shift, holding a record or with work today, by name. */
export async function teamBoard(db: Queryable, zone: string): Promise<TeamBoard> {
  if (!isValidTimeZone(zone)) throw new UserError(`"${zone}" is not a time zone.`);
  const { rows } = await db.query<Row>(
    `WITH since AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS t),
     c AS (SELECT caller_id, count(*)::int AS calls, count(*) FILTER (WHERE closes AND NOT late)::int AS closed
           FROM calls WHERE started_at >= (SELECT t FROM since) GROUP BY caller_id),
     d AS (SELECT caller_id, count(*)::int AS dials FROM dials WHERE at >= (SELECT t FROM since) GROUP BY caller_id),
     s AS (SELECT DISTINCT ON (caller_id) caller_id, started_at FROM shifts WHERE ended_at IS NULL ORDER BY caller_id, started_at DESC),
     h AS (SELECT DISTINCT ON (r.leased_by) r.leased_by AS caller_id, r.id, r.company, m.name AS campaign, m.scheme_id AS held_scheme, r.lease_until
           FROM records r JOIN campaigns m ON m.id = r.campaign_id
           WHERE r.leased_by IS NOT NULL AND r.lease_until > now() ORDER BY r.leased_by, r.lease_until DESC)
     SELECT k.id AS caller_id, k.name, s.started_at AS shift_started_at, h.id AS record_id, h.company, h.campaign, h.held_scheme, h.lease_until,
            coalesce(d.dials, 0) AS dials, coalesce(c.calls, 0) AS calls, coalesce(c.closed, 0) AS closed, now() AS at
     FROM callers k
     LEFT JOIN s ON s.caller_id = k.id LEFT JOIN h ON h.caller_id = k.id
     LEFT JOIN c ON c.caller_id = k.id LEFT JOIN d ON d.caller_id = k.id
     WHERE s.caller_id IS NOT NULL OR h.caller_id IS NOT NULL OR c.caller_id IS NOT NULL OR d.caller_id IS NOT NULL
     ORDER BY k.name`,
    [zone],
  );
  const at = rows[0]?.at ?? (await db.query<{ at: Date }>('SELECT now() AS at')).rows[0]?.at ?? new Date();
  // Today's calls grouped by caller, scheme and what the schemes' columns look at.
  const day = dayIn(at, zone);
  const all = boardColumns(SCHEME_IDS);
  const groups = await alikeCalls(async (sql, args) => (await db.query(sql, args)).rows, { from: day, to: day, zone }, all.map((c) => c.counts));
  const schemeIds = [...new Set([...groups.map((g) => g.scheme), ...rows.map((r) => r.held_scheme)].filter((x): x is string => x !== null))];
  const columns = boardColumns(schemeIds);
  const counted = new Map<string, Record<string, number>>();
  for (const g of groups) {
    const mine = counted.get(g.who) ?? {};
    const call = countedCall(g);
    for (const c of boardColumns(g.scheme === null ? [] : [g.scheme])) if (takes(c.counts, call)) mine[c.column] = (mine[c.column] ?? 0) + g.n;
    counted.set(g.who, mine);
  }
  const team: BoardTotals = Object.fromEntries([...BOARD_OWN, ...columns.map((c) => c.column)].map((k) => [k, 0]));
  const desks = rows.map((r): BoardDesk => {
    const totals: BoardTotals = { dials: r.dials, calls: r.calls, ...Object.fromEntries(columns.map((c) => [c.column, counted.get(r.name)?.[c.column] ?? 0])), closed: r.closed };
    for (const k of Object.keys(team)) team[k] = (team[k] ?? 0) + (totals[k] ?? 0);
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
  return { at: at.toISOString(), zone, columns: columns.map((c) => ({ key: c.column, label: c.bar ?? c.label })), desks, team };
}
