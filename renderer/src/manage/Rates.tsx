import { useCallback, useId } from 'react';
import type { RateRowView } from '../../../shared/ipc/types.ts';
import { getScheme, type RatePer } from '../../../shared/schemes/index.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useReport } from './useReport.ts';

const PER_TITLE: Record<Exclude<RatePer, 'campaign'>, string> = { caller: 'By caller', product: 'By product', host: 'By host' };

/** A rate's figure: a share in percent, or a sum per call (e.g. deal value per sale); the parts in its title. */
function Figure({ row }: { row: RateRowView | undefined }) {
  if (!row) return <td className="muted">–</td>;
  const text = row.value === null ? '–' : row.sum ? row.value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : `${row.value}%`;
  return <td title={`${row.numerator.toLocaleString()} over ${row.denominator.toLocaleString()}`}>{text}</td>;
}

/**
 * The rates the campaign's scheme declares (`OutcomeScheme.rates`), for the campaign and broken
 * down as each rate says (per caller, product or host); each rate's definition is its
 * description. Rates belong to a scheme, so they need one campaign chosen.
 */
export function Rates({ filter }: { filter: { from: string; to: string; caller?: string; campaignId?: number; zone?: string } }) {
  const { from, to, caller, campaignId, zone } = filter;
  const ids = useId();
  const load = useCallback(async () => (campaignId ? unwrap(api().rates({ campaignId, from, to, caller, zone })) : null), [campaignId, from, to, caller, zone]);
  const { data, error } = useReport(load);
  const scheme = data ? getScheme(data.schemeId) : null;
  const rows = data?.rows ?? [];
  const find = (key: string, per: RatePer, who = '') => rows.find((r) => r.key === key && r.per === per && r.who === who);
  const breakdowns = (['caller', 'product', 'host'] as const).filter((per) => rows.some((r) => r.per === per));
  return (
    <section aria-labelledby={`${ids}-title`} className="rates">
      <h3 id={`${ids}-title`}>Rates{scheme ? `: ${scheme.name}` : ''}</h3>
      <Problem text={error} />
      {!campaignId && <p className="muted">Choose a campaign: its outcome scheme says which rates it reports.</p>}
      {scheme && (
        <div className="table-scroll">
          <table className="numbers">
            <caption className="sr-only">Rates for the campaign</caption>
            <thead>
              <tr>
                <th scope="col">Rate</th>
                <th scope="col">Campaign</th>
                <th scope="col">What it measures</th>
              </tr>
            </thead>
            <tbody>
              {scheme.rates.map((r) => (
                <tr key={r.key}>
                  <th scope="row" aria-describedby={`${ids}-${r.key}`}>
                    {r.label}
                  </th>
                  <Figure row={find(r.key, 'campaign')} />
                  <td className="muted" id={`${ids}-${r.key}`}>
                    {r.definition}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {scheme &&
        breakdowns.map((per) => {
          const rates = scheme.rates.filter((r) => r.per?.includes(per));
          const whos = [...new Set(rows.filter((r) => r.per === per).map((r) => r.who))];
          return (
            <div className="table-scroll" key={per}>
              <table className="numbers">
                <caption>Rates {PER_TITLE[per].toLowerCase()}</caption>
                <thead>
                  <tr>
                    <th scope="col">{PER_TITLE[per].replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th>
                    {rates.map((r) => (
                      <th scope="col" key={r.key} title={r.definition}>
                        {r.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {whos.map((who) => (
                    <tr key={who}>
                      <th scope="row">{who}</th>
                      {rates.map((r) => (
                        <Figure key={r.key} row={find(r.key, per, who)} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
    </section>
  );
}
