/**
 * The team store's shift totals and outcome report (totals.ts over the team's calls): the calls
 * are grouped in PostgreSQL by what the timesheet columns look at, and counted with takes().
 */
import { getScheme } from '../../../shared/schemes/index.ts';
import { takes, word, type CountedCall } from '../counts.ts';
import { timesheetOf } from '../columns.ts';
import { dayspan, outcomeRows, totalsRows, type CodeCount, type OutcomeRow, type ShiftTotalsRow, type TotalsAgg, type TotalsQuery } from '../totals.ts';
import { checkZone, localZone } from '../zone.ts';
import { countedCall, fieldsSql, type Alike, type Query } from './team-reports.ts';

/**
 * The schemes of the calls from $1 to $2 (of caller $3 and campaign $4 when given): each scheme
 * any call has is asked for a call in the range, and the calls without a scheme of their own
 * give their campaign's. Team migration 18's index answers both without reading the range.
 */
const IN_RANGE = 'c.started_at >= $1 AND c.started_at < $2 AND ($3::bigint IS NULL OR c.caller_id = $3) AND ($4::bigint IS NULL OR c.campaign_id = $4)';
export const SCHEMES_IN_RANGE = `
  WITH RECURSIVE known AS (
    SELECT min(scheme_id) AS id FROM calls
    UNION ALL
    SELECT (SELECT min(c.scheme_id) FROM calls c WHERE c.scheme_id > known.id) FROM known WHERE known.id IS NOT NULL)
  SELECT id AS scheme_id FROM known WHERE EXISTS (SELECT 1 FROM calls c WHERE c.scheme_id = known.id AND ${IN_RANGE})
  UNION
  SELECT k.scheme_id FROM calls c JOIN campaigns k ON k.id = c.campaign_id WHERE c.scheme_id IS NULL AND ${IN_RANGE}
  ORDER BY 1`;

const isoOf = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export async function teamShiftTotals(q: Query, tq: TotalsQuery, clock: () => Date): Promise<ShiftTotalsRow[]> {
  const zone = checkZone(tq.zone ?? localZone());
  const { from, to } = dayspan(tq.from, tq.to, zone);
  const callerId = tq.caller === undefined ? null : ((await q<{ id: string }>('SELECT id FROM callers WHERE name = $1', [tq.caller.trim()]))[0]?.id ?? -1);
  const campaignId = tq.campaignId ?? null;
  // The columns are those of the schemes of the calls in the range (as in the SQLite store).
  const schemeIds = (await q<{ scheme_id: string | null }>(SCHEMES_IN_RANGE, [from, to, callerId, campaignId])).flatMap((r) =>
    r.scheme_id === null ? [] : [r.scheme_id],
  );
  const sheet = timesheetOf(schemeIds);
  // A group's scheme is read from its outcomes and level among the range's schemes (grouping by
  // the call's scheme would leave migration 11's index, which the groups come out of in order).
  const range = schemeIds.map(getScheme);
  const schemesOfGroup = (call: CountedCall): string[] =>
    range.filter((s) => s.levels.some((l) => l.id === call.level) && call.outcomes.every((o) => s.codes.some((c) => c.slug === o))).map((s) => s.id);
  // Calls grouped by what the timesheet columns look at: their outcomes, and the field values
  // the columns name (when they name any). A column counting a flag takes a group's calls that
  // carry it, counted as they are grouped: grouping by every call's flags (jsonb compared call
  // by call) cost a third of the grouping over a million calls.
  const counts = sheet.map((t) => t.counts);
  const grouped = ['level', 'pitched', 'new_lead', 'lead_kind', 'appointment', 'result', 'outcomes', ...(counts.some((k) => k.field) ? ['fields'] : [])];
  const flags = [...new Set(counts.flatMap((k) => (k.flag === undefined ? [] : [word(k.flag)])))];
  // As countedCall reads them: the flow's pitched is the call's column unless its flags say.
  const carries = (f: string) => `c.flags @> '{"${f}": true}'` + (f === 'pitched' ? ` OR (c.pitched AND NOT (c.flags ? 'pitched'))` : '');
  const carrying = `ARRAY[${flags.map((f) => `count(*) FILTER (WHERE ${carries(f)})`).join(', ')}]::int[] AS carrying`;
  const dimCols = grouped.map((d) => (d === 'fields' ? `${fieldsSql(counts)} AS fields` : `c.${d}`));
  const dims = dimCols.join(', ');
  const byDims = (first: number) => dimCols.map((_, i) => String(first + i)).join(', ');
  const inShifts = q<Group & { shift_start: Date; shift_end: Date | null }>(
    // The calls are grouped before they meet their shifts: one pass over them (a join first
    // fetched each shift's calls by index, 3 times slower over a million).
    `WITH s AS (SELECT * FROM shifts WHERE started_at >= $1 AND started_at < $2 AND ($3::bigint IS NULL OR caller_id = $3))
     SELECT 'shift:' || s.id AS key, k.name AS caller, s.started_at AS shift_start, s.ended_at AS shift_end, NULL::timestamptz AS first,
            ${grouped.map((d) => `c.${d}`).join(', ')}, c.carrying, coalesce(c.n, 0) AS n
     FROM s JOIN callers k ON k.id = s.caller_id
     LEFT JOIN (SELECT c.shift_id, ${dims}, ${carrying}, count(*)::int AS n FROM calls c
                WHERE c.shift_id IN (SELECT id FROM s) AND ($4::bigint IS NULL OR c.campaign_id = $4)
                GROUP BY 1, ${byDims(2)}) c ON c.shift_id = s.id`,
    [from, to, callerId, campaignId],
  );
  const outside = q<Group>(
    `SELECT 'day:' || c.caller_id || ':' || to_char(c.started_at AT TIME ZONE $5, 'YYYY-MM-DD') AS key, k.name AS caller,
            min(c.started_at) AS first, ${dims}, ${carrying}, count(*)::int AS n
     FROM calls c JOIN callers k ON k.id = c.caller_id
     WHERE c.shift_id IS NULL AND c.started_at >= $1 AND c.started_at < $2
       AND ($3::bigint IS NULL OR c.caller_id = $3) AND ($4::bigint IS NULL OR c.campaign_id = $4)
     GROUP BY 1, 2, ${byDims(4)}`,
    [from, to, callerId, campaignId, zone],
  );
  const aggs = new Map<string, TotalsAgg>();
  const perCode: CodeCount[] = [];
  // Both awaited together: a failure of one never leaves the other's rejection unheard.
  const [shiftGroups, dayGroups] = await Promise.all([inShifts, outside]);
  for (const g of [...shiftGroups, ...dayGroups] as (Group & { shift_start?: Date; shift_end?: Date | null })[]) {
    let a = aggs.get(g.key);
    if (!a) {
      a = { key: g.key, caller: g.caller, shiftStart: isoOf(g.shift_start ?? null), shiftEnd: isoOf(g.shift_end ?? null), firstCall: isoOf(g.first) };
      for (const t of sheet) a[t.column] = 0;
      aggs.set(g.key, a);
    }
    if (g.first && (!a.firstCall || g.first.toISOString() < a.firstCall)) a.firstCall = g.first.toISOString();
    if (g.n === 0 || g.result === null) continue;
    const call = countedCall({ ...g, flags: null, fields: g.fields ?? null });
    for (const { column, counts: { flag, ...rest } } of sheet) {
      const n = flag === undefined ? g.n : (g.carrying[flags.indexOf(flag)] ?? 0);
      if (takes(rest, call)) a[column] = Number(a[column] ?? 0) + n;
    }
    // Every chosen outcome has its column (as call_outcomes gives them in the SQLite store).
    const schemes = schemesOfGroup(call);
    for (const result of call.outcomes) perCode.push({ key: g.key, result, n: g.n, schemes });
  }
  // With a campaign, a shift without its calls is left out (as in the SQLite store).
  const keep = [...aggs.values()].filter((a) => campaignId === null || perCode.some((p) => p.key === a.key));
  return totalsRows(keep, perCode, zone, tq.now ?? clock(), schemeIds);
}

export async function teamOutcomes(q: Query, campaignId: number | undefined, oq: TotalsQuery): Promise<{ total: number; rows: OutcomeRow[] }> {
  const { from, to } = dayspan(oq.from, oq.to, checkZone(oq.zone ?? localZone()));
  const schemeIds = await q<{ scheme_id: string }>('SELECT DISTINCT scheme_id FROM campaigns WHERE $1::bigint IS NULL OR id = $1', [campaignId ?? null]);
  const calls = `c.started_at >= $1 AND c.started_at < $2 AND ($3::bigint IS NULL OR c.campaign_id = $3)
       AND ($4::text IS NULL OR c.caller_id = (SELECT id FROM callers WHERE name = $4))`;
  const args = [from, to, campaignId ?? null, oq.caller?.trim() ?? null];
  // Every outcome chosen for a call counts; the share is of the calls.
  const counts = await q<{ result: string; n: number }>(
    `SELECT u.o AS result, count(*)::int AS n FROM calls c CROSS JOIN unnest(c.outcomes) AS u(o) WHERE ${calls} GROUP BY u.o`,
    args,
  );
  const [total] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM calls c WHERE ${calls}`, args);
  return outcomeRows(counts, schemeIds.map((s) => getScheme(s.scheme_id)), total?.n ?? 0);
}

/** Calls of one shift or caller's day that look alike to the timesheet columns, and how many. */
interface Group extends Alike {
  key: string;
  /** How many of them carry each flag the columns count. */
  carrying: number[];
  caller: string;
  first: Date | null;
}
