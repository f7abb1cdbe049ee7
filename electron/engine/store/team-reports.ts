/**
 * The team store's reports that count calls the way a scheme declares (counts.ts): the calls
 * are grouped in PostgreSQL by what the counts look at, and each group is counted once in
 * JavaScript with takes(), the same conditions as the SQLite store's SQL.
 */
import type pg from 'pg';
import { FUNNEL_STAGES, getScheme, type CallCount, type RatePer } from '../../../shared/schemes/index.ts';
import type { RateRowView, RatesView } from '../../../shared/ipc/types.ts';
import { takes, word, type CountedCall } from '../counts.ts';
import { rateValue } from '../rates.ts';
import type { Funnel } from '../reports.ts';
import { dayspan, type TotalsQuery } from '../totals.ts';
import type { FunnelQuery } from './types.ts';
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

/**
 * The calls of a range (days in `zone`), of one campaign or all and one caller or all, grouped
 * by their caller (`who`) and what `counts` (and the fields `also`) look at.
 */
async function alikeCalls(q: Query, f: FunnelQuery, counts: readonly CallCount[], also: readonly string[] = []): Promise<(Alike & { who: string })[]> {
  const { from, to } = dayspan(f.from, f.to, checkZone(f.zone ?? localZone()));
  return q<Alike & { who: string }>(
    `SELECT k.name AS who, c.level, c.pitched, c.new_lead, c.lead_kind, c.appointment, c.result, c.outcomes, c.flags,
            ${fieldsSql(counts, also)} AS fields, count(*)::int AS n
     FROM calls c JOIN callers k ON k.id = c.caller_id
     WHERE c.started_at >= $1 AND c.started_at < $2 AND ($3::bigint IS NULL OR c.campaign_id = $3) AND ($4::text IS NULL OR k.name = $4)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    [from, to, f.campaignId ?? null, f.caller?.trim() ?? null],
  );
}

/** The funnel (reports.ts funnel) over the team's calls: each stage counted with takes(), as the SQLite store's SQL counts it. */
export async function teamFunnel(q: Query, f: FunnelQuery): Promise<Funnel> {
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
