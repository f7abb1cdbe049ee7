import type { CallerFigures, CallerRates, ListProgress } from '../../shared/ipc/types.ts';
import { callerRatesOf, DEFAULT_SCHEME_ID, percent, SCHEMES } from '../../shared/schemes/index.ts';
import { countSql, literal, reachedSql, topLevelSql } from './counts.ts';
import type { DB } from './db/open.ts';
import { where, type CallFilter } from './reports.ts';
import { localDate } from './totals.ts';
import { shownSchemes } from './trend.ts';
import { localZone } from './zone.ts';

/**
 * What supervisors see of a campaign: how far each list has got, and each caller's figures.
 * Contacts and DM contacts follow the order of each call's scheme's levels (counts.ts).
 */

/**
 * Every list of one campaign (or of all), as it stands now. Each record is in exactly one of:
 * on do-not-call (no number off the list), closed, fresh (never attempted), in play.
 */
export function listProgress(db: DB, campaignId?: number): ListProgress[] {
  const rows = db
    .prepare(
      `SELECT l.id AS listId, l.name AS list, m.id AS campaignId, m.name AS campaign,
              count(r.id) AS records,
              coalesce(sum(r.dialable > 0 AND r.status = 'open' AND r.attempts = 0), 0) AS fresh,
              coalesce(sum(r.dialable > 0 AND r.status = 'open' AND r.attempts > 0), 0) AS inPlay,
              coalesce(sum(r.dialable > 0 AND r.status = 'closed'), 0) AS closed,
              coalesce(sum(r.dialable = 0), 0) AS onDnc,
              coalesce(sum(r.attempts > 0), 0) AS attempted,
              coalesce(sum(r.attempts), 0) AS attempts
       FROM lists l JOIN campaigns m ON m.id = l.campaign_id LEFT JOIN records r ON r.list_id = l.id
       WHERE l.importing = 0 ${campaignId === undefined ? '' : 'AND l.campaign_id = @campaignId'}
       GROUP BY l.id ORDER BY m.name, l.imported_at, l.id`,
    )
    .all({ campaignId }) as Omit<ListProgress, 'penetration' | 'attemptsPerRecord'>[];
  return rows.map(listRates);
}

/** A list's penetration and attempts per record from its counts (both stores). */
export const listRates = (r: Omit<ListProgress, 'penetration' | 'attemptsPerRecord'>): ListProgress => ({
  ...r,
  penetration: r.records ? Math.round((r.attempted / r.records) * 1000) / 10 : 0,
  attemptsPerRecord: r.records ? Math.round((r.attempts / r.records) * 100) / 100 : 0,
});

const sums = () => `count(*) AS dials,
  coalesce(sum(${reachedSql()}), 0) AS contacts,
  coalesce(sum(${topLevelSql()}), 0) AS dmContacts,
  coalesce(sum(c.pitched), 0) AS pitches,
  coalesce(sum(c.new_lead), 0) AS leads,
  coalesce(sum(c.appointment), 0) AS appointments`;

/**
 * Per caller over the filter's dates (and campaign, caller): dials, contacts, DM contacts,
 * pitches, leads, appointments, and the hours of the shifts those calls were made in (calls
 * outside a shift count from the first to the last of the day, an open shift up to its last call).
 */
export function callerFigures(db: DB, f: CallFilter): CallerFigures[] {
  const w = where(f);
  const counts = db
    .prepare(`SELECT k.name AS caller, ${sums()} FROM calls c JOIN callers k ON k.id = c.caller_id WHERE ${w.sql} GROUP BY k.id ORDER BY k.name`)
    .all(...w.args) as Omit<CallerFigures, 'hours' | 'dialsPerHour'>[];
  const spans = db
    .prepare(
      `SELECT k.name AS caller, c.shift_id AS shiftId, s.started_at AS startedAt, s.ended_at AS endedAt,
              min(c.started_at) AS firstCall, max(c.ended_at) AS lastCall
       FROM calls c JOIN callers k ON k.id = c.caller_id LEFT JOIN shifts s ON s.id = c.shift_id
       WHERE ${w.sql} GROUP BY k.id, c.shift_id, CASE WHEN c.shift_id IS NULL THEN c.started_at END`,
    )
    .all(...w.args) as CallSpan[];
  return withHours(counts, spans, f.zone ?? localZone());
}

/** A rate's count for one caller, over the calls of one scheme. */
export interface RateCount {
  caller: string;
  key: string;
  numerator: number;
  denominator: number;
}

/**
 * The per-caller rates of the schemes `schemeIds` (those of the calls shown; the default
 * scheme's when none) from each scheme's counts per caller: one column per rate key, in scheme
 * order, a key two schemes share counting both schemes' calls (both stores).
 */
export function callerRatesView(schemeIds: readonly string[], counts: readonly RateCount[]): CallerRates {
  const schemes = SCHEMES.filter((s) => schemeIds.includes(s.id));
  const columns = (schemes.length ? schemes : SCHEMES.filter((s) => s.id === DEFAULT_SCHEME_ID))
    .flatMap(callerRatesOf)
    .filter((r, i, all) => all.findIndex((x) => x.key === r.key) === i)
    .map(({ key, label, definition }) => ({ key, label, definition }));
  const by = new Map<string, Map<string, { numerator: number; denominator: number }>>();
  for (const c of counts) {
    const mine = by.get(c.caller) ?? new Map<string, { numerator: number; denominator: number }>();
    const t = mine.get(c.key) ?? { numerator: 0, denominator: 0 };
    mine.set(c.key, { numerator: t.numerator + c.numerator, denominator: t.denominator + c.denominator });
    by.set(c.caller, mine);
  }
  const callers = [...by.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((caller) => ({
    caller,
    rates: Object.fromEntries(columns.map((col) => {
      const t = by.get(caller)?.get(col.key);
      return [col.key, t ? percent(t.numerator, t.denominator) : null];
    })),
  }));
  return { columns, callers };
}

/** Per caller over the filter: the rates the schemes of the calls declare for the per-caller figures (callerRatesView). */
export function callerRates(db: DB, f: CallFilter): CallerRates {
  const w = where(f);
  const from = 'FROM calls c JOIN callers k ON k.id = c.caller_id';
  const ids = shownSchemes(db, f);
  const counts: RateCount[] = [];
  for (const scheme of SCHEMES.filter((s) => ids.includes(s.id))) {
    const rates = callerRatesOf(scheme);
    if (rates.length === 0) continue;
    const rows = db
      .prepare(
        `SELECT k.name AS caller, ${rates.map((r, i) => `${countSql(r.numerator)} AS n${i}, ${countSql(r.denominator)} AS d${i}`).join(', ')}
         ${from} WHERE ${w.sql} AND c.scheme_id = ${literal(scheme.id)} GROUP BY k.id`,
      )
      .all(...w.args) as ({ caller: string } & Record<string, number>)[];
    for (const row of rows) rates.forEach((r, i) => counts.push({ caller: row.caller, key: r.key, numerator: row[`n${i}`] ?? 0, denominator: row[`d${i}`] ?? 0 }));
  }
  return callerRatesView(ids, counts);
}

/** Each caller's counts with the hours their calls' spans make, and dials per hour (both stores). */
export function withHours(counts: readonly Omit<CallerFigures, 'hours' | 'dialsPerHour'>[], spans: readonly CallSpan[], zone: string): CallerFigures[] {
  const hours = spanHours(spans, zone);
  return counts.map((c) => {
    const h = Math.round((hours.get(c.caller) ?? 0) * 100) / 100;
    return { ...c, hours: h, dialsPerHour: h > 0 ? Math.round((c.dials / h) * 10) / 10 : null };
  });
}

/** What a caller's calls span: a shift (its start and end), or a call outside one (its own times). */
export interface CallSpan {
  caller: string;
  shiftId: number | null;
  startedAt: string | null;
  endedAt: string | null;
  firstCall: string;
  lastCall: string;
}

/**
 * Each caller's hours from their calls' spans: a shift from its start to its end (an open one up
 * to its last call), calls outside a shift per day of `zone`, from the day's first to its last.
 */
function spanHours(spans: readonly CallSpan[], zone: string): Map<string, number> {
  // Calls outside a shift count per day of the report's zone, from the day's first to its last.
  const loose = new Map<string, { caller: string; shiftId: null; startedAt: null; endedAt: null; firstCall: string; lastCall: string }>();
  for (const s of spans.filter((x) => x.shiftId === null)) {
    const key = `${s.caller}|${localDate(new Date(s.firstCall), zone)}`;
    const day = loose.get(key);
    if (!day) loose.set(key, { caller: s.caller, shiftId: null, startedAt: null, endedAt: null, firstCall: s.firstCall, lastCall: s.lastCall });
    else {
      if (s.firstCall < day.firstCall) day.firstCall = s.firstCall;
      if (s.lastCall > day.lastCall) day.lastCall = s.lastCall;
    }
  }
  const hours = new Map<string, number>();
  for (const s of [...spans.filter((x) => x.shiftId !== null), ...loose.values()]) {
    const start = s.startedAt ?? s.firstCall;
    // A shift still open (or left open) counts up to its last call so far.
    const end = s.shiftId === null || s.endedAt === null ? s.lastCall : s.endedAt;
    hours.set(s.caller, (hours.get(s.caller) ?? 0) + Math.max(0, Date.parse(end) - Date.parse(start)) / 3_600_000);
  }
  return hours;
}
