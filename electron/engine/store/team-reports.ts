/**
 * The team store's reports that count calls the way a scheme declares (counts.ts): the calls
 * are grouped in PostgreSQL by what the counts look at, and each group is counted once in
 * JavaScript with takes(), the same conditions as the SQLite store's SQL.
 */
import type pg from 'pg';
import { FUNNEL_STAGES, getScheme, type CallCount, type RatePer } from '../../../shared/schemes/index.ts';
import type { RateRowView, RatesView } from '../../../shared/ipc/types.ts';
import { contactLevels, schemeLevels, takes, word, type CountedCall } from '../counts.ts';
import { rateValue } from '../rates.ts';
import type { CallFilter, Funnel } from '../reports.ts';
import { dayspan, type TotalsQuery } from '../totals.ts';
import { checkZone, localZone } from '../zone.ts';

/** Calls that look alike to a count: what it may look at, and how many. */
export interface Alike {
  level: string | null;
  pitched: boolean | null;
  new_lead: boolean | null;
  lead_kind: string | null;
  appointment: boolean | null;
  result: string | null;
  outcomes: string[] | null;
  flags: Record<string, boolean> | null;
  fields: Record<string, unknown> | null;
  n: number;
}

/** A group of alike calls as counts.ts's takes() looks at one call. */
export const countedCall = (g: Alike): CountedCall => ({
  level: g.level ?? '', flags: { pitched: g.pitched === true, ...g.flags }, outcomes: g.outcomes?.length ? g.outcomes : g.result === null ? [] : [g.result],
  newLead: g.new_lead === true, leadKind: g.lead_kind, appointment: g.appointment === true, fields: g.fields ?? {},
});

/** The field values that `counts` (and `also`) look at, as a jsonb object over the calls `c`: calls that differ only in other fields group together. */
export function fieldsSql(counts: readonly CallCount[], also: readonly string[] = []): string {
  const keys = [...new Set([...counts.flatMap((k) => (k.field ? [k.field.key] : [])), ...also])].map(word);
  return keys.length === 0 ? "'{}'::jsonb" : `jsonb_strip_nulls(jsonb_build_object(${keys.map((k) => `'${k}', c.fields->'${k}'`).join(', ')}))`;
}

/** The calls `c` with their caller `k` and campaign `m` (a call's scheme is its own, else its campaign's). */
export const FROM = 'FROM calls c JOIN callers k ON k.id = c.caller_id LEFT JOIN campaigns m ON m.id = c.campaign_id';
const SCHEME = 'coalesce(c.scheme_id, m.scheme_id)';
/** "scheme:level" of every contact level (counts.ts contactLevels). */
export const REACHED = new Set(schemeLevels(contactLevels));

/** A report filter as a PostgreSQL condition over FROM's calls (reports.ts `where` for the SQLite file). */
export function teamWhere(f: CallFilter): { sql: string; args: unknown[] } {
  const range = dayspan(f.from, f.to, checkZone(f.zone ?? localZone()));
  const args: unknown[] = [range.from, range.to];
  const parts = ['c.started_at >= $1', 'c.started_at < $2'];
  const add = (sql: (p: string) => string, value: unknown) => {
    args.push(value);
    parts.push(sql(`$${args.length}`));
  };
  if (f.campaignId !== undefined) add((p) => `c.campaign_id = ${p}`, f.campaignId);
  if (f.caller !== undefined) add((p) => `k.name = ${p}`, f.caller.trim());
  if (f.result !== undefined) add((p) => `${p} = ANY (c.outcomes)`, f.result);
  if (f.flag !== undefined) add((p) => `(c.flags ->> ${p}::text = 'true' OR (${p}::text = 'pitched' AND c.pitched))`, f.flag);
  if (f.level !== undefined) add((p) => `c.level = ${p}`, f.level);
  if (f.levels !== undefined && f.levels.length > 0) add((p) => `c.level = ANY (${p}::text[])`, [...f.levels]);
  if (f.reached !== undefined) add((p) => `coalesce(${SCHEME} || ':' || c.level = ANY (${p}::text[]), false) = ${f.reached}`, [...REACHED]);
  if (f.leadKind !== undefined) add((p) => `c.lead_kind = ${p}`, f.leadKind);
  if (f.pitched !== undefined) add((p) => `c.pitched = ${p}`, f.pitched);
  if (f.newLead !== undefined) add((p) => `c.new_lead = ${p}`, f.newLead);
  if (f.appointment !== undefined) add((p) => `c.appointment = ${p}`, f.appointment);
  if (f.shiftId !== undefined) add((p) => `c.shift_id = ${p}`, f.shiftId);
  return { sql: parts.join(' AND '), args };
}

/**
 * The filter's calls grouped by `by` (`who`: their caller's name unless `by` says another
 * expression over FROM, with its parameter) and by their scheme and what `counts` (and the
 * fields `also`) look at.
 */
export async function alikeCalls(
  q: Query, f: CallFilter, counts: readonly CallCount[], also: readonly string[] = [], by: { sql: (param: string) => string; arg: unknown } = { sql: () => 'k.name', arg: undefined },
): Promise<(Alike & { who: string; scheme: string | null })[]> {
  const w = teamWhere(f);
  const args = by.arg === undefined ? w.args : [...w.args, by.arg];
  return q<Alike & { who: string; scheme: string | null }>(
    `SELECT ${by.sql(`$${w.args.length + 1}`)} AS who, ${SCHEME} AS scheme, c.level, c.pitched, c.new_lead, c.lead_kind, c.appointment, c.result, c.outcomes, c.flags,
            ${fieldsSql(counts, also)} AS fields, count(*)::int AS n
     ${FROM} WHERE ${w.sql} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    args,
  );
}

/** The funnel (reports.ts funnel) over the team's calls: each stage counted with takes(), as the SQLite store's SQL counts it. */
export async function teamFunnel(q: Query, f: CallFilter): Promise<Funnel> {
  const groups = await alikeCalls(q, f, FUNNEL_STAGES.map((s) => s.counts));
  const funnel: Funnel = Object.fromEntries(FUNNEL_STAGES.map((s) => [s.key, 0]));
  for (const g of groups) {
    const call = countedCall(g);
    for (const s of FUNNEL_STAGES) if (takes(s.counts, call)) funnel[s.key] = (funnel[s.key] ?? 0) + g.n;
  }
  return funnel;
}

/** What a rates report covers (the Store's `rates`). */
export type RatesQuery = Pick<TotalsQuery, 'from' | 'to' | 'zone' | 'caller'>;

/** A query on the team database whose refusals reach the person in words (postgres.ts). */
export type Query = <T extends pg.QueryResultRow>(sql: string, args?: unknown[]) => Promise<T[]>;

/** The rates the campaign's scheme declares (rates.ts campaignRates over the team's calls). */
export async function teamRates(q: Query, campaign: { id: number; schemeId: string }, f: RatesQuery): Promise<RatesView> {
  const scheme = getScheme(campaign.schemeId);
  /** The field a row is grouped by for a product or host, as rates.ts picks it: the scheme's first of that type. */
  const fieldOf = (per: RatePer) => scheme.fields.find((x) => x.type === per)?.key;
  const counts = scheme.rates.flatMap((r) => [r.numerator, r.denominator]);
  const also = [...scheme.rates.flatMap((r) => (r.sum ? [r.sum] : [])), ...(['product', 'host'] as const).flatMap((p) => fieldOf(p) ?? [])];
  const groups = await alikeCalls(q, { from: f.from, to: f.to, zone: f.zone, caller: f.caller, campaignId: campaign.id }, counts, also);
  const calls = groups.map((g) => ({ who: g.who, n: g.n, call: countedCall(g) }));
  const rows: RateRowView[] = [];
  for (const rate of scheme.rates) {
    /** What one group of calls adds to the rate's numerator: calls, or the field's sum. */
    const top = (c: CountedCall, n: number) => {
      if (!takes(rate.numerator, c)) return 0;
      if (!rate.sum) return n;
      const v = c.fields?.[rate.sum];
      return typeof v === 'number' ? v * n : 0;
    };
    for (const per of ['campaign', ...(rate.per ?? []).filter((p) => p !== 'campaign')] as RatePer[]) {
      const key = per === 'campaign' || per === 'caller' ? undefined : fieldOf(per);
      if (per !== 'campaign' && per !== 'caller' && key === undefined) continue;
      const totals = new Map<string, { numerator: number; denominator: number }>();
      if (per === 'campaign') totals.set('', { numerator: 0, denominator: 0 });
      for (const { who, n, call } of calls) {
        const value = per === 'campaign' ? '' : per === 'caller' ? who : call.fields?.[key as string];
        if (value === undefined || value === null) continue;
        const t = totals.get(String(value)) ?? { numerator: 0, denominator: 0 };
        t.numerator += top(call, n);
        t.denominator += takes(rate.denominator, call) ? n : 0;
        totals.set(String(value), t);
      }
      for (const [who, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        rows.push({
          key: rate.key, label: rate.label, definition: rate.definition, per, who,
          numerator: t.numerator, denominator: t.denominator, value: rateValue(rate, t.numerator, t.denominator),
          ...(rate.sum ? { sum: rate.sum } : {}),
        });
      }
    }
  }
  return { schemeId: scheme.id, from: f.from, to: f.to, rows };
}
