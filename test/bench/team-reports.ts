/**
 * The shift totals and the outcome report over a team database, as the benchmark measures
 * them until the team store has its own (the store's reports replace these). The columns are
 * the schemes' timesheet columns; a team call stores its result, level and whether it was
 * pitched, so a lead or an appointment is counted by the results that count as one.
 * (A lead counts here per call, not once per record as the SQLite totals count it.)
 */
import type pg from 'pg';
import { csvLine } from '../../shared/csv.ts';
import { SCHEMES, TIMESHEET_COLUMNS } from '../../shared/schemes/registry.ts';
import type { CallCount } from '../../shared/schemes/types.ts';
import { dayspan, localDate } from '../../electron/engine/totals.ts';

const CODES = SCHEMES.flatMap((s) => s.codes);

/** Whether a call of this result, level and pitch counts in a timesheet column. */
function counts(c: CallCount, call: { result: string; level: string; pitched: boolean }): boolean {
  const code = CODES.find((x) => x.slug === call.result);
  if (c.level && call.level !== c.level) return false;
  if (c.levels && !c.levels.some((l) => l === call.level)) return false;
  if (c.flag && !(c.flag === 'pitched' && call.pitched)) return false;
  if ((c.newLead || c.leadKind) && (code?.counts !== 'lead' || (c.leadKind && code.leadKind !== c.leadKind))) return false;
  if (c.appointment && code?.counts !== 'appointment') return false;
  return true;
}

/**
 * Each shift that started in the days (in `zone`) with its counts, as CSV. The database counts
 * each shift's calls by result, level and pitch (a few dozen groups a shift); the columns are
 * summed from those here.
 */
export async function teamShiftTotals(db: pg.Pool, days: { from: string; to: string }, zone: string): Promise<{ csv: string; shifts: number; calls: number }> {
  const { from, to } = dayspan(days.from, days.to, zone);
  const [shifts, groups] = await Promise.all([
    db.query<{ id: string; caller: string; started_at: Date; ended_at: Date | null }>(
      `SELECT s.id, cl.name AS caller, s.started_at, s.ended_at FROM shifts s JOIN callers cl ON cl.id = s.caller_id
       WHERE s.started_at >= $1 AND s.started_at < $2 ORDER BY s.started_at, cl.name`,
      [from, to],
    ),
    db.query<{ shift: string; result: string; level: string; pitched: boolean; n: number }>(
      `SELECT s.id AS shift, c.result, c.level, c.pitched, count(*)::int AS n
       FROM shifts s JOIN calls c ON c.caller_id = s.caller_id AND c.started_at >= s.started_at AND c.started_at < coalesce(s.ended_at, now())
       WHERE s.started_at >= $1 AND s.started_at < $2
       GROUP BY 1, 2, 3, 4`,
      [from, to],
    ),
  ]);
  const totals = new Map<string, number[]>();
  let calls = 0;
  for (const g of groups.rows) {
    calls += g.n;
    const row = totals.get(g.shift) ?? TIMESHEET_COLUMNS.map(() => 0);
    TIMESHEET_COLUMNS.forEach((c, i) => {
      if (counts(c.counts, g)) row[i] = (row[i] ?? 0) + g.n;
    });
    totals.set(g.shift, row);
  }
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const lines = [csvLine(['date', 'caller', 'start', 'end', 'hours', ...TIMESHEET_COLUMNS.map((c) => c.column)])];
  for (const r of shifts.rows) {
    const end = r.ended_at ?? new Date();
    const row = totals.get(r.id) ?? TIMESHEET_COLUMNS.map(() => 0);
    const hours = Math.round(((end.getTime() - r.started_at.getTime()) / 3_600_000) * 100) / 100;
    lines.push(csvLine([localDate(r.started_at, zone), r.caller, time.format(r.started_at), time.format(end), hours, ...row]));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, shifts: shifts.rows.length, calls };
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
