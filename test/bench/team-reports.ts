/**
 * The shift totals and the outcome report over a team database, as the benchmark measures
 * them until the team store has its own (the store's reports replace these). The columns are
 * the schemes' timesheet columns; a team call stores its result, level and whether it was
 * pitched, so a lead or an appointment is counted by the results that count as one.
 */
import type pg from 'pg';
import { csvLine } from '../../shared/csv.ts';
import { SCHEMES, TIMESHEET_COLUMNS } from '../../shared/schemes/registry.ts';
import type { CallCount } from '../../shared/schemes/types.ts';
import { dayspan, localDate } from '../../electron/engine/totals.ts';

const CODES = SCHEMES.flatMap((s) => s.codes);

/** A timesheet column's count as SQL over calls `c`, its values bound as parameters. */
function condition(counts: CallCount, args: unknown[]): string {
  const param = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  const parts: string[] = [];
  if (counts.level) parts.push(`c.level = ${param(counts.level)}`);
  if (counts.levels) parts.push(`c.level = ANY(${param(counts.levels)}::text[])`);
  if (counts.pitched) parts.push('c.pitched');
  if (counts.newLead || counts.leadKind) {
    const codes = CODES.filter((code) => code.counts === 'lead' && (!counts.leadKind || code.leadKind === counts.leadKind)).map((code) => code.slug);
    parts.push(`c.result = ANY(${param(codes)}::text[])`);
  }
  if (counts.appointment) parts.push(`c.result = ANY(${param(CODES.filter((code) => code.counts === 'appointment').map((code) => code.slug))}::text[])`);
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Each shift that started in the days (in `zone`) with its counts, as CSV. */
export async function teamShiftTotals(db: pg.Pool, days: { from: string; to: string }, zone: string): Promise<{ csv: string; shifts: number; calls: number }> {
  const { from, to } = dayspan(days.from, days.to, zone);
  const args: unknown[] = [from, to];
  const columns = TIMESHEET_COLUMNS.map((c) => `count(c.id) FILTER (WHERE ${condition(c.counts, args)})::int AS "${c.column}"`);
  const { rows } = await db.query<Record<string, unknown> & { caller: string; started_at: Date; ended_at: Date | null }>(
    `SELECT cl.name AS caller, s.started_at, s.ended_at, ${columns.join(', ')}
     FROM shifts s JOIN callers cl ON cl.id = s.caller_id
     LEFT JOIN calls c ON c.caller_id = s.caller_id AND c.started_at >= s.started_at AND c.started_at < coalesce(s.ended_at, now())
     WHERE s.started_at >= $1 AND s.started_at < $2
     GROUP BY s.id, cl.name ORDER BY s.started_at, cl.name`,
    args,
  );
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const lines = [csvLine(['date', 'caller', 'start', 'end', 'hours', ...TIMESHEET_COLUMNS.map((c) => c.column)])];
  let calls = 0;
  for (const r of rows) {
    const end = r.ended_at ?? new Date();
    calls += Number(r[TIMESHEET_COLUMNS[0]?.column ?? ''] ?? 0);
    lines.push(
      csvLine([
        localDate(r.started_at, zone), r.caller, time.format(r.started_at), time.format(end),
        Math.round(((end.getTime() - r.started_at.getTime()) / 3_600_000) * 100) / 100,
        ...TIMESHEET_COLUMNS.map((c) => Number(r[c.column] ?? 0)),
      ]),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, shifts: rows.length, calls };
}

/** How many calls in the days (in `zone`) had each result, most first. */
export async function teamOutcomes(db: pg.Pool, days: { from: string; to: string }, zone: string): Promise<{ total: number; rows: { result: string; label: string; calls: number }[] }> {
  const { from, to } = dayspan(days.from, days.to, zone);
  const { rows } = await db.query<{ result: string; n: number }>(
    'SELECT result, count(*)::int AS n FROM calls WHERE started_at >= $1 AND started_at < $2 GROUP BY result ORDER BY n DESC, result',
    [from, to],
  );
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return { total, rows: rows.map((r) => ({ result: r.result, label: CODES.find((c) => c.slug === r.result)?.label ?? r.result, calls: r.n })) };
}
