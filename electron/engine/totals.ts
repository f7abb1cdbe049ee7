import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { csvText } from '../../shared/csv.ts';
import { getScheme, SCHEMES, TIMESHEET_COLUMNS, type OutcomeScheme } from '../../shared/schemes/index.ts';
import { countSql, takes, word } from './counts.ts';
import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { checkZone, dayIn, dayRange, localZone, timeIn } from './zone.ts';

/**
 * Shift totals for timesheet entry, per caller and shift (DOMAIN.md): start, end, hours,
 * dials, contacts at reception and DM level, pitches, leads by kind and in total,
 * appointments, and a count per result code. Calls logged outside a shift (entered from the
 * command line afterwards) are totalled per caller and day.
 */

export const TOTAL_COLUMNS: readonly string[] = [
  'date', 'caller', 'shift_start', 'shift_end', 'shift', 'time_zone', 'hours', ...TIMESHEET_COLUMNS.map((c) => c.column),
];
/** The columns that hold words, not counts. */
export const TEXT_COLUMNS: readonly string[] = ['date', 'caller', 'shift_start', 'shift_end', 'shift', 'time_zone'];

/** What the `shift` column says of a row. */
export const SHIFT_STATE = { ended: 'ended', open: 'open (hours so far)', outside: 'calls outside any shift' } as const;

export type ShiftTotalsRow = Record<string, string | number>;

/**
 * The per-code columns: `result_` and every result code slug of every scheme, in scheme order.
 * The prefix keeps them apart from the lead-kind columns (`email_follow_up` counts new leads
 * of that kind; `result_email_follow_up` counts every call logged with that code).
 */
export function resultColumns(): string[] {
  const seen = new Set<string>();
  for (const s of SCHEMES) for (const c of s.codes) seen.add(`result_${c.slug}`);
  return [...seen];
}

/** Calendar date of an instant, YYYY-MM-DD, in `zone` (this machine's by default). */
export function localDate(d: Date, zone = localZone()): string {
  return dayIn(d, zone);
}

/** From and to days, both included, as instants in `zone`. */
export function dayspan(from: string, to: string, zone: string): { from: string; to: string } {
  const start = dayRange(from, zone, 'from date').start;
  const end = dayRange(to, zone, 'to date').end;
  if (end <= start) throw new UserError(`The range ends (${to}) before it starts (${from}).`);
  return { from: start.toISOString(), to: end.toISOString() };
}

export interface TotalsQuery {
  from: string;
  to: string;
  caller?: string;
  /** The zone days and times are read and written in; this machine's by default. */
  zone?: string;
  /** Until when an open shift's hours run; now by default. */
  now?: Date;
  /** Only calls of this campaign count; shifts without one are left out. */
  campaignId?: number;
}

/** A shift's (or a caller's day's) calls: who and when, and each timesheet column's count. */
export interface TotalsAgg {
  key: string;
  caller: string;
  shiftStart: string | null;
  shiftEnd: string | null;
  firstCall: string | null;
  [column: string]: string | number | null;
}

const SUMS = `${TIMESHEET_COLUMNS.map((t) => `${countSql(t.counts)} AS "${word(t.column)}"`).join(',\n  ')},
  min(c.started_at) AS firstCall`;

/**
 * One row per shift that started in the range (a shift past midnight stays on the day it
 * started), and one per caller and day for calls outside every shift of their caller. An open
 * shift has no end and its hours so far. Days and times are in `q.zone`, named in each row.
 */
export function shiftTotals(db: DB, q: TotalsQuery): ShiftTotalsRow[] {
  const zone = checkZone(q.zone ?? localZone());
  const now = q.now ?? new Date();
  const { from, to } = dayspan(q.from, q.to, zone);
  let callerId: number | null = null;
  if (q.caller !== undefined) {
    callerId = (db.prepare('SELECT id FROM callers WHERE name = ?').pluck().get(q.caller.trim()) as number | undefined) ?? -1;
  }
  const callerFilter = callerId === null ? '' : 'AND s.caller_id = @callerId';
  const campaignId = q.campaignId ?? null;
  const ofCampaign = campaignId === null ? '' : 'AND c.campaign_id = @campaignId';

  // Shifts that started in the range, with their calls.
  const shifts = db
    .prepare(
      `SELECT 'shift:' || s.id AS key, k.name AS caller, s.started_at AS shiftStart, s.ended_at AS shiftEnd, ${SUMS}
       FROM shifts s JOIN callers k ON k.id = s.caller_id LEFT JOIN calls c ON c.shift_id = s.id ${ofCampaign}
       WHERE s.started_at >= @from AND s.started_at < @to ${callerFilter}
       GROUP BY s.id ${campaignId === null ? '' : 'HAVING count(c.id) > 0'} ORDER BY s.started_at, k.name`,
    )
    .all({ from, to, callerId, campaignId }) as TotalsAgg[];
  const perCode = db
    .prepare(
      `SELECT 'shift:' || s.id AS key, c.result, count(*) AS n FROM shifts s JOIN calls c ON c.shift_id = s.id
       WHERE s.started_at >= @from AND s.started_at < @to ${callerFilter} ${ofCampaign} GROUP BY s.id, c.result`,
    )
    .all({ from, to, callerId, campaignId }) as { key: string; result: string; n: number }[];

  // Calls outside every shift, per caller and day.
  const loose = db
    .prepare(
      `SELECT c.caller_id AS callerId, k.name AS caller, c.started_at AS startedAt,
              c.contact_level AS level, c.pitched, c.new_lead AS newLead, c.lead_kind AS leadKind,
              c.appointment, c.result
       FROM calls c JOIN callers k ON k.id = c.caller_id
       WHERE c.shift_id IS NULL AND c.started_at >= @from AND c.started_at < @to
         ${callerId === null ? '' : 'AND c.caller_id = @callerId'} ${ofCampaign}
       ORDER BY c.started_at`,
    )
    .iterate({ from, to, callerId, campaignId }) as IterableIterator<{
    callerId: number; caller: string; startedAt: string; level: string; pitched: number;
    newLead: number; leadKind: string | null; appointment: number; result: string;
  }>;
  const looseAgg = new Map<string, TotalsAgg>();
  for (const c of loose) {
    const key = `day:${c.callerId}:${dayIn(new Date(c.startedAt), zone)}`;
    let a = looseAgg.get(key);
    if (!a) {
      a = { key, caller: c.caller, shiftStart: null, shiftEnd: null, firstCall: c.startedAt };
      for (const t of TIMESHEET_COLUMNS) a[t.column] = 0;
      looseAgg.set(key, a);
    }
    for (const t of TIMESHEET_COLUMNS) if (takes(t.counts, c)) a[t.column] = Number(a[t.column] ?? 0) + 1;
    perCode.push({ key, result: c.result, n: 1 });
  }

  return totalsRows([...shifts, ...looseAgg.values()], perCode, zone, now);
}

/**
 * The timesheet rows of shifts and callers' days (`aggs`) with their per-code counts (`perCode`,
 * by the aggregate's key), in `zone`, sorted by start and caller: the same for either store.
 */
export function totalsRows(aggs: readonly TotalsAgg[], perCode: readonly { key: string; result: string; n: number }[], zone: string, now: Date): ShiftTotalsRow[] {
  const codes = resultColumns();
  const counts = new Map<string, Map<string, number>>();
  for (const p of perCode) {
    let m = counts.get(p.key);
    if (!m) counts.set(p.key, (m = new Map()));
    m.set(p.result, (m.get(p.result) ?? 0) + p.n);
  }
  const rows = aggs.map((a): ShiftTotalsRow & { _sort: string } => {
    const start = a.shiftStart ?? a.firstCall ?? '';
    const hoursUntil = a.shiftStart ? (a.shiftEnd ?? (now.toISOString() > a.shiftStart ? now.toISOString() : a.shiftStart)) : null;
    const hours = a.shiftStart && hoursUntil ? Math.round(((Date.parse(hoursUntil) - Date.parse(a.shiftStart)) / 3_600_000) * 100) / 100 : 0;
    const state = !a.shiftStart ? SHIFT_STATE.outside : a.shiftEnd ? SHIFT_STATE.ended : SHIFT_STATE.open;
    const row: ShiftTotalsRow & { _sort: string } = {
      _sort: `${start}|${a.caller}`,
      date: start ? dayIn(new Date(start), zone) : '',
      caller: a.caller,
      shift_start: a.shiftStart ? timeIn(new Date(a.shiftStart), zone) : '',
      shift_end: a.shiftEnd ? timeIn(new Date(a.shiftEnd), zone) : '',
      shift: state,
      time_zone: zone,
      hours,
    };
    for (const t of TIMESHEET_COLUMNS) row[t.column] = Number(a[t.column] ?? 0);
    const m = counts.get(a.key);
    for (const column of codes) row[column] = m?.get(column.slice('result_'.length)) ?? 0;
    return row;
  });
  rows.sort((x, y) => x._sort.localeCompare(y._sort));
  return rows.map(({ _sort, ...row }) => (void _sort, row));
}

export function totalsColumns(): string[] {
  return [...TOTAL_COLUMNS, ...resultColumns()];
}

/** One line to paste into a timesheet, in the row's zone. */
export function summaryLine(row: ShiftTotalsRow): string {
  const n = (k: string) => Number(row[k] ?? 0);
  const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const time = (v: string | number | undefined) => String(v ?? '').slice(11);
  const hours = Number(row['hours']).toFixed(2);
  const when =
    row['shift'] === SHIFT_STATE.outside
      ? 'outside any shift'
      : row['shift'] === SHIFT_STATE.open
        ? `${time(row['shift_start'])}-open (${hours} h so far)`
        : `${time(row['shift_start'])}-${time(row['shift_end'])}${String(row['shift_end']).slice(0, 10) !== row['date'] ? ` ${String(row['shift_end']).slice(0, 10)}` : ''} (${hours} h)`;
  return (
    `${row['date']} ${row['caller']} ${when}: ` +
    `${plural(n('dials'), 'dial')}, ${n('reception_contacts')} reception, ${n('dm_contacts')} DM, ` +
    `${plural(n('pitches'), 'pitch', 'pitches')}, ${plural(n('leads'), 'lead')} ` +
    `(${TIMESHEET_COLUMNS.filter((c) => c.counts.leadKind !== undefined).map((c) => `${c.words ?? c.label} ${n(c.column)}`).join(', ')}), ` +
    `${plural(n('appointments'), 'appointment')}`
  );
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export async function writeTotals(rows: ShiftTotalsRow[], format: ExportFormat, file: string): Promise<void> {
  const columns = totalsColumns();
  if (format === 'json') {
    writeFileSync(file, JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? 0]))), null, 2) + '\n');
  } else if (format === 'csv') {
    writeFileSync(file, csvText([columns, ...rows.map((r) => columns.map((c) => r[c] ?? 0))]));
  } else if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Outcall';
    const ws = wb.addWorksheet('Shift totals', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(10, c.length + 2) }));
    for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c, r[c] ?? 0])));
    ws.getRow(1).font = { bold: true };
    await wb.xlsx.writeFile(file);
  } else {
    throw new UserError(`Unknown format "${String(format)}": use csv, xlsx or json.`);
  }
}

export interface OutcomeRow {
  result: string;
  label: string;
  weight: string;
  calls: number;
  share: number;
}

/** The outcome mix of a campaign (or of every campaign) over a date range, optionally for one caller. */
export function outcomeMix(db: DB, campaignId: number | undefined, q: TotalsQuery): { total: number; rows: OutcomeRow[] } {
  const { from, to } = dayspan(q.from, q.to, checkZone(q.zone ?? localZone()));
  const schemeIds = (
    campaignId === undefined
      ? db.prepare('SELECT DISTINCT scheme_id FROM campaigns').pluck().all()
      : db.prepare('SELECT scheme_id FROM campaigns WHERE id = ?').pluck().all(campaignId)
  ) as string[];
  const schemes = schemeIds.map((id) => getScheme(id));
  const args: (string | number)[] = [from, to];
  let campaignSql = '';
  if (campaignId !== undefined) {
    campaignSql = 'AND campaign_id = ?';
    args.push(campaignId);
  }
  let callerSql = '';
  if (q.caller !== undefined) {
    callerSql = 'AND caller_id = (SELECT id FROM callers WHERE name = ?)';
    args.push(q.caller.trim());
  }
  const counts = db
    .prepare(
      `SELECT result, count(*) AS n FROM calls WHERE started_at >= ? AND started_at < ? ${campaignSql} ${callerSql}
       GROUP BY result`,
    )
    .all(...args) as { result: string; n: number }[];
  return outcomeRows(counts, schemes);
}

/** Calls per result as the outcome mix: each result's label and reporting weight in its scheme, and its share. */
export function outcomeRows(counts: readonly { result: string; n: number }[], schemes: readonly OutcomeScheme[]): { total: number; rows: OutcomeRow[] } {
  const total = counts.reduce((s, c) => s + c.n, 0);
  const rows = counts
    .map((c) => {
      const code = schemes.flatMap((s) => s.codes).find((x) => x.slug === c.result);
      return {
        result: c.result,
        label: code?.label ?? c.result,
        weight: code?.weight ?? 'neutral',
        calls: c.n,
        share: total ? Math.round((c.n / total) * 1000) / 10 : 0,
      };
    })
    .sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label));
  return { total, rows };
}
