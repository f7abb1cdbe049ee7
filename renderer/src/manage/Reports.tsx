import { useCallback, useEffect, useState } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import type { CallRowView, CampaignSummary, FunnelView, OutcomeMixView, TotalsRow } from '../../../shared/ipc/types.ts';
import { codeLabel, DEFAULT_SCHEME_ID, FUNNEL_STAGES, getScheme, levelLabel, TIMESHEET_COLUMNS, type CallCount } from '../../../shared/schemes/index.ts';
import { api, unwrap } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { Problem } from '../Problem.tsx';
import { CallerFigures } from './CallerFigures.tsx';
import { ListProgress } from './ListProgress.tsx';
import { Rates } from './Rates.tsx';
import { outcomeWords } from '../work/RecordHistory.tsx';
import { Trend } from './Trend.tsx';

type Filter = Input<'reports:calls'>;
/** The totals table: who and when, then the count columns of the schemes of the rows (of the campaign's scheme when there are none). */
const shown = (columns: readonly string[]) => columns.filter((c) => c in LABEL);
const LABEL: Record<string, string> = {
  date: 'Date', caller: 'Caller', shift_start: 'Start', shift_end: 'End', shift: 'Shift', hours: 'Hours',
  ...Object.fromEntries(TIMESHEET_COLUMNS.map((t) => [t.column, t.label])),
};
/** The calls a declared count takes, as a filter for the calls behind it; null when the filter cannot say it (a field's value, one of several outcomes). */
const filterOf = ({ levels, outcome, outcomes, field, ...rest }: CallCount): Partial<Filter> | null =>
  outcomes || field ? null : { ...rest, ...(outcome ? { result: outcome } : {}), ...(levels ? { levels: [...levels] } : {}) };
/** The calls behind a totals column: the column's own count. */
const COLUMN_FILTER: Record<string, Partial<Filter> | null> = Object.fromEntries(TIMESHEET_COLUMNS.map((t) => [t.column, filterOf(t.counts)]));
const WEIGHT_COLOR: Record<string, string> = { positive: 'var(--ok)', neutral: 'var(--muted)', negative: 'var(--error)' };

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** This computer's zone: the shift bar's, so the table's times read alike. */
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '–');

export function Reports({ campaigns, notify }: { campaigns: CampaignSummary[]; notify: (m: string, k?: 'info' | 'error') => void }) {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(isoDay(today));
  const [caller, setCaller] = useState('');
  const [campaignId, setCampaignId] = useState<number | null>(campaigns[0]?.id ?? null);
  const [callers, setCallers] = useState<string[]>([]);
  const [totals, setTotals] = useState<{ columns: string[]; rows: TotalsRow[]; totals: TotalsRow; zone: string } | null>(null);
  const [mix, setMix] = useState<OutcomeMixView | null>(null);
  const [funnel, setFunnel] = useState<FunnelView | null>(null);
  const [drill, setDrill] = useState<{ title: string; total: number; calls: CallRowView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const base = useCallback((): Filter => ({ from, to, zone: ZONE, ...(caller ? { caller } : {}), ...(campaignId ? { campaignId } : {}) }), [from, to, caller, campaignId]);

  // Every figure on the screen answers to every filter: dates, caller and campaign.
  const fetchReports = useCallback(() => {
    const scope = { from, to, ...(caller ? { caller } : {}), ...(campaignId ? { campaignId } : {}), zone: ZONE };
    return Promise.all([unwrap(api().listCallers({})), unwrap(api().shiftTotals(scope)), unwrap(api().funnel(base())), unwrap(api().outcomeMix(scope))]);
  }, [from, to, caller, campaignId, base]);

  useEffect(() => {
    fetchReports()
      .then(([c, t, f, m]) => {
        setCallers(c);
        setTotals(t);
        setFunnel(f);
        setMix(m);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [fetchReports]);

  const open = async (title: string, filter: Partial<Filter>, scope: Filter = base()) => {
    try {
      const r = await unwrap(api().callsBehind({ zone: ZONE, ...scope, ...filter }));
      setDrill({ title, ...r });
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };
  const exportAs = async (format: 'csv' | 'xlsx' | 'pdf') => {
    try {
      const r = await unwrap(api().exportTotals({ from, to, ...(caller ? { caller } : {}), ...(campaignId ? { campaignId } : {}), format, zone: ZONE }));
      if (r) notify(`Saved ${r.path}`);
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };
  // The outcome mix is the chosen campaign's, in its scheme's words.
  const scheme = getScheme(campaigns.find((c) => c.id === campaignId)?.schemeId ?? DEFAULT_SCHEME_ID);
  const label = (slug: string) => codeLabel(scheme, slug);
  const count = (n: number | string | undefined, title: string, filter: Partial<Filter>, scope?: Filter) => (
    <button type="button" className="link count-link" onClick={() => void open(title, filter, scope)} aria-label={`${n} ${title}: show the calls`}>
      {n}
    </button>
  );

  /** A count that opens its calls when the filter can say which they are; otherwise the number alone. */
  const drillable = (n: number | string | undefined, title: string, filter: Partial<Filter> | null | undefined, scope?: Filter) =>
    filter ? count(n, title, filter, scope) : n;

  return (
    <section className="panel reports" aria-labelledby="reports-title">
      <div className="row spread">
        <h2 id="reports-title">Reports</h2>
        <div className="row no-print">
          <button type="button" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('xlsx')}>
            Export XLSX
          </button>
          <button type="button" onClick={() => void exportAs('pdf')}>
            Save as PDF
          </button>
        </div>
      </div>
      <div className="row no-print">
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Caller
          <select value={caller} onChange={(e) => setCaller(e.target.value)}>
            <option value="">All callers</option>
            {callers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Campaign
          <select value={campaignId ?? ''} onChange={(e) => setCampaignId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">All campaigns</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Problem text={error} />
      {totals && (
        <div className="table-scroll">
          <table className="totals-table">
            <caption>Shift totals, times in {totals.zone}</caption>
            <thead>
              <tr>
                {shown(totals.columns).map((c) => (
                  <th key={c} scope="col">
                    {LABEL[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {totals.rows.map((r, i) => (
                <tr key={i}>
                  {shown(totals.columns).map((c) => {
                    const filter = COLUMN_FILTER[c];
                    const scope = { ...base(), from: String(r['date']), to: String(r['date']), caller: String(r['caller']) };
                    return <td key={c}>{drillable(r[c], `${LABEL[c]} by ${r['caller']} on ${r['date']}`, filter, scope)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                {shown(totals.columns).map((c) =>
                  c === 'date' ? (
                    <th key={c} scope="row">
                      {totals.totals[c]}
                    </th>
                  ) : (
                    <td key={c}>{drillable(totals.totals[c], `${LABEL[c]}, all shifts`, COLUMN_FILTER[c])}</td>
                  ),
                )}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <div className="cols">
        <CallerFigures filter={base()} />
        <Trend filter={base()} />
      </div>
      <Rates filter={base()} />
      <ListProgress campaignId={campaignId} />
      <div className="cols">
        {funnel && (
          <section aria-labelledby="funnel-title">
            <h3 id="funnel-title">Funnel</h3>
            <table aria-labelledby="funnel-title">
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Rate from the stage before</th>
                </tr>
              </thead>
              <tbody>
                {FUNNEL_STAGES.map((f) => (
                  <tr key={f.key}>
                    <th scope="row">{f.label}</th>
                    <td>{drillable(funnel[f.key] ?? 0, f.label, filterOf(f.counts))}</td>
                    <td>{f.rateFrom === null ? '' : rate(funnel[f.key] ?? 0, funnel[f.rateFrom] ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {mix && (
          <section aria-labelledby="mix-title">
            <h3 id="mix-title">Outcome mix ({mix.total} call{mix.total === 1 ? '' : 's'})</h3>
            <svg className="chart" role="img" aria-label="Outcome mix chart" width="100%" viewBox={`0 0 400 ${mix.rows.length * 22 + 4}`}>
              {mix.rows.map((r, i) => (
                <g key={r.result} transform={`translate(0 ${i * 22})`}>
                  <text x="0" y="15" fontSize="11" fill="currentColor">
                    {r.label}
                  </text>
                  <rect x="170" y="4" height="14" width={Math.max(2, (r.share / 100) * 200)} fill={WEIGHT_COLOR[r.weight]} />
                  <text x={176 + (r.share / 100) * 200} y="15" fontSize="11" fill="currentColor">
                    {r.share}%
                  </text>
                </g>
              ))}
            </svg>
            <table>
              <thead>
                <tr>
                  <th scope="col">Result</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Share</th>
                  <th scope="col">Weight</th>
                </tr>
              </thead>
              <tbody>
                {mix.rows.map((r) => (
                  <tr key={r.result}>
                    <th scope="row">{label(r.result)}</th>
                    <td>{count(r.calls, r.label, { result: r.result })}</td>
                    <td>{r.share}%</td>
                    <td className={`weight ${r.weight}`}>{r.weight}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
      {drill && (
        <section className="drill" aria-labelledby="drill-title">
          <div className="row spread">
            <h3 id="drill-title">
              {drill.title}: {drill.total} call{drill.total === 1 ? '' : 's'}
            </h3>
            <button type="button" onClick={() => setDrill(null)}>
              Close
            </button>
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Caller</th>
                <th scope="col">Company</th>
                <th scope="col">Level</th>
                <th scope="col">Result</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {drill.calls.map((c) => (
                <tr key={c.id}>
                  <td>{fmtDateTime(c.startedAt)}</td>
                  <td>{c.caller}</td>
                  <td>{c.company || c.contactName}</td>
                  <td>
                    {levelLabel(getScheme(c.schemeId), c.contactLevel)}
                    {c.pitched ? ', pitched' : ''}
                  </td>
                  <td>{outcomeWords(getScheme(c.schemeId), c)}</td>
                  <td className="note">{c.notes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
