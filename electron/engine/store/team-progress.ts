/**
 * The team store's supervisor reports (the calls behind a count, each list's
 * progress, each caller's figures and the trend by day), as reports.ts and progress.ts give them
 * from the SQLite file. The calls are grouped in PostgreSQL by what the counts look at and
 * counted once in JavaScript (counts.ts takes(), the schemes' own levels), so both stores agree.
 */
import type { CallCounts, CallerFigures, CallerRates, CallRowView, DayTrend, ListProgress } from '../../../shared/ipc/types.ts';
import { callerRatesOf, SCHEMES } from '../../../shared/schemes/index.ts';
import { schemeLevels, takes, topLevels } from '../counts.ts';
import { callerRatesView, listRates, withHours, type RateCount } from '../progress.ts';
import { TREND_COUNTS, trendView } from '../trend.ts';
import type { CallFilter } from '../reports.ts';
import { checkZone, localZone } from '../zone.ts';
import { alikeCalls, countedCall, FROM, REACHED, teamWhere, type Alike, type Query } from './team-reports.ts';

const TOP = new Set(schemeLevels(topLevels));

type Group = Alike & { scheme: string | null; who: string };

/** What a group of calls adds to the supervisors' counts. */
function addCounts(t: CallCounts, g: Group): void {
  const level = `${g.scheme}:${g.level}`;
  t.dials += g.n;
  t.contacts += REACHED.has(level) ? g.n : 0;
  t.dmContacts += TOP.has(level) ? g.n : 0;
  t.pitches += g.pitched ? g.n : 0;
  t.leads += g.new_lead ? g.n : 0;
  t.appointments += g.appointment ? g.n : 0;
}

/** The calls behind a count, newest first, with their notes (numbered in that order: a team call's id is the desk's). */
export async function teamCalls(q: Query, f: CallFilter, limit = 500): Promise<{ total: number; calls: CallRowView[] }> {
  const w = teamWhere(f);
  const [count] = await q<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${w.sql}`, w.args);
  const rows = await q<{ started_at: Date; caller: string; campaign: string | null; record_id: string; company: string | null; contact_name: string | null; level: string; pitched: boolean; result: string; outcomes: string[]; notes: string; scheme: string | null }>(
    `SELECT c.started_at, k.name AS caller, m.name AS campaign, c.record_id, r.company, r.contact_name, c.level, c.pitched, c.result, c.outcomes, c.notes, coalesce(c.scheme_id, m.scheme_id) AS scheme
     ${FROM} LEFT JOIN records r ON r.id = c.record_id WHERE ${w.sql} ORDER BY c.started_at DESC, c.id DESC LIMIT ${Math.trunc(limit)}`,
    w.args,
  );
  const calls = rows.map((c, i) => ({
    id: i + 1, startedAt: c.started_at.toISOString(), caller: c.caller, campaign: c.campaign ?? '', recordId: Number(c.record_id), company: c.company ?? '',
    contactName: c.contact_name ?? '', contactLevel: c.level, pitched: c.pitched, result: c.result, outcomes: c.outcomes.length ? c.outcomes : [c.result],
    notes: c.notes, schemeId: c.scheme ?? '',
  }));
  return { total: count?.n ?? 0, calls };
}

/** Every list of one campaign (or of all) as it stands now: on do-not-call (no number off the list), closed, fresh, in play. */
export async function teamListProgress(q: Query, campaignId?: number): Promise<ListProgress[]> {
  const rows = await q<Omit<ListProgress, 'penetration' | 'attemptsPerRecord' | 'listId' | 'campaignId'> & { listId: string; campaignId: string }>(
    `SELECT l.id AS "listId", l.name AS list, m.id AS "campaignId", m.name AS campaign, count(r.id)::int AS records,
            count(r.id) FILTER (WHERE d.ok AND r.status = 'open' AND r.attempts = 0)::int AS fresh,
            count(r.id) FILTER (WHERE d.ok AND r.status = 'open' AND r.attempts > 0)::int AS "inPlay",
            count(r.id) FILTER (WHERE d.ok AND r.status = 'closed')::int AS closed,
            count(r.id) FILTER (WHERE NOT d.ok)::int AS "onDnc",
            count(r.id) FILTER (WHERE r.attempts > 0)::int AS attempted,
            coalesce(sum(r.attempts), 0)::int AS attempts
     FROM lists l JOIN campaigns m ON m.id = l.campaign_id LEFT JOIN records r ON r.list_id = l.id
     LEFT JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164)) AS ok) d ON true
     WHERE $1::bigint IS NULL OR l.campaign_id = $1
     GROUP BY l.id, m.id ORDER BY m.name, l.imported_at, l.id`,
    [campaignId ?? null],
  );
  return rows.map((r) => listRates({ ...r, listId: Number(r.listId), campaignId: Number(r.campaignId) }));
}

const zero = (): CallCounts => ({ dials: 0, contacts: 0, dmContacts: 0, pitches: 0, leads: 0, appointments: 0 });

/** Per caller: the counts, and the hours of the shifts their calls were made in (progress.ts callerFigures). */
export async function teamCallerFigures(q: Query, f: CallFilter): Promise<CallerFigures[]> {
  const counts = new Map<string, CallCounts & { caller: string }>();
  for (const g of await alikeCalls(q, f, [])) {
    const t = counts.get(g.who) ?? { caller: g.who, ...zero() };
    addCounts(t, g);
    counts.set(g.who, t);
  }
  const w = teamWhere(f);
  const spans = await q<{ caller: string; shift_id: string | null; started_at: Date | null; ended_at: Date | null; first: Date; last: Date }>(
    `SELECT k.name AS caller, c.shift_id, s.started_at, s.ended_at, min(c.started_at) AS first, max(c.ended_at) AS last
     ${FROM} LEFT JOIN shifts s ON s.id = c.shift_id
     WHERE ${w.sql} GROUP BY k.name, c.shift_id, s.started_at, s.ended_at, CASE WHEN c.shift_id IS NULL THEN c.started_at END`,
    w.args,
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return withHours(
    [...counts.values()].sort((a, b) => (a.caller < b.caller ? -1 : a.caller > b.caller ? 1 : 0)),
    spans.map((s) => ({ caller: s.caller, shiftId: s.shift_id === null ? null : Number(s.shift_id), startedAt: iso(s.started_at), endedAt: iso(s.ended_at), firstCall: s.first.toISOString(), lastCall: s.last.toISOString() })),
    f.zone ?? localZone(),
  );
}

/** Per caller: the rates the schemes of the calls declare for the per-caller figures (progress.ts callerRates). */
export async function teamCallerRates(q: Query, f: CallFilter): Promise<CallerRates> {
  const rates = new Map(SCHEMES.map((s) => [s.id, callerRatesOf(s)]));
  const groups = await alikeCalls(q, f, [...rates.values()].flat().flatMap((r) => [r.numerator, r.denominator]));
  const ids = await teamShownSchemes(q, f, groups);
  const counts: RateCount[] = groups.flatMap((g) => {
    const call = countedCall(g);
    return (rates.get(g.scheme ?? '') ?? []).map((r) => ({
      caller: g.who, key: r.key, numerator: takes(r.numerator, call) ? g.n : 0, denominator: takes(r.denominator, call) ? g.n : 0,
    }));
  });
  return callerRatesView(ids, counts);
}

/** The schemes of the filter's calls (`groups`), else of its campaign: the schemes a report shows (trend.ts shownSchemes). */
async function teamShownSchemes(q: Query, f: CallFilter, groups: readonly Group[]): Promise<string[]> {
  const ids = [...new Set(groups.flatMap((g) => (g.scheme === null ? [] : [g.scheme])))];
  if (ids.length > 0 || f.campaignId === undefined) return ids;
  return (await q<{ scheme_id: string }>('SELECT scheme_id FROM campaigns WHERE id = $1', [f.campaignId])).map((r) => r.scheme_id);
}

/** The trend by day over the team's calls, per day of the report's zone (trend.ts dailyTrend). */
export async function teamDayTrend(q: Query, f: CallFilter): Promise<DayTrend> {
  const day = { sql: (zone: string) => `to_char(c.started_at AT TIME ZONE ${zone}::text, 'YYYY-MM-DD')`, arg: checkZone(f.zone ?? localZone()) };
  const groups = await alikeCalls(q, f, TREND_COUNTS, [], day);
  const calls = groups.map((g) => ({ day: g.who, scheme: g.scheme, call: countedCall(g), n: g.n }));
  return trendView(f.from, f.to, await teamShownSchemes(q, f, groups), calls);
}
