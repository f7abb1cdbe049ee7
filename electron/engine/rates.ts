import { getScheme, type Rate, type RatePer } from '../../shared/schemes/index.ts';
import type { RateRowView, RatesView } from '../../shared/ipc/types.ts';
import { countSql, sumSql, word } from './counts.ts';
import type { DB } from './db/open.ts';
import { getCampaign } from './campaigns.ts';
import { where, type CallFilter } from './reports.ts';

/**
 * The rates a campaign's scheme declares (`OutcomeScheme.rates`), each a count (or a field's
 * sum) of calls over another count, for the whole campaign and broken down as the rate says:
 * per caller, or per the product or host a call's fields name.
 */

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A rate's value: a percentage with one decimal, or a sum per call counted below it; null when nothing to divide by. */
export function rateValue(rate: Rate, numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return rate.sum ? Math.round((numerator / denominator) * 100) / 100 : round1((numerator / denominator) * 100);
}

export function campaignRates(db: DB, campaignId: number, f: Omit<CallFilter, 'campaignId'>): RatesView {
  const scheme = getScheme(getCampaign(db, campaignId).schemeId);
  const w = where({ ...f, campaignId });
  /** What a row is grouped by: nothing (the campaign), the caller, or the field of the first product or host declaration. */
  const groupSql = (per: RatePer): string | null => {
    if (per === 'campaign') return null;
    if (per === 'caller') return 'k.name';
    const field = scheme.fields.find((x) => x.type === per);
    return field ? `json_extract(c.fields, '$.${word(field.key)}')` : null;
  };
  const rows: RateRowView[] = [];
  for (const rate of scheme.rates) {
    const top = rate.sum ? sumSql(rate.numerator, rate.sum) : countSql(rate.numerator);
    for (const per of ['campaign', ...(rate.per ?? []).filter((p) => p !== 'campaign')] as RatePer[]) {
      const group = groupSql(per);
      if (per !== 'campaign' && group === null) continue;
      const found = db
        .prepare(
          `SELECT ${group ?? "''"} AS who, ${top} AS numerator, ${countSql(rate.denominator)} AS denominator
           FROM calls c JOIN callers k ON k.id = c.caller_id WHERE ${w.sql}
           ${group ? `AND ${group} IS NOT NULL GROUP BY ${group} ORDER BY ${group}` : ''}`,
        )
        .all(...w.args) as { who: string | null; numerator: number; denominator: number }[];
      for (const r of found) {
        rows.push({
          key: rate.key, label: rate.label, definition: rate.definition, per, who: String(r.who ?? ''),
          numerator: r.numerator, denominator: r.denominator, value: rateValue(rate, r.numerator, r.denominator),
          ...(rate.sum ? { sum: rate.sum } : {}),
        });
      }
    }
  }
  return { schemeId: scheme.id, from: f.from, to: f.to, rows };
}
