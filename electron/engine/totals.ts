import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { csvText } from '../../shared/csv.ts';
import { getScheme, SCHEMES, type OutcomeScheme, type TimesheetColumn } from '../../shared/schemes/index.ts';
import { schemesOf, timesheetOf } from './columns.ts';
import { literal, matchSql, takes, word, type CountedCall } from './counts.ts';
import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { checkZone, dayIn, dayRange, localZone, timeIn } from './zone.ts';

/**
 * Shift totals for timesheet entry, per caller and shift (DOMAIN.md): start, end, hours,
 * dials, contacts at reception and DM level, pitches, leads by kind and in total,
 * appointments, and a count per result code. Calls logged outside a shift (entered from the
 * command line afterwards) are totalled per caller and day.
 */

/** The columns that hold words, not counts. */
export const TEXT_COLUMNS: readonly string[] = ['date', 'caller', 'shift_start', 'shift_end', 'shift', 'time_zone'];

/** What the `shift` column says of a row. */
export const SHIFT_STATE = { ended: 'ended', open: 'open (hours so far)', outside: 'calls outside any shift' } as const;

/**
 * The schemes with dimensions, as an SQL list. Every chosen outcome counts: a call of a scheme
 * with one outcome per call has its result as its one outcome, so only calls of schemes with
 * dimensions are looked up in call_outcomes.
 */
export const SEVERAL = `(${SCHEMES.filter((x) => x.dimensions).map((x) => literal(x.id)).join(', ')})`;

/** Calls of a shift alike in everything its counts look at, and how many. */
export interface CallGroup {
  key: string;
  result: string;
  scheme_id: string;
  contact_level: string;
  flags: string;
  new_lead: number;
  lead_kind: string | null;
  appointment: number;
  fields?: string;
  /** JSON: every outcome, for a call of a scheme with dimensions. */
  outcomes: string | null;
  n: number;
}

/** A group's calls as a count looks at them (the same conditions as the SQL of counts.ts). */
export const countedCall = (g: CallGroup): CountedCall => ({
  level: g.contact_level,
  flags: JSON.parse(g.flags) as Record<string, boolean>,
  outcomes: g.outcomes === null ? [g.result] : (JSON.parse(g.outcomes) as string[]),
  newLead: g.new_lead === 1,
  leadKind: g.lead_kind,
  appointment: g.appointment === 1,
  ...(g.fields === undefined ? {} : { fields: JSON.parse(g.fields) as Record<string, unknown> }),
});

/**
 * The calls of `schemes` with one of their outcomes as result, as an SQL condition over the
 * calls `c`: each result of each scheme is then a stretch of the index calls_campaign_outcome.
 */
function ofSchemes(schemes: readonly OutcomeScheme[]): string {
  if (schemes.length === 0) return '0';
  return `c.scheme_id IN (${schemes.map((s) => literal(s.id)).join(', ')}) AND c.result IN (${[...new Set(schemes.flatMap((s) => s.codes.map((c) => literal(c.slug))))].join(', ')})`;
}

/** The calls that started in the range, of one campaign or of every one (campaign by campaign), of one caller or all, as an SQL condition over `c`. */
function callsIn(campaignId: number | null, callerId: number | null): string {
  return `${campaignId === null ? 'c.campaign_id IN (SELECT id FROM campaigns)' : 'c.campaign_id = @campaignId'}
    AND c.started_at >= @from AND c.started_at < @to ${callerId === null ? '' : 'AND c.caller_id = @callerId'}`;
}

export type ShiftTotalsRow = Record<string, string | number>;

/** A call's outcome counted for a row (by the row's key), with the scheme the call was logged with (those it may have been, when only its outcomes tell). */
export interface CodeCount {
  key: string;
  result: string;
  n: number;
  schemes: readonly string[];
}

/**
 * The schemes each row's calls were logged with, kept beside the row rather than in it: a row's
 * columns are what exports write, and they stay those of the timesheet.
 */
const ROW_SCHEMES = new WeakMap<ShiftTotalsRow, readonly string[]>();

/** The schemes of a totals row's calls, in the order they came (none for a row without calls, or one passed through IPC). */
export const rowSchemes = (row: ShiftTotalsRow): readonly string[] => ROW_SCHEMES.get(row) ?? [];

/**
 * The per-code columns: `result_` and every result code slug of every scheme, in scheme order.
 * The prefix keeps them apart from a timesheet column of the same name (a lead-kind column
 * counts new leads of that kind; `result_` and the code's slug counts every call logged with it).
 */
export function resultColumns(schemeIds: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const s of schemesOf(schemeIds)) for (const c of s.codes) seen.add(`result_${c.slug}`);
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
  // (+: a campaign's calls are found through their shifts, not through the campaign's index.)
  const ofCampaign = campaignId === null ? '' : 'AND +c.campaign_id = @campaignId';

  // The columns are those of the schemes of the calls in the range (a result a scheme no
  // longer has does not bring its columns).
  const schemeIds = SCHEMES.filter(
    (s) => db.prepare(`SELECT EXISTS (SELECT 1 FROM calls c WHERE ${callsIn(campaignId, callerId)} AND ${ofSchemes([s])})`).pluck().get({ from, to, callerId, campaignId }) === 1,
  ).map((s) => s.id);
  const sheet = timesheetOf(schemeIds);

  // Shifts that started in the range, then their calls grouped by shift and by everything the
  // timesheet columns look at, in one pass over the index that holds all of it in that order
  // (calls_shift_totals); the columns are counted from the groups.
  const params = { from, to, callerId, campaignId };
  const shiftRows = db
    .prepare(
      `SELECT 'shift:' || s.id AS key, k.name AS caller, s.started_at AS shiftStart, s.ended_at AS shiftEnd, NULL AS firstCall
       FROM shifts s JOIN callers k ON k.id = s.caller_id WHERE s.started_at >= @from AND s.started_at < @to ${callerFilter}
       ORDER BY s.started_at, k.name`,
    )
    .all(params) as TotalsAgg[];
  const inShifts = `c.shift_id IN (SELECT id FROM shifts s WHERE s.started_at >= @from AND s.started_at < @to ${callerFilter}) ${ofCampaign}`;
  // What the counts look at, in the index's order (the fields, out of it, only when a column counts by one).
  const looks = `c.result, c.scheme_id, c.contact_level, c.flags, c.pitched, c.new_lead, c.lead_kind, c.appointment${sheet.some((t) => t.counts.field) ? ', c.fields' : ''}`;
  // A call of a scheme with dimensions has its outcomes looked up (a second pass) only when
  // calls of such a scheme are in the range.
  const withDimensions = SCHEMES.some((x) => x.dimensions && schemeIds.includes(x.id));
  const looked = looks.replace(/c\./g, '');
  const groups = db
    .prepare(
      `SELECT 'shift:' || c.shift_id AS key, ${looks}, NULL AS outcomes, count(*) AS n FROM calls c
       WHERE ${inShifts} GROUP BY c.shift_id, ${looks}`,
    )
    .all(params) as CallGroup[];
  if (withDimensions) {
    const several = new Set(SCHEMES.filter((x) => x.dimensions).map((x) => x.id));
    groups.splice(0, groups.length, ...groups.filter((g) => !several.has(g.scheme_id)));
    groups.push(
      ...(db
        .prepare(
          `SELECT key, ${looked}, outcomes, count(*) AS n FROM (
             SELECT 'shift:' || c.shift_id AS key, ${looks}, (SELECT json_group_array(o.slug) FROM call_outcomes o WHERE o.call_id = c.id) AS outcomes
             FROM calls c WHERE ${inShifts} AND c.scheme_id IN ${SEVERAL})
           GROUP BY key, ${looked}, outcomes`,
        )
        .all(params) as CallGroup[]),
    );
  }
  const counted = new Map<string, TotalsAgg>();
  for (const a of shiftRows) {
    for (const t of sheet) a[t.column] = 0;
    counted.set(a.key, a);
  }
  const perCode: CodeCount[] = [];
  const called = new Set<string>();
  for (const g of groups) {
    const a = counted.get(g.key);
    if (!a) continue;
    called.add(g.key);
    const call = countedCall(g);
    for (const t of sheet) if (takes(t.counts, call)) a[t.column] = Number(a[t.column]) + g.n;
    for (const result of call.outcomes) perCode.push({ key: g.key, result, n: g.n, schemes: [g.scheme_id] });
  }
  // With a campaign, a shift without its calls is left out.
  const shifts = campaignId === null ? shiftRows : shiftRows.filter((a) => called.has(a.key));

  // Calls outside every shift, per caller and day.
  const loose = db
    .prepare(
      `SELECT c.caller_id AS callerId, k.name AS caller, c.started_at AS startedAt, c.scheme_id AS schemeId,
              ${sheet.map((t) => `${matchSql(t.counts)} AS "${word(t.column)}"`).join(', ')},
              (SELECT json_group_array(o.slug) FROM call_outcomes o WHERE o.call_id = c.id) AS outcomes
       FROM calls c JOIN callers k ON k.id = c.caller_id
       WHERE c.shift_id IS NULL AND c.started_at >= @from AND c.started_at < @to
         ${callerId === null ? '' : 'AND c.caller_id = @callerId'} ${campaignId === null ? '' : 'AND c.campaign_id = @campaignId'}
       ORDER BY c.started_at`,
    )
    .iterate({ from, to, callerId, campaignId }) as IterableIterator<{
    callerId: number; caller: string; startedAt: string; schemeId: string; outcomes: string; [column: string]: string | number;
  }>;
  const looseAgg = new Map<string, TotalsAgg>();
  for (const c of loose) {
    const key = `day:${c.callerId}:${dayIn(new Date(c.startedAt), zone)}`;
    let a = looseAgg.get(key);
    if (!a) {
      a = { key, caller: c.caller, shiftStart: null, shiftEnd: null, firstCall: c.startedAt };
      for (const t of sheet) a[t.column] = 0;
      looseAgg.set(key, a);
    }
    for (const t of sheet) a[t.column] = Number(a[t.column] ?? 0) + Number(c[t.column]);
    for (const result of JSON.parse(c.outcomes) as string[]) perCode.push({ key, result, n: 1, schemes: [c.schemeId] });
  }

  return totalsRows([...shifts, ...looseAgg.values()], perCode, zone, now, schemeIds);
}

/**
 * The timesheet rows of shifts and callers' days (`aggs`) with their per-code counts (`perCode`,
 * by the aggregate's key), in `zone`, sorted by start and caller, with the columns of the
 * schemes `schemeIds`: the same for either store.
 */
export function totalsRows(
  aggs: readonly TotalsAgg[], perCode: readonly CodeCount[], zone: string, now: Date, schemeIds: readonly string[],
): ShiftTotalsRow[] {
  const sheet = timesheetOf(schemeIds);
  const codes = resultColumns(schemeIds);
  const counts = new Map<string, Map<string, number>>();
  const schemes = new Map<string, Set<string>>();
  for (const p of perCode) {
    let m = counts.get(p.key);
    if (!m) counts.set(p.key, (m = new Map()));
    m.set(p.result, (m.get(p.result) ?? 0) + p.n);
    const mine = schemes.get(p.key) ?? new Set<string>();
    for (const id of p.schemes) mine.add(id);
    schemes.set(p.key, mine);
  }
  const rows = aggs.map((a): ShiftTotalsRow & { _sort: string; _key: string } => {
    const start = a.shiftStart ?? a.firstCall ?? '';
    const hoursUntil = a.shiftStart ? (a.shiftEnd ?? (now.toISOString() > a.shiftStart ? now.toISOString() : a.shiftStart)) : null;
    const hours = a.shiftStart && hoursUntil ? Math.round(((Date.parse(hoursUntil) - Date.parse(a.shiftStart)) / 3_600_000) * 100) / 100 : 0;
    const state = !a.shiftStart ? SHIFT_STATE.outside : a.shiftEnd ? SHIFT_STATE.ended : SHIFT_STATE.open;
    const row: ShiftTotalsRow & { _sort: string; _key: string } = {
      _sort: `${start}|${a.caller}`,
      _key: a.key,
      date: start ? dayIn(new Date(start), zone) : '',
      caller: a.caller,
      shift_start: a.shiftStart ? timeIn(new Date(a.shiftStart), zone) : '',
      shift_end: a.shiftEnd ? timeIn(new Date(a.shiftEnd), zone) : '',
      shift: state,
      time_zone: zone,
      hours,
    };
    for (const t of sheet) row[t.column] = Number(a[t.column] ?? 0);
    const m = counts.get(a.key);
    for (const column of codes) row[column] = m?.get(column.slice('result_'.length)) ?? 0;
    return row;
  });
  rows.sort((x, y) => x._sort.localeCompare(y._sort));
  return rows.map(({ _sort, _key, ...row }) => {
    ROW_SCHEMES.set(row, [...(schemes.get(_key) ?? [])]);
    return (void _sort, row);
  });
}

/**
 * The columns of shift totals: who and when, then the timesheet columns and a column per
 * result code of the schemes of `rows`' calls; with no rows, of the schemes `schemeIds` (a
 * report's campaign's; the default scheme's when none).
 */
export function totalsColumns(rows: readonly ShiftTotalsRow[] = [], schemeIds: readonly string[] = []): string[] {
  const head = [...TEXT_COLUMNS, 'hours'];
  const first = rows[0];
  if (first) return [...head, ...Object.keys(first).filter((k) => !head.includes(k))];
  return [...head, ...timesheetOf(schemeIds).map((c) => c.column), ...resultColumns(schemeIds)];
}

/** "3 dials", "1 dial": a column's count in the summary line's words. */
const counted = (c: TimesheetColumn, count: number) => `${count} ${(count === 1 ? c.one : undefined) ?? c.words ?? c.label.toLowerCase()}`;

/**
 * One line to paste into a timesheet, in the row's zone: each scheme's part (`schemeIds`, the
 * schemes of the shift's calls, by default those the row carries; the default scheme's when
 * none), a column said once.
 */
export function summaryLine(row: ShiftTotalsRow, schemeIds: readonly string[] = rowSchemes(row)): string {
  const n = (k: string) => Number(row[k] ?? 0);
  const time = (v: string | number | undefined) => String(v ?? '').slice(11);
  const hours = Number(row['hours']).toFixed(2);
  const when =
    row['shift'] === SHIFT_STATE.outside
      ? 'outside any shift'
      : row['shift'] === SHIFT_STATE.open
        ? `${time(row['shift_start'])}-open (${hours} h so far)`
        : `${time(row['shift_start'])}-${time(row['shift_end'])}${String(row['shift_end']).slice(0, 10) !== row['date'] ? ` ${String(row['shift_end']).slice(0, 10)}` : ''} (${hours} h)`;
  const said = new Set<string>();
  const parts = schemesOf(schemeIds).map((s) => {
    const part = s.summary ? s.summary(n) : s.timesheet.filter((c) => !said.has(c.column)).map((c) => counted(c, n(c.column))).join(', ');
    for (const c of s.timesheet) said.add(c.column);
    return part;
  });
  return `${row['date']} ${row['caller']} ${when}: ${parts.filter(Boolean).join('; ')}`;
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export async function writeTotals(rows: ShiftTotalsRow[], format: ExportFormat, file: string): Promise<void> {
  const columns = totalsColumns(rows);
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
  const callerId = q.caller === undefined ? null : ((db.prepare('SELECT id FROM callers WHERE name = ?').pluck().get(q.caller.trim()) as number | undefined) ?? -1);
  const p = { from, to, campaignId: campaignId ?? null, callerId };
  const calls = `FROM calls c WHERE ${callsIn(p.campaignId, callerId)}`;
  // Every outcome chosen for a call counts (one per dimension where the scheme has them); the
  // share is of the calls. Each scheme's results are counted from their stretches of the
  // index; only when some call has a result no registered scheme has are they sorted by result.
  const total = db.prepare(`SELECT count(*) ${calls}`).pluck().get(p) as number;
  const known = db.prepare(`SELECT count(*) ${calls} AND ${ofSchemes(SCHEMES)}`).pluck().get(p) as number;
  const exact = known === total;
  const single = exact ? ofSchemes(SCHEMES.filter((s) => !s.dimensions)) : `c.scheme_id NOT IN ${SEVERAL}`;
  const several = exact ? ofSchemes(SCHEMES.filter((s) => s.dimensions)) : `c.scheme_id IN ${SEVERAL}`;
  const counts = db
    .prepare(
      `SELECT result, sum(n) AS n FROM (
         SELECT c.result, count(*) AS n ${calls} AND ${single} GROUP BY c.campaign_id, c.scheme_id, c.result
         UNION ALL
         SELECT o.slug AS result, count(*) AS n FROM call_outcomes o WHERE o.call_id IN (SELECT c.id ${calls} AND ${several}) GROUP BY o.slug
       ) GROUP BY result`,
    )
    .all(p) as { result: string; n: number }[];
  return outcomeRows(counts, schemes, total);
}

/** Outcomes chosen per result as the outcome mix: each result's label and reporting weight in its scheme, and its share of the calls. */
export function outcomeRows(
  counts: readonly { result: string; n: number }[], schemes: readonly OutcomeScheme[], total = counts.reduce((s, c) => s + c.n, 0),
): { total: number; rows: OutcomeRow[] } {
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
