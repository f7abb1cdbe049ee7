/**
 * Which count columns a set of rows shows, per place: the timesheet (exports, reports), the
 * caller's shift bar and the supervisor's team board, drawn from the schemes of the rows' calls.
 */
import type { LiveFigure } from '../../shared/ipc/types.ts';
import { DEFAULT_SCHEME_ID, getScheme, SCHEMES, type OutcomeScheme, type TimesheetColumn } from '../../shared/schemes/index.ts';
import type { ShiftTotalsRow } from './totals.ts';

/** The schemes whose timesheet columns a set of rows carries: those of its calls (the default scheme's when none). */
export function schemesOf(ids: readonly string[]): OutcomeScheme[] {
  const known = SCHEMES.filter((s) => ids.includes(s.id));
  return known.length ? known : [getScheme(DEFAULT_SCHEME_ID)];
}

/** The count columns of these schemes' timesheets, each once, in scheme order. */
export function timesheetOf(ids: readonly string[]): TimesheetColumn[] {
  return onceEach(schemesOf(ids).flatMap((s) => s.timesheet));
}

/**
 * The columns of the caller's shift bar for these schemes, each once, in scheme order: those a
 * scheme names for the bar (every one of its columns when it names none).
 */
export function barColumns(ids: readonly string[]): TimesheetColumn[] {
  return onceEach(schemesOf(ids).flatMap(barOf));
}

export const barOf = (s: OutcomeScheme) => (s.timesheet.some((c) => c.bar) ? s.timesheet.filter((c) => c.bar) : s.timesheet);
const onceEach = (columns: readonly TimesheetColumn[]) => columns.filter((c, i, all) => all.findIndex((x) => x.column === c.column) === i);

/** What the team board counts itself for every desk: dials allowed, calls logged, records closed. */
export const BOARD_OWN = ['dials', 'calls', 'closed'] as const;

/**
 * The columns of the supervisor's team board for these schemes, each once, in scheme order,
 * beside its own (BOARD_OWN): those a scheme names for it (`board`), else its bar's but one
 * counting every call (the board's Calls) or named as one of the board's own.
 */
export function boardColumns(ids: readonly string[]): TimesheetColumn[] {
  const own: readonly string[] = BOARD_OWN;
  return onceEach(
    schemesOf(ids).flatMap((s) => (s.board ? s.timesheet.filter((c) => s.board?.includes(c.column)) : barOf(s).filter((c) => Object.keys(c.counts).length > 0))),
  ).filter((c) => !own.includes(c.column));
}

/** The shift bar's figures for these schemes, counted as the shift's export row (`row`, none before its first call) counts them. */
export function liveFigures(row: ShiftTotalsRow | undefined, schemeIds: readonly string[]): LiveFigure[] {
  return barColumns(schemeIds).map((c) => ({ column: c.column, label: c.bar ?? c.label, count: Number(row?.[c.column] ?? 0) }));
}

