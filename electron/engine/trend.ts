import type { DayTrend, TrendColumnView } from '../../shared/ipc/types.ts';
import type { OutcomeScheme } from '../../shared/schemes/index.ts';
import { SCHEMES } from '../../shared/schemes/index.ts';
import { takes, type CountedCall } from './counts.ts';
import type { DB } from './db/open.ts';
import { where, type CallFilter } from './reports.ts';
import { barOf, schemesOf } from './columns.ts';
import { countedCall, localDate, SEVERAL, type CallGroup } from './totals.ts';
import { localZone } from './zone.ts';

/**
 * The Reports screen's trend by day: each scheme's own columns (its `trend`, else its shift
 * bar's), counted per day of the report's zone as the timesheet counts them (counts.ts takes),
 * the same for either store.
 */

/** A scheme's trend columns and those its chart draws (the bar's, the first four drawn, when it declares none). */
const trendOf = (s: OutcomeScheme) => s.trend ?? { columns: barOf(s), chart: barOf(s).slice(0, 4).map((c) => c.column) };

/** What every scheme's trend columns count (the team store fetches the fields they look at). */
export const TREND_COUNTS = SCHEMES.flatMap((s) => trendOf(s).columns.map((c) => c.counts));

/** The trend's columns for these schemes (the default scheme's when none), each once, in scheme order. */
export function trendColumns(schemeIds: readonly string[]): TrendColumnView[] {
  return schemesOf(schemeIds)
    .flatMap((s) => trendOf(s).columns.map((c) => ({ column: c.column, label: c.bar ?? c.label, chart: trendOf(s).chart.includes(c.column) })))
    .filter((c, i, all) => all.findIndex((x) => x.column === c.column) === i);
}

/** Calls alike on one day: their scheme, how a count looks at them, and how many. */
export interface DayCalls {
  day: string;
  scheme: string | null;
  call: CountedCall;
  n: number;
}

/**
 * Every day of the range from `from` to `to` (at most a year of them; days without calls are
 * zeros) with the counts of the columns of the schemes `schemeIds`, each call counted by its own
 * scheme's columns.
 */
export function trendView(from: string, to: string, schemeIds: readonly string[], calls: Iterable<DayCalls>): DayTrend {
  const columns = trendColumns(schemeIds);
  const days = new Map<string, Record<string, number>>();
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < 366; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > to) break;
    days.set(day, Object.fromEntries(columns.map((c) => [c.column, 0])));
  }
  const own = new Map(SCHEMES.map((s) => [s.id, trendOf(s).columns]));
  for (const c of calls) {
    const counts = days.get(c.day);
    if (!counts) continue;
    for (const col of own.get(c.scheme ?? '') ?? []) {
      if (col.column in counts && takes(col.counts, c.call)) counts[col.column] = (counts[col.column] ?? 0) + c.n;
    }
  }
  return { columns, days: [...days].map(([day, counts]) => ({ day, counts })) };
}

/** The schemes of the filter's calls, else of its campaign (none without either): the schemes a report shows. */
export function shownSchemes(db: DB, f: CallFilter): string[] {
  const w = where(f);
  const ids = db.prepare(`SELECT DISTINCT c.scheme_id FROM calls c JOIN callers k ON k.id = c.caller_id WHERE ${w.sql}`).pluck().all(...w.args) as string[];
  if (ids.length > 0 || f.campaignId === undefined) return ids;
  return db.prepare('SELECT scheme_id FROM campaigns WHERE id = ?').pluck().all(f.campaignId) as string[];
}

/** The trend by day over the SQLite file's calls. */
export function dailyTrend(db: DB, f: CallFilter): DayTrend {
  const w = where(f);
  const zone = f.zone ?? localZone();
  const schemeIds = shownSchemes(db, f);
  const rows = db
    .prepare(
      `SELECT c.started_at AS startedAt, c.result, c.scheme_id, c.contact_level, c.flags, c.new_lead, c.lead_kind, c.appointment, c.fields, 1 AS n,
              CASE WHEN c.scheme_id IN ${SEVERAL} THEN (SELECT json_group_array(o.slug) FROM call_outcomes o WHERE o.call_id = c.id) END AS outcomes
       FROM calls c JOIN callers k ON k.id = c.caller_id WHERE ${w.sql}`,
    )
    .iterate(...w.args) as IterableIterator<CallGroup & { startedAt: string }>;
  function* calls(): Generator<DayCalls> {
    for (const r of rows) yield { day: localDate(new Date(r.startedAt), zone), scheme: r.scheme_id, call: countedCall(r), n: 1 };
  }
  return trendView(f.from, f.to, schemeIds, calls());
}
